package dev.threadstore;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception threadstore throws for a failure of the store itself (as opposed to a
 * programming error, which uses the JDK's {@link NullPointerException}, {@link IllegalArgumentException}
 * and {@link IllegalStateException}).
 *
 * <p>All are unchecked. Driver exceptions ({@code SQLException}, {@code IOException}) never cross the
 * API; they are kept as the {@linkplain #getCause() cause}. Messages never contain a password.
 *
 * <p>The family is closed: catch this type for any store failure, or one of its subclasses for a specific one;
 * threadstore throws only the subclasses, and nothing outside this package can add one.
 */
public abstract sealed class ThreadStoreException extends RuntimeException
        permits StoreConfigurationException, StoreUnavailableException, ConcurrentUpdateException,
                ThreadNotFoundException, StorageException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message.
     *
     * @param message what failed, with which value and what to do; never a password
     */
    ThreadStoreException(String message) {
        super(message);
    }

    /**
     * Creates an exception with the given message and cause.
     *
     * @param message what failed, with which value and what to do; never a password
     * @param cause the driver's or file system's exception, or null
     */
    ThreadStoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the same call may succeed if retried later without any change by the caller (a lost
     * connection, a pool time-out, a busy database).
     *
     * @return {@code false} unless the subclass says otherwise
     */
    public boolean isTransient() {
        return false;
    }
}
