package dev.threadstore;

import org.jspecify.annotations.Nullable;

/**
 * The store cannot be reached right now: the connection was refused or lost, the pool timed out, or
 * the database is busy. {@link #isTransient()} is {@code true}: the same call may succeed later, and the
 * same store instance recovers by itself once the database is back.
 */
public final class StoreUnavailableException extends ThreadStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message.
     *
     * @param message what failed, with which value, and what to do; not null
     */
    public StoreUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates an exception with the given message and cause.
     *
     * @param message what failed, with which value, and what to do; not null
     * @param cause the failure underneath (e.g. the driver's exception), or null when there is none
     */
    public StoreUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** @return {@code true} always */
    @Override
    public boolean isTransient() {
        return true;
    }
}
