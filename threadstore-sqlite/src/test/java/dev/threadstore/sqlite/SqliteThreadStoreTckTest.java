package dev.threadstore.sqlite;

import dev.threadstore.ThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The whole TCK against a SQLite file, a new one for every store. */
class SqliteThreadStoreTckTest implements ThreadStoreContract {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    Path tempDir;

    @Override
    public ThreadStore newStore() {
        return ThreadStore.create("sqlite:" + tempDir.resolve("t" + COUNTER.incrementAndGet() + ".db"));
    }
}
