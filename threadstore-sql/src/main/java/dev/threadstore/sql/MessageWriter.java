package dev.threadstore.sql;

import dev.threadstore.Message;
import dev.threadstore.sql.Rows.AttachmentRow;
import dev.threadstore.sql.Rows.MessageRow;
import java.util.List;

/**
 * Writes message rows, with their attachment rows, within a write transaction: what save and append share.
 * Statements go to MyBatis' batch executor, so they reach the database at the next flush.
 */
final class MessageWriter {

    private final RowCodec codec;

    MessageWriter(RowCodec codec) {
        this.codec = codec;
    }

    /**
     * A message's row and its attachments' rows, encoded ahead of the transaction that inserts them.
     *
     * @param message the message row
     * @param attachments its attachments' rows
     */
    record Encoded(MessageRow message, List<AttachmentRow> attachments) {
    }

    /** Inserts the message's row and its attachments' rows. */
    void insert(ThreadMapper mapper, String threadId, Message message, String digest) {
        insert(mapper, encode(threadId, message, digest));
    }

    /** @return the rows that insert the message, encoded now (no database work) */
    Encoded encode(String threadId, Message message, String digest) {
        return new Encoded(codec.messageRow(threadId, message, digest), codec.attachmentRows(threadId, message));
    }

    /** Inserts rows {@link #encode} made. */
    void insert(ThreadMapper mapper, Encoded rows) {
        mapper.insertMessage(rows.message());
        for (AttachmentRow a : rows.attachments()) {
            mapper.insertAttachment(a);
        }
    }

    /** Replaces the message's row (same id and sequence), leaving its attachment rows as they are. */
    void update(ThreadMapper mapper, String threadId, Message message, String digest) {
        mapper.updateMessage(codec.messageRow(threadId, message, digest));
    }

    /** Deletes the message's attachment rows. */
    void deleteAttachments(ThreadMapper mapper, String threadId, Message message) {
        mapper.deleteAttachments(threadId, message.id());
    }

    /** Inserts the rows of the message's attachments. */
    void insertAttachments(ThreadMapper mapper, String threadId, Message message) {
        for (AttachmentRow a : codec.attachmentRows(threadId, message)) {
            mapper.insertAttachment(a);
        }
    }
}
