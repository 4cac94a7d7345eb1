package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A file attached to a {@link Message}. A new attachment is {@link AttachmentStatus#PENDING} and holds
 * its bytes; {@link ThreadStore#save(ChatThread, FileStore)} moves the bytes into a {@link FileStore} and
 * returns it {@link AttachmentStatus#STORED}, holding only metadata. A database never holds the bytes.
 *
 * <p>The content is copied in and out, and compared by value in {@link #equals}: a raw {@code byte[]}
 * record component would compare by identity.
 *
 * <p>Neither a component nor its accessor is ever null, unless its description below says "or null".
 *
 * @param filename the file's name
 * @param content the bytes, or null once stored
 * @param mimeType the MIME type, or null until detected
 * @param attributes what processing learned about the file, as JSON values
 * @param fileId the id in the FileStore, or null while pending
 * @param storagePath the path in the FileStore, or null while pending; at most
 *     {@value ValueLimits#MAX_KEY_LENGTH} characters
 * @param storageBackend the kind of FileStore, or null while pending
 * @param status where the bytes are
 * @param size the size in bytes
 * @param sha256 the lowercase hex SHA-256 of the bytes, or null while unknown
 */
public record Attachment(String filename, byte @Nullable [] content, @Nullable String mimeType,
                         Map<String, Object> attributes, @Nullable String fileId, @Nullable String storagePath,
                         @Nullable String storageBackend, AttachmentStatus status, long size, @Nullable String sha256) {

    /**
     * Validates and copies every component.
     *
     * @throws NullPointerException if the filename, attributes or status is null
     * @throws IllegalArgumentException if the filename is blank, a string is not valid UTF-16, the storage
     *     path is longer than {@value ValueLimits#MAX_KEY_LENGTH} characters, an attribute is not a JSON value,
     *     the size is negative, or a STORED attachment has no fileId or storagePath
     */
    public Attachment {
        Objects.requireNonNull(filename, "filename");
        if (filename.isBlank()) {
            throw new IllegalArgumentException("attachment filename must not be blank");
        }
        JsonValues.checkText(filename, "attachment filename");
        checkOptionalText(mimeType, "attachment mimeType");
        checkOptionalText(fileId, "attachment fileId");
        if (storagePath != null) {
            ValueLimits.checkKey(storagePath, "attachment storagePath"); // an index key on SQL backends
        }
        checkOptionalText(storageBackend, "attachment storageBackend");
        checkOptionalText(sha256, "attachment sha256");
        content = content == null ? null : content.clone();
        attributes = JsonValues.copyOf(attributes, "attachment attributes");
        Objects.requireNonNull(status, "status");
        if (size < 0) {
            throw new IllegalArgumentException("attachment size must not be negative, got " + size);
        }
        if (status == AttachmentStatus.STORED && (fileId == null || storagePath == null)) {
            throw new IllegalArgumentException("a STORED attachment needs a fileId and a storagePath");
        }
    }

    private static void checkOptionalText(@Nullable String value, String what) {
        if (value != null) {
            JsonValues.checkText(value, what);
        }
    }

    /**
     * A pending attachment holding the given bytes.
     *
     * @param content the bytes (copied)
     * @param filename the file's name
     * @return the attachment, {@link AttachmentStatus#PENDING}
     * @throws IllegalArgumentException if the filename is blank or not valid text
     * @throws NullPointerException if an argument is null
     */
    public static Attachment of(byte[] content, String filename) {
        return of(content, filename, null);
    }

    /**
     * A pending attachment holding the given bytes, with a MIME type the caller vouches for.
     *
     * @param content the bytes (copied)
     * @param filename the file's name
     * @param mimeType the MIME type, or null to detect it
     * @return the attachment, {@link AttachmentStatus#PENDING}
     */
    public static Attachment of(byte[] content, String filename, @Nullable String mimeType) {
        Objects.requireNonNull(content, "content");
        return new Attachment(filename, content, mimeType, Map.of(), null, null, null,
                AttachmentStatus.PENDING, content.length, null);
    }

    /** @return a copy of the bytes, or null when the attachment does not hold them */
    @Override
    public byte @Nullable [] content() {
        return content == null ? null : content.clone();
    }

    /** @return whether the attachment holds its bytes (without copying them) */
    public boolean hasContent() {
        return content != null;
    }

    /** @return whether the bytes still have to be put in a {@link FileStore} */
    public boolean isPending() {
        return status == AttachmentStatus.PENDING && content != null;
    }

    /**
     * This attachment once stored: the bytes dropped, the file's location and digest recorded.
     *
     * @param file what the FileStore returned
     * @param attributes what processing learned about the file
     * @return a {@link AttachmentStatus#STORED} copy
     * @throws IllegalArgumentException if an attribute is not a JSON value
     * @throws NullPointerException if an argument is null
     */
    public Attachment withStoredFile(StoredFile file, Map<String, ?> attributes) {
        Objects.requireNonNull(file, "file");
        return new Attachment(filename, null, file.mimeType(), JsonValues.copyOf(attributes, "attachment attributes"),
                file.id(), file.storagePath(), file.storageBackend(), AttachmentStatus.STORED, file.size(), file.sha256());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a
                && filename.equals(a.filename) && Arrays.equals(content, a.content)
                && Objects.equals(mimeType, a.mimeType) && attributes.equals(a.attributes)
                && Objects.equals(fileId, a.fileId) && Objects.equals(storagePath, a.storagePath)
                && Objects.equals(storageBackend, a.storageBackend) && status == a.status
                && size == a.size && Objects.equals(sha256, a.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, Arrays.hashCode(content), mimeType, attributes, fileId, storagePath,
                storageBackend, status, size, sha256);
    }

    @Override
    public String toString() {
        return "Attachment[filename=" + filename + ", content=" + (content == null ? "null" : content.length + " bytes")
                + ", mimeType=" + mimeType + ", attributes=" + attributes + ", fileId=" + fileId
                + ", storagePath=" + storagePath + ", storageBackend=" + storageBackend + ", status=" + status
                + ", size=" + size + ", sha256=" + sha256 + "]";
    }
}
