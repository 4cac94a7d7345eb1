package dev.threadstore;

import org.jspecify.annotations.Nullable;

/**
 * The store cannot be opened as configured: a malformed URL, an unknown scheme or option, a bad option
 * value, incomplete environment variables, a missing backend jar, or a schema version the store cannot
 * use. Retrying without changing the configuration will fail again.
 */
public final class StoreConfigurationException extends ThreadStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message.
     *
     * @param message what failed, with which value, and what to do; not null
     */
    public StoreConfigurationException(String message) {
        super(message);
    }

    /**
     * Creates an exception with the given message and cause.
     *
     * @param message what failed, with which value, and what to do; not null
     * @param cause the failure underneath (e.g. the driver's exception), or null when there is none
     */
    public StoreConfigurationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
