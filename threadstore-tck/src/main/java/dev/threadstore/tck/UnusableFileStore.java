package dev.threadstore.tck;

import dev.threadstore.FileStore;
import dev.threadstore.FileStoreHealth;
import dev.threadstore.StoredFile;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FileStore} for argument checks: a non-null value to pass where the argument under test is
 * another one. Any real use fails loudly, because a test that reaches it expected the call to fail first
 * or the thread to hold no pending attachment.
 */
final class UnusableFileStore implements FileStore {

    @Override
    public StoredFile save(byte[] content, String filename, @Nullable String mimeType) {
        throw unexpected();
    }

    @Override
    public byte[] get(String fileId, String storagePath) {
        throw unexpected();
    }

    @Override
    public boolean delete(String fileId, String storagePath) {
        throw unexpected();
    }

    @Override
    public long storageSize() {
        throw unexpected();
    }

    @Override
    public long fileCount() {
        throw unexpected();
    }

    @Override
    public List<String> listFiles() {
        throw unexpected();
    }

    @Override
    public FileStoreHealth checkHealth() {
        throw unexpected();
    }

    @Override
    public void close() {
        // nothing to release
    }

    private static UnsupportedOperationException unexpected() {
        return new UnsupportedOperationException("the TCK did not expect this FileStore to be used");
    }
}
