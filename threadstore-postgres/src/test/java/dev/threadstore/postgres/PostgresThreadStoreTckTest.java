package dev.threadstore.postgres;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.SqlThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole TCK against PostgreSQL, each store in a schema of its own that is dropped after the test.
 * The server comes from {@code THREADSTORE_TEST_POSTGRES_URL} or Testcontainers; see {@link PostgresTestDatabase}.
 */
class PostgresThreadStoreTckTest implements ThreadStoreContract {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    @Override
    public String uri() {
        return database.newSchemaUrl();
    }

    @Override
    public ThreadStore newStore() {
        return database.track(ThreadStore.create(uri()));
    }

    @Override
    public Optional<ThreadStore> reopen(String uri) {
        return Optional.of(database.track(ThreadStore.create(uri)));
    }

    @Override
    public Optional<ThreadStore> newStore(Clock clock) {
        return Optional.of(database.track(SqlThreadStore.open(new PostgresDialect(), StoreUri.parse(uri()), clock)));
    }
}
