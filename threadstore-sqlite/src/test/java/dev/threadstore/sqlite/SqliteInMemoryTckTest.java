package dev.threadstore.sqlite;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.SqlThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.time.Clock;
import java.util.Optional;

/**
 * The whole TCK against {@code :memory:}: one private in-memory database per store. Nothing survives a
 * close, so the durability tests are skipped.
 */
class SqliteInMemoryTckTest implements ThreadStoreContract {

    @Override
    public String uri() {
        return ":memory:";
    }

    @Override
    public Optional<ThreadStore> newStore(Clock clock) {
        return Optional.of(SqlThreadStore.open(new SqliteDialect(), StoreUri.parse(uri()), clock));
    }
}
