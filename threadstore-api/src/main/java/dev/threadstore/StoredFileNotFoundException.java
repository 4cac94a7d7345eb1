package dev.threadstore;

import org.jspecify.annotations.Nullable;

/** No stored file has the given id and storage path. Nothing was written. */
public final class StoredFileNotFoundException extends StorageException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message.
     *
     * @param message what failed, with which value, and what to do; not null
     */
    public StoredFileNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates an exception with the given message and cause.
     *
     * @param message what failed, with which value, and what to do; not null
     * @param cause the failure underneath (e.g. the driver's exception), or null when there is none
     */
    public StoredFileNotFoundException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
