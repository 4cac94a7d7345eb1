package dev.threadstore.spi;

import dev.threadstore.FileStore;
import java.util.Set;

/**
 * Opens {@link FileStore}s for one or more URL schemes; registered like a {@link ThreadStoreProvider},
 * in {@code META-INF/services/dev.threadstore.spi.FileStoreProvider}.
 */
public interface FileStoreProvider {

    /**
     * The URL schemes this provider opens; called by discovery, so it must be cheap and must not fail.
     *
     * @return the schemes this provider opens, lower case (e.g. {@code file})
     */
    Set<String> schemes();

    /**
     * Opens a file store.
     *
     * @param uri the parsed URL, its options already merged with the environment's
     * @return an open file store
     * @throws dev.threadstore.StoreConfigurationException if an option is unknown or invalid
     * @throws dev.threadstore.StorageException if its directory cannot be created or written
     * @throws NullPointerException if {@code uri} is null
     */
    FileStore open(StoreUri uri);
}
