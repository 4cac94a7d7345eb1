package dev.threadstore;

import org.jspecify.annotations.Nullable;

/** A file is larger than the FileStore's `maxFileSize`. Nothing was written. */
public final class FileTooLargeException extends StorageException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public FileTooLargeException(String message) {
        super(message);
    }

    /** Creates an exception with the given message and cause. */
    public FileTooLargeException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
