package dev.threadstore.langchain4j;

import dev.threadstore.ThreadStore;

/** The adapter on the memory backend; a "second store" is the same instance, as the backend lives in it. */
class MemoryChatMemoryTest extends ChatMemoryBackendTest {

    @Override
    ThreadStore openFirst() {
        return ThreadStore.create("memory:");
    }

    @Override
    ThreadStore openSecond() {
        return store;
    }
}
