package dev.threadstore.tck;

import dev.threadstore.FileStore;
import dev.threadstore.FileStoreHealth;
import dev.threadstore.StoredFile;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FileStore} that passes everything to another one but fails the save of one file name with a
 * given exception, so the attachment tests can check what a {@link dev.threadstore.ThreadStore} does when
 * a file store refuses a file, whatever that file store's own rules are.
 */
final class FailingFileStore implements FileStore {

    private final FileStore delegate;
    private final String failingName;
    private final Supplier<RuntimeException> failure;
    private @Nullable RuntimeException thrown;

    FailingFileStore(FileStore delegate, String failingName, Supplier<RuntimeException> failure) {
        this.delegate = delegate;
        this.failingName = failingName;
        this.failure = failure;
    }

    /** @return the exception the last failing save threw, or null if none failed yet */
    synchronized @Nullable RuntimeException thrown() {
        return thrown;
    }

    @Override
    public StoredFile save(byte[] content, String filename, @Nullable String mimeType) {
        if (filename.equals(failingName)) {
            RuntimeException e = failure.get();
            synchronized (this) {
                thrown = e;
            }
            throw e;
        }
        return delegate.save(content, filename, mimeType);
    }

    @Override
    public byte[] get(String fileId, String storagePath) {
        return delegate.get(fileId, storagePath);
    }

    @Override
    public boolean delete(String fileId, String storagePath) {
        return delegate.delete(fileId, storagePath);
    }

    @Override
    public long storageSize() {
        return delegate.storageSize();
    }

    @Override
    public long fileCount() {
        return delegate.fileCount();
    }

    @Override
    public List<String> listFiles() {
        return delegate.listFiles();
    }

    @Override
    public FileStoreHealth checkHealth() {
        return delegate.checkHealth();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
