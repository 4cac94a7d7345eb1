package dev.threadstore.springai;

import dev.threadstore.ThreadStore;

/**
 * The adapter on the memory backend. Memory is per process, so every "store instance" of a test is the one store
 * (closing it twice is harmless).
 */
class MemoryChatMemoryAdapterTest extends ChatMemoryAdapterContract {

    private ThreadStore store;

    @Override
    ThreadStore openStore() {
        if (store == null) {
            store = ThreadStore.create("memory:");
        }
        return store;
    }
}
