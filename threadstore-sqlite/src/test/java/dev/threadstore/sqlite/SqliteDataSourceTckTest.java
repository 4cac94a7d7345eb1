package dev.threadstore.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.FileStore;
import dev.threadstore.ThreadStore;
import dev.threadstore.sql.SqlThreadStore;
import dev.threadstore.sql.testkit.AbstractDataSourceTckTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole TCK against SQLite on the application's pool, a new file per store: see
 * {@link AbstractDataSourceTckTest}.
 */
class SqliteDataSourceTckTest extends AbstractDataSourceTckTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    Path tempDir;

    @Override
    public String uri() {
        return "sqlite:" + tempDir.resolve("d" + COUNTER.incrementAndGet() + ".db");
    }

    @Override
    public FileStore newFileStore() {
        return FileStore.create(tempDir.resolve("files" + COUNTER.incrementAndGet()).toString());
    }

    /** A pool as an application configures one for SQLite: foreign keys on, writers wait for the lock. */
    @Override
    protected HikariDataSource applicationPool(String uri) {
        return sqlitePool(uri);
    }

    /** The same pool, for tests outside the TCK (the write-path statement counts). */
    static HikariDataSource sqlitePool(String uri) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:" + uri + "?foreign_keys=true&busy_timeout=30000");
        pool.setMaximumPoolSize(8);
        return pool;
    }

    @Override
    protected Map<String, String> options(String uri) {
        return Map.of();
    }

    @Override
    protected ThreadStore open(HikariDataSource pool, Map<String, String> options, Clock clock) {
        return SqlThreadStore.open(new SqliteDialect(), pool, options, clock);
    }
}
