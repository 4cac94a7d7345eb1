package dev.threadstore;

import org.jspecify.annotations.Nullable;

/** A file's MIME type is not in the FileStore's allow-list. Nothing was written. */
public final class UnsupportedFileTypeException extends StorageException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public UnsupportedFileTypeException(String message) {
        super(message);
    }

    /** Creates an exception with the given message and cause. */
    public UnsupportedFileTypeException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
