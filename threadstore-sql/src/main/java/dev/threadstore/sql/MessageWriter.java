package dev.threadstore.sql;

import dev.threadstore.Message;
import dev.threadstore.sql.Rows.AttachmentRow;

/**
 * Writes message rows, with their attachment rows, within a write transaction: what save and append share.
 * Statements go to MyBatis' batch executor, so they reach the database at the next flush.
 */
final class MessageWriter {

    private final RowCodec codec;

    MessageWriter(RowCodec codec) {
        this.codec = codec;
    }

    /** Inserts the message's row and its attachments' rows. */
    void insert(ThreadMapper mapper, String threadId, Message message, String digest) {
        mapper.insertMessage(codec.messageRow(threadId, message, digest));
        insertAttachments(mapper, threadId, message);
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
