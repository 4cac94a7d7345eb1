package dev.threadstore;

import org.jspecify.annotations.Nullable;

/** No stored file has the given id and storage path. Nothing was written. */
public final class StoredFileNotFoundException extends StorageException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public StoredFileNotFoundException(String message) {
        super(message);
    }

    /** Creates an exception with the given message and cause. */
    public StoredFileNotFoundException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
