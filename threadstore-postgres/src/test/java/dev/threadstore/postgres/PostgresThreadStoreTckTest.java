package dev.threadstore.postgres;

import dev.threadstore.ThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole TCK against PostgreSQL, each store in a schema of its own that is dropped after the test.
 * The server comes from {@code THREADSTORE_TEST_POSTGRES_URL} or Testcontainers; see {@link PostgresTestDatabase}.
 */
class PostgresThreadStoreTckTest implements ThreadStoreContract {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    @Override
    public ThreadStore newStore() {
        return database.track(ThreadStore.create(database.newSchemaUrl()));
    }
}
