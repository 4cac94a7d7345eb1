package dev.threadstore;

import org.jspecify.annotations.Nullable;

/** Storing a file would take the FileStore past its `maxStorageSize`. Nothing was written. */
public final class StorageFullException extends StorageException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public StorageFullException(String message) {
        super(message);
    }

    /** Creates an exception with the given message and cause. */
    public StorageFullException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
