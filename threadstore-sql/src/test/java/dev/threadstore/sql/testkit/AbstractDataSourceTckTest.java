package dev.threadstore.sql.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole TCK against a SQL backend through {@link ThreadStore#create(javax.sql.DataSource, Map)}: every store runs
 * on a HikariCP pool the test made, as an application's would be. After each test every such pool must still be open
 * and hand out working connections although its store is closed: the store never closes a pool it did not create.
 *
 * <p>A backend's test (in the test jar's users, threadstore-sqlite and threadstore-postgres) extends it with
 * {@link #uri()}, a pool as an application configures one for that database, the options its store needs and how
 * to open one with a clock.
 */
public abstract class AbstractDataSourceTckTest implements ThreadStoreContract {

    private final List<Opened> opened = new ArrayList<>();

    private record Opened(HikariDataSource pool, ThreadStore store) {
    }

    /**
     * @param uri a URL from {@link #uri()}
     * @return an open pool on that database, configured as an application would configure it
     */
    protected abstract HikariDataSource applicationPool(String uri);

    /**
     * @param uri a URL from {@link #uri()}
     * @return the options a store on that URL's pool is opened with (PostgreSQL: the URL's schema)
     */
    protected abstract Map<String, String> options(String uri);

    /**
     * Opens a store on the pool with a clock of the test's, as {@code SqlThreadStore.open(dialect, dataSource, options,
     * clock)} does with the backend's dialect. (The test jar sits outside the module {@code dev.threadstore.sql},
     * whose package is exported to the backends only, so it cannot name the dialect itself.)
     *
     * @param pool the application's pool
     * @param options the store's options
     * @param clock the clock every timestamp the store writes is read from
     * @return the open store
     */
    protected abstract ThreadStore open(HikariDataSource pool, Map<String, String> options, Clock clock);

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
        String uri = uri();
        HikariDataSource pool = applicationPool(uri);
        ThreadStore store = open(pool, options(uri), clock);
        opened.add(new Opened(pool, store));
        return Optional.of(store);
    }

    private ThreadStore onApplicationPool(String uri) {
        HikariDataSource pool = applicationPool(uri);
        ThreadStore store = ThreadStore.create(pool, options(uri));
        opened.add(new Opened(pool, store));
        return store;
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
