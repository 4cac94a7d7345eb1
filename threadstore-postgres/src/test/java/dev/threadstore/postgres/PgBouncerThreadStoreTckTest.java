package dev.threadstore.postgres;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.SqlThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole TCK against PostgreSQL through PgBouncer in transaction mode ({@code THREADSTORE_TEST_PGBOUNCER_URL},
 * {@code pooler=pgbouncer}), each store in a schema of its own: consecutive transactions of one store run on
 * different server connections, and the stores of other tests share those connections. Skipped without the
 * variable, a failure with {@code -Dthreadstore.requirePgBouncer=true}; see {@link PostgresTestDatabase#viaPgBouncer()}.
 */
class PgBouncerThreadStoreTckTest implements ThreadStoreContract {

    @RegisterExtension
    final PostgresTestDatabase database = PostgresTestDatabase.viaPgBouncer();

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
