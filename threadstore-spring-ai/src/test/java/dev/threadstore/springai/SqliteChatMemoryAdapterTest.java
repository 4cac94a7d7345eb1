package dev.threadstore.springai;

import dev.threadstore.ThreadStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The adapter on SQLite: every store instance of a test opens the same temporary database file. */
class SqliteChatMemoryAdapterTest extends ChatMemoryAdapterContract {

    @TempDir
    Path database;

    @Override
    ThreadStore openStore() {
        return ThreadStore.create("sqlite:" + database.resolve("chat.db"));
    }
}
