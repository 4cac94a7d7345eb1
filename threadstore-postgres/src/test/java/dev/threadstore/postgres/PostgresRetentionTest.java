package dev.threadstore.postgres;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.testkit.AbstractRetentionTest;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention on PostgreSQL, a schema per test: see {@link AbstractRetentionTest}; two stores on one schema purge
 * disjoint batches ({@code FOR UPDATE SKIP LOCKED}).
 */
class PostgresRetentionTest extends AbstractRetentionTest {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    @Override
    protected String newUrl() {
        return database.newSchemaUrl();
    }

    @Override
    protected ThreadStore open(String url) {
        return database.track(ThreadStore.create(url));
    }

    @Override
    protected void undoTheExpiryChangeset(String url) throws Exception {
        String schema = StoreUri.parse(url).option("schema").orElseThrow();
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + schema + ".threads DROP COLUMN expires_at");
            s.execute("DELETE FROM " + schema + ".databasechangelog WHERE id = '7-thread-expiry'");
        }
    }
}
