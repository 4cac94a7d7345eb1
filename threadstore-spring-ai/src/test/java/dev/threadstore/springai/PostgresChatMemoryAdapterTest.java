package dev.threadstore.springai;

import dev.threadstore.ThreadStore;
import org.junit.jupiter.api.AfterEach;

/**
 * The adapter on PostgreSQL ({@code THREADSTORE_TEST_POSTGRES_URL}): every store instance of a test opens the same
 * fresh schema, dropped afterwards.
 */
class PostgresChatMemoryAdapterTest extends ChatMemoryAdapterContract {

    private final PostgresSchemas schemas = new PostgresSchemas();
    private String url;

    @Override
    ThreadStore openStore() {
        if (url == null) {
            url = schemas.newSchemaUrl();
        }
        return ThreadStore.create(url);
    }

    @AfterEach
    void dropSchemas() throws Exception {
        closeStores();
        schemas.dropAll();
    }
}
