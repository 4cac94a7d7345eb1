package dev.threadstore;

import dev.threadstore.spi.StoreEnvironment;
import dev.threadstore.spi.StoreProviders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Stores attachment bytes. The database keeps only an attachment's metadata; the bytes live here.
 * Obtain one with {@link #create(String)} ({@code file:///var/lib/app/files} or a plain directory).
 *
 * <p>A file store enforces a maximum file size, a maximum total size and an allow-list of MIME types.
 * No file name, id or storage path can make it read or write outside its base directory. Every method
 * is thread-safe. A null argument throws {@link NullPointerException} naming it (a {@code mimeType} may be
 * null); after {@link #close()} every method but {@code close} throws {@link IllegalStateException}.
 */
public interface FileStore extends AutoCloseable {

    /**
     * Opens the file store the environment describes: {@code TYLER_FILE_STORAGE_PATH} (default
     * {@code ~/.threadstore/files}), {@code TYLER_MAX_FILE_SIZE}, {@code TYLER_MAX_STORAGE_SIZE},
     * {@code TYLER_ALLOWED_MIME_TYPES}.
     *
     * @return an open file store
     * @throws StoreConfigurationException if a variable is invalid, or no file store backend is on the class path
     * @throws StorageException if the directory cannot be created or written
     */
    static FileStore create() {
        return StoreProviders.openFileStore(StoreEnvironment.fileStoreUri(System.getenv(), null));
    }

    /**
     * Opens the file store the URL names. Limits come from the URL's options, then the environment, then
     * the defaults.
     *
     * @param url e.g. {@code "file:///var/lib/app/files?maxFileSize=10485760"} or a plain directory path
     * @return an open file store
     * @throws StoreConfigurationException if the URL or an option is not valid, or no backend handles its scheme
     * @throws StorageException if the directory cannot be created or written
     * @throws NullPointerException if {@code url} is null
     */
    static FileStore create(String url) {
        Objects.requireNonNull(url, "url");
        return StoreProviders.openFileStore(StoreEnvironment.fileStoreUri(System.getenv(), url));
    }

    /**
     * Opens the file store the URL names, with extra options that win over the URL's.
     *
     * @param url the file store URL
     * @param options options such as {@code maxFileSize}; no null key or value
     * @return an open file store
     * @throws StoreConfigurationException if the URL or an option is not valid, or no backend handles its scheme
     * @throws StorageException if the directory cannot be created or written
     * @throws NullPointerException if {@code url}, {@code options} or one of their keys or values is null
     */
    static FileStore create(String url, Map<String, String> options) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(options, "options");
        return StoreProviders.openFileStore(StoreEnvironment.fileStoreUri(System.getenv(), url).withOptions(options));
    }

    /**
     * Stores bytes as a new file, atomically: the file is either there whole or not at all.
     *
     * @param content the bytes
     * @param filename the caller's name for the file; only its extension is used on disk
     * @param mimeType the MIME type the caller vouches for, or null to detect it from the content and then the name
     * @return where the file is and what it is
     * @throws FileTooLargeException if it is larger than the maximum file size
     * @throws StorageFullException if it would take the store past its maximum size
     * @throws UnsupportedFileTypeException if its MIME type is not allowed
     * @throws StorageException if the file system fails (the cause kept)
     * @throws NullPointerException if {@code content} or {@code filename} is null
     * @throws IllegalStateException if this file store is closed
     */
    StoredFile save(byte[] content, String filename, @Nullable String mimeType);

    /**
     * Reads a stored file.
     *
     * @param fileId the id {@link #save} returned
     * @param storagePath the storage path {@link #save} returned
     * @return the file's bytes, a new array
     * @throws StoredFileNotFoundException if there is no such file
     * @throws IllegalArgumentException if the storage path points outside the store
     * @throws StorageException if the file system fails (the cause kept)
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this file store is closed
     */
    byte[] get(String fileId, String storagePath);

    /**
     * Deletes a stored file; deleting one that is not there is not an error.
     *
     * @param fileId the id {@link #save} returned
     * @param storagePath the storage path {@link #save} returned
     * @return whether the file existed
     * @throws IllegalArgumentException if the storage path points outside the store
     * @throws StorageException if the file system fails (the cause kept)
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this file store is closed
     */
    boolean delete(String fileId, String storagePath);

    /**
     * The bytes of every stored file, measured now (files being written are not counted).
     *
     * @return the bytes stored
     * @throws StorageException if the file system fails (the cause kept)
     * @throws IllegalStateException if this file store is closed
     */
    long storageSize();

    /**
     * The number of stored files, counted now (files being written are not counted).
     *
     * @return the number of files stored
     * @throws StorageException if the file system fails (the cause kept)
     * @throws IllegalStateException if this file store is closed
     */
    long fileCount();

    /**
     * Every stored file's storage path.
     *
     * @return the storage paths of every stored file; empty when there is none
     * @throws StorageException if the file system fails (the cause kept)
     * @throws IllegalStateException if this file store is closed
     */
    List<String> listFiles();

    /**
     * The files stored before an instant, with their ids, for orphan collection
     * ({@link ThreadStore#collectOrphans(FileStore, java.time.Duration)}). A file counts from the moment its
     * bytes were complete; files being written are never listed.
     *
     * <p>The default throws {@link UnsupportedOperationException}: a file store that cannot tell its files'
     * ids and ages cannot take part in orphan collection (it is never guessed, since a guess could delete the
     * file of a save still in progress). The local file store implements it.
     *
     * @param cutoff only files stored strictly before this instant
     * @return the files, ordered by storage path
     * @throws UnsupportedOperationException if this file store cannot list its files with their ages
     * @throws StorageException if the store cannot be listed
     * @throws NullPointerException if {@code cutoff} is null
     * @throws IllegalStateException if this file store is closed
     */
    default List<FileEntry> listFilesStoredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        throw new UnsupportedOperationException(getClass().getName() + " cannot list its files with their ids and "
                + "ages, so orphan collection cannot run on it; implement FileStore.listFilesStoredBefore");
    }

    /**
     * Checks that the store can write, read and delete a probe file, and measures it. Problems are reported in
     * the result, not thrown.
     *
     * @return whether the store can read and write, with its size and any errors
     * @throws IllegalStateException if this file store is closed
     */
    FileStoreHealth checkHealth();

    /**
     * Releases the store's resources. Idempotent: a second call does nothing and does not throw. Afterwards every
     * other method throws {@link IllegalStateException}; the stored files stay.
     */
    @Override
    void close();

    /**
     * A stored file as a listing sees it.
     *
     * @param fileId the id {@link #save} returned for it
     * @param storagePath the storage path {@link #save} returned for it
     * @param size its size in bytes
     * @param storedAt when its bytes were complete (for the local file store, the file's modification time)
     */
    record FileEntry(String fileId, String storagePath, long size, Instant storedAt) {
        /**
         * Checks that nothing is null and the size is not negative.
         *
         * @throws NullPointerException if {@code fileId}, {@code storagePath} or {@code storedAt} is null
         * @throws IllegalArgumentException if {@code size} is negative
         */
        public FileEntry {
            Objects.requireNonNull(fileId, "fileId");
            Objects.requireNonNull(storagePath, "storagePath");
            Objects.requireNonNull(storedAt, "storedAt");
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative, got " + size);
            }
        }
    }
}
