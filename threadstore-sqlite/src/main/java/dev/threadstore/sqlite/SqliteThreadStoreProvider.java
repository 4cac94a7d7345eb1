package dev.threadstore.sqlite;

import dev.threadstore.sql.SqlThreadStoreProvider;
import java.util.Set;

/**
 * Opens SQLite thread stores: {@code sqlite:///abs/path.db}, {@code sqlite:relative.db},
 * {@code sqlite+aiosqlite:///path.db}, {@code jdbc:sqlite:path.db}, and {@code :memory:} (one in-memory database
 * that lives as long as the store). Options: those {@link dev.threadstore.spi.StoreOptions} catalogues for
 * {@code sqlite} (the README's option table lists them): {@code busyTimeout} (milliseconds a writer waits for
 * another process's lock) and the SQL core's pool, {@code echo}, {@code migrate}, {@code migrationLockTimeout} and
 * {@code cache}. With {@code migrate=false} a missing database file is refused, never created, and no
 * {@code .migration-lock} file is written.
 *
 * <p>The database runs in WAL mode with {@code synchronous=NORMAL} and foreign keys on; several stores, in one
 * process or several, may share one file. Registered in {@code META-INF/services}; construct it through
 * {@link dev.threadstore.ThreadStore#create(String)}. Thread-safe.
 */
public final class SqliteThreadStoreProvider extends SqlThreadStoreProvider {

    /** Creates the provider; does no work. */
    public SqliteThreadStoreProvider() {
        super("SQLite", SqliteDialect::new);
    }

    @Override
    public Set<String> schemes() {
        return Set.of("sqlite");
    }
}
