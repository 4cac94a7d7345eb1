package dev.threadstore.tck;

import dev.threadstore.FileStore;
import dev.threadstore.ThreadStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * What every contract needs from the backend under test: a way to open a fresh store.
 *
 * <p>Implement {@link ThreadStoreContract} (which extends this) in one test class of your backend's
 * module and override {@link #newStore()}. Each contract test calls it once (a few concurrency tests
 * call it once and share the store between threads) and closes the store at the end with
 * try-with-resources.
 */
public interface StoreFixture {

    /**
     * Opens a new, empty store of the backend under test, isolated from every store opened before:
     * a new in-memory instance, a new SQLite file, a new PostgreSQL schema.
     *
     * <p>It must go through the public discovery path, {@link ThreadStore#create(String)} (or
     * {@link ThreadStore#create(String, java.util.Map)}), never through the backend's constructor: that
     * is how the TCK checks that the backend's {@code META-INF/services/dev.threadstore.spi.ThreadStoreProvider}
     * entry and its provider work the way an application will use them.
     *
     * @return an open, empty store; the test closes it
     */
    ThreadStore newStore();

    /**
     * Opens a new, empty {@link FileStore} for the attachment tests. The default opens the local file store
     * ({@code threadstore-files}) through discovery in a new temporary directory; a backend that ships its own
     * file store may return it instead.
     *
     * @return an open, empty file store; the test closes it
     */
    default FileStore newFileStore() {
        try {
            return FileStore.create(Files.createTempDirectory("threadstore-tck-files").resolve("files").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
