package dev.threadstore.spi;

import dev.threadstore.FileStore;
import java.util.Set;

/**
 * Opens {@link FileStore}s for one or more URL schemes; registered like a {@link ThreadStoreProvider},
 * in {@code META-INF/services/dev.threadstore.spi.FileStoreProvider}.
 */
public interface FileStoreProvider {

    /** @return the schemes this provider opens, lower case (e.g. {@code file}) */
    Set<String> schemes();

    /**
     * Opens a file store.
     *
     * @param uri the parsed URL, its options already merged with the environment's
     * @return an open file store
     * @throws dev.threadstore.StoreConfigurationException if an option is unknown or invalid
     */
    FileStore open(StoreUri uri);
}
