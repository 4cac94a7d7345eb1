package dev.threadstore.sqlite;

import dev.threadstore.ThreadStore;
import dev.threadstore.tck.ThreadStoreContract;

/** The whole TCK against {@code :memory:}: one private in-memory database per store. */
class SqliteInMemoryTckTest implements ThreadStoreContract {

    @Override
    public ThreadStore newStore() {
        return ThreadStore.create(":memory:");
    }
}
