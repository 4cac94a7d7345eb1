package dev.threadstore;

/** Where an {@link Attachment}'s bytes are. */
public enum AttachmentStatus {
    /** The bytes are in the attachment and not yet in a {@link FileStore}. */
    PENDING,
    /** The bytes are in a {@link FileStore}; the attachment holds their {@code fileId} and {@code storagePath}. */
    STORED,
    /**
     * Storing the bytes failed, as recorded by whoever made the attachment. threadstore itself never returns an
     * attachment in this state: when an attachment cannot be stored, {@code save(thread, fileStore)} throws, deletes
     * the files it stored and writes nothing (there is no saved thread to carry the status, and the caller's
     * records are immutable, so they cannot be marked the way Tyler marks its objects). The value exists for
     * threads imported from Tyler, whose attachments may be {@code failed}, and for applications that keep a
     * record of an upload they could not complete: a store saves and returns it like any other status and never
     * tries to store its bytes.
     */
    FAILED
}
