package dev.threadstore.files;

import dev.threadstore.FileStore;
import dev.threadstore.spi.FileStoreProvider;
import dev.threadstore.spi.StoreUri;
import java.util.Objects;
import java.util.Set;

/**
 * Opens local-filesystem {@link FileStore}s for the {@code file} scheme: {@code file:///var/lib/app/files}
 * or a plain directory path such as {@code ./files}. Applications do not use this class directly; they
 * call {@link FileStore#create(String)}, which finds it through {@link java.util.ServiceLoader}.
 *
 * <p>Options, each from the URL, then the environment variable, then the default:
 * <ul>
 *   <li>{@code maxFileSize} ({@code TYLER_MAX_FILE_SIZE}): the largest file in bytes, default 52428800 (50 MiB);</li>
 *   <li>{@code maxStorageSize} ({@code TYLER_MAX_STORAGE_SIZE}): the most bytes stored in all, default
 *       5368709120 (5 GiB); 0 means no limit;</li>
 *   <li>{@code allowedMimeTypes} ({@code TYLER_ALLOWED_MIME_TYPES}): comma-separated MIME types, {@code type/*}
 *       and {@code *}{@code /*} allowed, default the 24 types of the original Tyler FileStore (PDF, Word, text,
 *       CSV, JSON, common images, ZIP/tar/gzip and common audio).</li>
 * </ul>
 * The directory is created if needed; opening fails fast if it cannot be written. The store detects a
 * file's MIME type from its content first and its extension second.
 *
 * <p>Cheap to construct, stateless and thread-safe.
 */
public final class LocalFileStoreProvider implements FileStoreProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public LocalFileStoreProvider() {
    }

    /** @return {@code file} */
    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    /**
     * @param uri the parsed URL, its options already merged with the environment's
     * @return an open local file store
     * @throws dev.threadstore.StoreConfigurationException if an option is unknown or invalid, or the
     *     directory cannot be created or written
     */
    @Override
    public FileStore open(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        return LocalFileStore.open(LocalFileStoreSettings.from(uri));
    }
}
