package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.FileStore;
import dev.threadstore.ThreadStore;
import dev.threadstore.sql.SqlThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole TCK against SQLite through {@link ThreadStore#create(javax.sql.DataSource, Map)}: every store runs on a
 * HikariCP pool this test made, as an application's would be, on a new file. After each test every such pool must
 * still be open and hand out working connections although its store is closed: the store never closes a pool it did
 * not create.
 */
class SqliteDataSourceTckTest implements ThreadStoreContract {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    Path tempDir;

    private final List<Opened> opened = new ArrayList<>();

    private record Opened(HikariDataSource pool, ThreadStore store) {
    }

    @Override
    public String uri() {
        return "sqlite:" + tempDir.resolve("d" + COUNTER.incrementAndGet() + ".db");
    }

    @Override
    public ThreadStore newStore() {
        return onApplicationPool(uri());
    }

    @Override
    public Optional<ThreadStore> reopen(String uri) {
        return Optional.of(onApplicationPool(uri));
    }

    @Override
    public Optional<ThreadStore> newStore(Clock clock) {
        HikariDataSource pool = applicationPool(uri());
        ThreadStore store = SqlThreadStore.open(new SqliteDialect(), pool, Map.of(), clock);
        opened.add(new Opened(pool, store));
        return Optional.of(store);
    }

    @Override
    public FileStore newFileStore() {
        return FileStore.create(tempDir.resolve("files" + COUNTER.incrementAndGet()).toString());
    }

    private ThreadStore onApplicationPool(String uri) {
        HikariDataSource pool = applicationPool(uri);
        ThreadStore store = ThreadStore.create(pool, Map.of());
        opened.add(new Opened(pool, store));
        return store;
    }

    /** A pool as an application configures one for SQLite: foreign keys on, writers wait for the lock. */
    static HikariDataSource applicationPool(String uri) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:" + uri + "?foreign_keys=true&busy_timeout=30000");
        pool.setMaximumPoolSize(8);
        return pool;
    }

    @AfterEach
    void everyPoolOutlivesItsStore() throws SQLException {
        for (Opened o : opened) {
            o.store().close();
            assertThat(o.pool().isClosed()).as("the application's pool after store.close()").isFalse();
            try (Connection connection = o.pool().getConnection()) {
                assertThat(connection.isValid(5)).isTrue();
            }
            o.pool().close();
        }
        opened.clear();
    }
}
