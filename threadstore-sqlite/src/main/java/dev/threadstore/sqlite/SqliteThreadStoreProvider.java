package dev.threadstore.sqlite;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.SchemaInspector;
import dev.threadstore.spi.SchemaStatus;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadStoreProvider;
import dev.threadstore.sql.SqlSchemaInspector;
import dev.threadstore.sql.SqlThreadStore;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

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
 * {@link ThreadStore#create(String)}. Thread-safe.
 */
public final class SqliteThreadStoreProvider implements ThreadStoreProvider, SchemaInspector {

    /** Creates the provider; does no work. */
    public SqliteThreadStoreProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("sqlite");
    }

    @Override
    public ThreadStore open(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        return SqlThreadStore.open(new SqliteDialect(), uri);
    }

    /** @return {@code SQLite}, the product name its JDBC driver reports */
    @Override
    public Set<String> databaseProducts() {
        return Set.of("SQLite");
    }

    /**
     * Opens a store on the application's pool: see {@link ThreadStore#create(DataSource, Map)}. Options that configure
     * a pool do not apply.
     */
    @Override
    public ThreadStore open(DataSource dataSource, Map<String, String> options) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        return SqlThreadStore.open(new SqliteDialect(), dataSource, options);
    }

    /**
     * Reads which changesets of this backend's changelog have run on the database at {@code uri} and which are
     * pending, without migrating or creating anything.
     *
     * @param uri the store URL
     * @return the schema's status
     * @throws dev.threadstore.StoreConfigurationException if the URL is invalid or the credentials are refused
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached
     */
    @Override
    public SchemaStatus schemaStatus(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        return SqlSchemaInspector.schemaStatus(new SqliteDialect(), uri);
    }
}
