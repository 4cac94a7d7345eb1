package dev.threadstore.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.SqlThreadStore;
import dev.threadstore.sql.testkit.AbstractDataSourceTckTest;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole TCK against PostgreSQL on the application's pool, in a schema of its own per store ({@code schema}
 * option, dropped after the test): see {@link AbstractDataSourceTckTest}.
 */
class PostgresDataSourceTckTest extends AbstractDataSourceTckTest {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    @Override
    public String uri() {
        return database.newSchemaUrl();
    }

    @Override
    protected HikariDataSource applicationPool(String url) {
        StoreUri uri = StoreUri.parse(url);
        return applicationPool(uri);
    }

    /** A pool as an application would make it for the store at {@code uri}; also used by the write-path tests. */
    static HikariDataSource applicationPool(StoreUri uri) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(PostgresTestDatabase.jdbcUrl(uri));
        uri.user().ifPresent(pool::setUsername);
        uri.password().ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(10);
        return pool;
    }

    @Override
    protected Map<String, String> options(String url) {
        return Map.of("schema", StoreUri.parse(url).option("schema").orElseThrow());
    }

    @Override
    protected ThreadStore open(HikariDataSource pool, Map<String, String> options, Clock clock) {
        return SqlThreadStore.open(new PostgresDialect(), pool, options, clock);
    }
}
