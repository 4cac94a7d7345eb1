package dev.threadstore.memory;

import dev.threadstore.ThreadStore;
import dev.threadstore.tck.ThreadStoreContract;

/** The whole ThreadStore contract against the reference backend, opened the way an application opens it. */
class MemoryThreadStoreTckTest implements ThreadStoreContract {

    @Override
    public ThreadStore newStore() {
        return ThreadStore.create("memory:");
    }
}
