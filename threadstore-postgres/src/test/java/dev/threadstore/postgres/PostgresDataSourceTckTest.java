package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.SqlThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole TCK against PostgreSQL through {@link ThreadStore#create(javax.sql.DataSource, Map)}: every store runs on
 * a HikariCP pool this test made, as an application's would be, in a schema of its own ({@code schema} option,
 * dropped after the test). After each test every such pool must still be open and hand out working connections
 * although its store is closed: the store never closes a pool it did not create.
 */
class PostgresDataSourceTckTest implements ThreadStoreContract {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    private final List<Opened> opened = new ArrayList<>();

    private record Opened(HikariDataSource pool, ThreadStore store) {
    }

    @Override
    public String uri() {
        return database.newSchemaUrl();
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
        StoreUri uri = StoreUri.parse(uri());
        HikariDataSource pool = applicationPool(uri);
        ThreadStore store = SqlThreadStore.open(new PostgresDialect(), pool, Map.of("schema", uri.option("schema").orElseThrow()),
                clock);
        opened.add(new Opened(pool, store));
        return Optional.of(store);
    }

    private ThreadStore onApplicationPool(String url) {
        StoreUri uri = StoreUri.parse(url);
        HikariDataSource pool = applicationPool(uri);
        ThreadStore store = ThreadStore.create(pool, Map.of("schema", uri.option("schema").orElseThrow()));
        opened.add(new Opened(pool, store));
        return store;
    }

    static HikariDataSource applicationPool(StoreUri uri) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(PostgresTestDatabase.jdbcUrl(uri));
        uri.user().ifPresent(pool::setUsername);
        uri.password().ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(10);
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
