package dev.threadstore.sqlite;

import dev.threadstore.FileStore;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.SqlThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole TCK against a SQLite file, a new one for every store; a file can be reopened, so durability is
 * checked. The attachment tests run against the local file store ({@code threadstore-files}), so the real
 * pair an application deploys is covered too (the other TCK classes use the TCK's in-memory file store).
 */
class SqliteThreadStoreTckTest implements ThreadStoreContract {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    Path tempDir;

    @Override
    public String uri() {
        return "sqlite:" + tempDir.resolve("t" + COUNTER.incrementAndGet() + ".db");
    }

    @Override
    public Optional<ThreadStore> reopen(String uri) {
        return Optional.of(ThreadStore.create(uri));
    }

    @Override
    public FileStore newFileStore() {
        return FileStore.create(tempDir.resolve("files" + COUNTER.incrementAndGet()).toString());
    }

    @Override
    public Optional<ThreadStore> newStore(Clock clock) {
        return Optional.of(SqlThreadStore.open(new SqliteDialect(), StoreUri.parse(uri()), clock));
    }
}
