package dev.threadstore.spi;

import dev.threadstore.ThreadStore;
import java.util.Set;

/**
 * Opens {@link ThreadStore}s for one or more URL schemes. A backend ships exactly one implementation,
 * registered in {@code META-INF/services/dev.threadstore.spi.ThreadStoreProvider} and, on the module
 * path, with {@code provides … with …} in its {@code module-info}.
 *
 * <p>Implementations are public, final, have a public no-argument constructor that does no work, and
 * are thread-safe. Two providers must not claim the same scheme.
 */
public interface ThreadStoreProvider {

    /**
     * The URL schemes this provider opens; called by discovery, so it must be cheap and must not fail.
     *
     * @return the schemes this provider opens, lower case, without a {@code +driver} suffix or a
     *     {@code jdbc:} prefix (e.g. {@code postgresql}, {@code postgres})
     */
    Set<String> schemes();

    /**
     * Opens a store, connected, migrated and checked.
     *
     * @param uri the parsed URL; its scheme is one of {@link #schemes()}
     * @return an open store
     * @throws dev.threadstore.StoreConfigurationException if an option is unknown or invalid
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached
     * @throws NullPointerException if {@code uri} is null
     */
    ThreadStore open(StoreUri uri);
}
