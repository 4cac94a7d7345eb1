package dev.threadstore;

/** Where an {@link Attachment}'s bytes are. */
public enum AttachmentStatus {
    /** The bytes are in the attachment and not yet in a {@link FileStore}. */
    PENDING,
    /** The bytes are in a {@link FileStore}; the attachment holds their {@code fileId} and {@code storagePath}. */
    STORED,
    /** Storing the bytes failed. */
    FAILED
}
