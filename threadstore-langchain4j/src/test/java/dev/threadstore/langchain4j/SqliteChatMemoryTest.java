package dev.threadstore.langchain4j;

import dev.threadstore.ThreadStore;

/** The adapter on SQLite, a temporary database file; the second store opens the same file. */
class SqliteChatMemoryTest extends ChatMemoryBackendTest {

    private String url() {
        return "sqlite:" + dir.resolve("threads.db");
    }

    @Override
    ThreadStore openFirst() {
        return ThreadStore.create(url());
    }

    @Override
    ThreadStore openSecond() {
        return track(ThreadStore.create(url()));
    }
}
