package dev.threadstore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a {@link FileStore} returns for a file it stored.
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

    /** Validates that no component is null and the size is not negative. */
    public StoredFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(storagePath, "storagePath");
        Objects.requireNonNull(storageBackend, "storageBackend");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
    }
}
