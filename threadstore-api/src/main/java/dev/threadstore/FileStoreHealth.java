package dev.threadstore;

import java.util.List;

/**
 * The result of {@link FileStore#checkHealth()}.
 *
 * <p>Neither a component nor its accessor is ever null, unless its description below says "or null".
 *
 * @param healthy whether the store can read and write
 * @param totalSize the bytes stored
 * @param fileCount the files stored
 * @param errors what is wrong, empty when healthy
 */
public record FileStoreHealth(boolean healthy, long totalSize, long fileCount, List<String> errors) {

    /**
     * Copies the errors.
     *
     * @throws NullPointerException if {@code errors} or one of them is null
     */
    public FileStoreHealth {
        errors = List.copyOf(errors);
    }
}
