package dev.threadstore.postgres;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.testkit.AbstractRememberedReadTest;
import dev.threadstore.sql.testkit.StatementLog;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The remembered read on PostgreSQL, three stores on one schema: see {@link AbstractRememberedReadTest}. */
class PostgresRememberedReadTest extends AbstractRememberedReadTest {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    @Override
    protected String newUrl() {
        return database.newSchemaUrl();
    }

    @Override
    protected ThreadStore openLogged(StatementLog log) {
        String schema = database.newSchema();
        com.zaxxer.hikari.HikariDataSource pool = database.track(PostgresDataSourceTckTest.applicationPool(
                StoreUri.parse(PostgresTestDatabase.url(schema))));
        return ThreadStore.create(log.wrap(pool), Map.of("schema", schema));
    }

    @Override
    protected ThreadStore open(String url, Map<String, String> options) {
        return database.track(ThreadStore.create(url, options));
    }
}
