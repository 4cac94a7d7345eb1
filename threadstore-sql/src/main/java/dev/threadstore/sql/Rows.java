package dev.threadstore.sql;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rows {@link ThreadMapper}'s statements return, one record per result map of {@code Rows.xml} (registered
 * under their simple names as MyBatis type aliases). Columns hold what the database holds: JSON and text as
 * encoded by the dialect, so these records carry no domain rules; {@link RowCodec} turns them into the domain
 * records and back. Public only because MyBatis' mapper proxy must see the types {@link ThreadMapper} returns;
 * the package is exported to the backend modules alone.
 */
public final class Rows {

    private Rows() {
    }

    /**
     * A row of {@link ThreadMapper#selectSummaries}.
     *
     * @param thread the thread's columns
     * @param messageCount how many messages it holds
     * @param lastSequence its highest sequence
     */
    public record SummaryRow(ThreadRow thread, int messageCount, int lastSequence) {
        /**
         * The constructor MyBatis calls, column by column.
         *
         * @param id the thread id
         * @param title encoded title, or null
         * @param attributes JSON object
         * @param sourceName the source's name, or null
         * @param source JSON object, or null
         * @param createdAt creation time
         * @param updatedAt last write
         * @param version the version
         * @param expiresAt the expiry, or null
         * @param messageCount how many messages
         * @param lastSequence the highest sequence
         */
        public SummaryRow(String id, @Nullable String title, String attributes, @Nullable String sourceName,
                          @Nullable String source, Instant createdAt, Instant updatedAt, long version,
                          @Nullable Instant expiresAt, int messageCount, int lastSequence) {
            this(new ThreadRow(id, title, attributes, sourceName, source, createdAt, updatedAt, version, expiresAt),
                    messageCount, lastSequence);
        }
    }

    /**
     * A {@code threads} row.
     *
     * @param id the thread id
     * @param title encoded title, or null
     * @param attributes JSON object
     * @param sourceName the source's name, or null when the thread has no source
     * @param source JSON object of the source's properties, or null when the thread has no source
     * @param createdAt creation time
     * @param updatedAt last write
     * @param version the version
     * @param expiresAt when the thread expires, or null
     */
    public record ThreadRow(String id, @Nullable String title, String attributes, @Nullable String sourceName,
                     @Nullable String source, Instant createdAt, Instant updatedAt, long version,
                     @Nullable Instant expiresAt) {
        /** Checks the required columns. */
        public ThreadRow {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(attributes, "attributes");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /**
     * A {@code messages} row.
     *
     * @param threadId the thread
     * @param id the message id
     * @param sequence the position
     * @param role the role's name ({@code USER}, …)
     * @param content encoded content, or null
     * @param parts JSON array of content parts
     * @param name encoded name, or null
     * @param toolCallId encoded tool call id, or null
     * @param toolCalls JSON array
     * @param attributes JSON object
     * @param timestamp the message's time
     * @param source JSON object, or null
     * @param reactions JSON object
     * @param metrics JSON object
     * @param digest lowercase hex SHA-256 of the message's canonical form; null in a row read by
     *     {@link ThreadMapper#selectThreadWithMessages}, which does not select it (a read does not need it)
     */
    public record MessageRow(String threadId, String id, int sequence, String role, @Nullable String content, String parts,
                      @Nullable String name, @Nullable String toolCallId, String toolCalls, String attributes,
                      Instant timestamp, @Nullable String source, String reactions, String metrics,
                      @Nullable String digest) {
    }

    /**
     * A row of {@link ThreadMapper#selectThreadWithMessages}: the thread's columns, then one message's (all null when the
     * thread has no messages). Read by {@link ThreadMessageRowHandler}, which reads the thread's columns from the first
     * row only: on every later row they are null, but for the thread id.
     *
     * @param id the thread id
     * @param title encoded title, or null
     * @param attributes JSON object; null on rows after the first
     * @param sourceName the source's name, or null
     * @param source JSON object, or null
     * @param createdAt creation time; null on rows after the first
     * @param updatedAt last write; null on rows after the first
     * @param version the version
     * @param expiresAt the expiry, or null
     * @param messageId the message id, or null when the thread has no messages
     * @param sequence the message's position
     * @param role the role's name
     * @param content encoded content, or null
     * @param parts JSON array
     * @param name encoded name, or null
     * @param toolCallId encoded tool call id, or null
     * @param toolCalls JSON array
     * @param messageAttributes JSON object
     * @param timestamp the message's time
     * @param messageSource JSON object, or null
     * @param reactions JSON object
     * @param metrics JSON object
     * @param digest the message's digest; null, since a read does not need it and the statement does not select it
     * @param hasAttachments whether the thread has any attachment rows (the same on every row)
     */
    public record ThreadMessageRow(String id, @Nullable String title, @Nullable String attributes,
                            @Nullable String sourceName, @Nullable String source, @Nullable Instant createdAt,
                            @Nullable Instant updatedAt, long version,
                            @Nullable Instant expiresAt, @Nullable String messageId, @Nullable Integer sequence, @Nullable String role,
                            @Nullable String content, @Nullable String parts, @Nullable String name,
                            @Nullable String toolCallId, @Nullable String toolCalls, @Nullable String messageAttributes,
                            @Nullable Instant timestamp, @Nullable String messageSource, @Nullable String reactions,
                            @Nullable String metrics, @Nullable String digest, boolean hasAttachments) {

        /** @return the thread's columns; only the first row of a statement carries them */
        public ThreadRow thread() {
            String where = "the thread's columns are read from the first row of thread " + id;
            return new ThreadRow(id, title, Objects.requireNonNull(attributes, where), sourceName, source,
                    Objects.requireNonNull(createdAt, where), Objects.requireNonNull(updatedAt, where), version,
                    expiresAt);
        }

        /** @return the message's columns, or null when the row holds no message */
        public @Nullable MessageRow message() {
            if (messageId == null) {
                return null;
            }
            // The message's NOT NULL columns: null in this row only when the join found no message (messageId null).
            return new MessageRow(id, messageId, Objects.requireNonNull(sequence, "sequence"),
                    Objects.requireNonNull(role, "role"), content, Objects.requireNonNull(parts, "parts"), name,
                    toolCallId, Objects.requireNonNull(toolCalls, "toolCalls"),
                    Objects.requireNonNull(messageAttributes, "messageAttributes"),
                    Objects.requireNonNull(timestamp, "timestamp"), messageSource,
                    Objects.requireNonNull(reactions, "reactions"), Objects.requireNonNull(metrics, "metrics"),
                    digest); // not selected: null
        }
    }

    /**
     * An {@code attachments} row: metadata only.
     *
     * @param threadId the thread
     * @param messageId the message
     * @param position the attachment's index in the message, from 0
     * @param filename encoded file name
     * @param mimeType the MIME type, or null
     * @param attributes JSON object
     * @param fileId the FileStore id, or null
     * @param storagePath the FileStore path, or null
     * @param storageBackend the FileStore kind, or null
     * @param status the status's name
     * @param size bytes
     * @param sha256 hex digest, or null
     */
    public record AttachmentRow(String threadId, String messageId, int position, String filename, @Nullable String mimeType,
                         String attributes, @Nullable String fileId, @Nullable String storagePath,
                         @Nullable String storageBackend, String status, long size, @Nullable String sha256) {
    }

    /**
     * What incremental save and append read instead of full message rows.
     *
     * @param id the message id
     * @param sequence its sequence
     * @param digest its digest
     */
    public record DigestRow(String id, int sequence, String digest) {
    }

    /**
     * A locked thread's version, times and highest message sequence.
     *
     * @param version the stored version
     * @param createdAt the stored creation time
     * @param updatedAt the stored update time
     * @param expiresAt the stored expiry, or null
     * @param maxSequence the highest message sequence, null when the thread has no messages, -1 when the
     *     dialect did not read it (see {@link ThreadMapper#lockThread})
     */
    public record ThreadHead(long version, Instant createdAt, Instant updatedAt, @Nullable Integer maxSequence,
                             @Nullable Instant expiresAt) {

        /**
         * @param now the store's time
         * @return whether the thread had expired at {@code now}: then it counts as absent
         */
        public boolean isExpiredAt(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }
}
