package dev.threadstore;

import org.jspecify.annotations.Nullable;

/**
 * The store failed in a way that retrying will not fix: a constraint the database enforced, a corrupt
 * row, a file that could not be written. The cause holds the driver's exception. The subclasses name
 * the {@link FileStore} failures a caller can act on.
 */
public sealed class StorageException extends ThreadStoreException
        permits FileTooLargeException, UnsupportedFileTypeException, StorageFullException, StoredFileNotFoundException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message.
     *
     * @param message what failed, with which value, and what to do; not null
     */
    public StorageException(String message) {
        super(message);
    }

    /**
     * Creates an exception with the given message and cause.
     *
     * @param message what failed, with which value, and what to do; not null
     * @param cause the failure underneath (e.g. the driver's exception), or null when there is none
     */
    public StorageException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
