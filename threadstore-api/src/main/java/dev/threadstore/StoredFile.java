package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link FileStore} returns for a file it stored.
 *
 * <p>Neither a component nor its accessor is ever null, unless its description below says "or null".
 *
 * @param id the file's id
 * @param filename the name the caller gave
 * @param mimeType the MIME type the store detected or accepted
 * @param storagePath where the file is, relative to the store's base; pass it back to {@code get} and {@code delete}
 * @param storageBackend the kind of store, e.g. {@code "local"}
 * @param createdAt when it was stored
 * @param size its size in bytes
 * @param sha256 the lowercase hex SHA-256 of its bytes
 */
public record StoredFile(String id, String filename, String mimeType, String storagePath, String storageBackend,
                         Instant createdAt, long size, String sha256) {

    /**
     * Validates that no component is null, every string is valid UTF-16, {@code createdAt} lies between
     * {@link ValueLimits#MIN_INSTANT} and {@link ValueLimits#MAX_INSTANT} (truncated to microseconds), and the
     * size is not negative.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a component breaks these rules, naming it
     */
    public StoredFile {
        JsonValues.checkText(Objects.requireNonNull(id, "id"), "stored file id");
        JsonValues.checkText(Objects.requireNonNull(filename, "filename"), "stored file filename");
        JsonValues.checkText(Objects.requireNonNull(mimeType, "mimeType"), "stored file mimeType");
        JsonValues.checkText(Objects.requireNonNull(storagePath, "storagePath"), "stored file storagePath");
        JsonValues.checkText(Objects.requireNonNull(storageBackend, "storageBackend"), "stored file storageBackend");
        createdAt = ValueLimits.checkInstant(createdAt, "createdAt");
        JsonValues.checkText(Objects.requireNonNull(sha256, "sha256"), "stored file sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
    }
}
