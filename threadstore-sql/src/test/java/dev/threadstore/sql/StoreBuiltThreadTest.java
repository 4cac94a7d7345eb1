package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.StorageException;
import dev.threadstore.ThreadSource;
import dev.threadstore.spi.MessageList;
import dev.threadstore.sql.Rows.AttachmentRow;
import dev.threadstore.sql.Rows.MessageRow;
import dev.threadstore.sql.Rows.ThreadMessageRow;
import dev.threadstore.sql.Rows.ThreadRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * A thread the codec builds from rows the store wrote (its messages in a list whose id index waits for the first
 * lookup) is the thread an application builds from the same values through the public path: equal, with the same hash
 * code and text, every accessor and lookup alike, and alike after {@code withMessage}, accepted or refused. Generated
 * from a seeded random (rerun with {@code -Dthreadstore.seed=…}).
 */
class StoreBuiltThreadTest {

    private static final Instant T = Instant.parse("2025-03-04T05:06:07.123456Z");

    private final RowCodec codec = new RowCodec(new EncodingDialect());

    @Test
    void aThreadBuiltFromItsRowsIsTheThreadThePublicPathBuildsFromTheSameValues() {
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        AlikeMessages generate = new AlikeMessages(seed);
        Random random = new Random(seed);
        for (int c = 0; c < 1_500; c++) {
            boolean joined = random.nextBoolean(); // the rows of get (no attachments), or rows and attachment rows
            List<Message> messages = new ArrayList<>();
            int sequence = 0;
            for (int i = random.nextInt(30); i > 0; i--) {
                sequence += 1 + random.nextInt(3);
                Message m = generate.message().toBuilder().id("m" + c + "-" + i).sequence(sequence).build();
                messages.add(joined ? m.toBuilder().attachments(List.of()).build() : metadataOnly(m));
            }
            ChatThread written = ChatThread.builder().id("t" + c).title(c % 3 == 0 ? null : "title " + c)
                    .attributes(generate.map(0)).source(c % 2 == 0 ? null : new ThreadSource("slack", generate.map(0)))
                    .messages(messages).createdAt(T).updatedAt(T.plusSeconds(c)).version(c + 1L)
                    .expiresAt(c % 5 == 0 ? T.plusSeconds(86_400) : null).build();

            ChatThread read = codec.thread(codec.threadRow(written), decoded(written, joined));

            String where = "seed " + seed + " (rerun with -Dthreadstore.seed=" + seed + "), case " + c;
            assertThat(read.messages()).as(where).isInstanceOf(MessageList.class);
            assertAlike(read, written, where);
            assertAlike(read.toBuilder().build(), written.toBuilder().build(), where);
            Message next = generate.message().toBuilder().id("next").sequence(0).attachments(List.of()).build();
            assertThat(read.withMessage(next).messages()).as(where).isEqualTo(written.withMessage(next).messages());
            if (!messages.isEmpty()) {
                Message taken = messages.get(random.nextInt(messages.size())).toBuilder().sequence(0).build();
                assertThatThrownBy(() -> read.withMessage(taken)).as(where)
                        .hasMessage(refusal(() -> written.withMessage(taken)));
            }
        }
    }

    /** A joined row whose NOT NULL message columns are NULL (changed outside the store) names the column. */
    @Test
    void aJoinedRowWithoutItsSequenceOrTimestampIsTheStoresErrorNamingTheColumn() {
        Message m = Message.user("hi").withSequence(1);
        MessageRow row = codec.messageRow("t1", m, RowCodec.digest(m));
        assertThatThrownBy(() -> codec.message(joined(row, null, row.timestamp()))).isInstanceOf(StorageException.class)
                .hasMessageContaining("messages.sequence").hasMessageContaining(m.id());
        assertThatThrownBy(() -> codec.message(joined(row, 1, null))).isInstanceOf(StorageException.class)
                .hasMessageContaining("messages.timestamp").hasMessageContaining(m.id());
    }

    private static ThreadMessageRow joined(MessageRow row, @Nullable Integer sequence, @Nullable Instant timestamp) {
        return new ThreadMessageRow(row.threadId(), null, null, null, null, null, null, 0, null, row.id(), sequence,
                row.role(), row.content(), row.parts(), row.name(), row.toolCallId(), row.toolCalls(), row.attributes(),
                timestamp, row.source(), row.reactions(), row.metrics(), null, false);
    }

    /** @return the thread's messages as a store's read decodes them from the rows it wrote */
    private List<Message> decoded(ChatThread thread, boolean joined) {
        List<Message> messages = new ArrayList<>();
        for (Message m : thread.messages()) {
            MessageRow row = codec.messageRow(thread.id(), m, RowCodec.digest(m));
            if (joined) {
                messages.add(codec.message(joined(row, row.sequence(), row.timestamp())));
            } else {
                List<AttachmentRow> attachments = codec.attachmentRows(thread.id(), m);
                messages.add(codec.message(row, attachments));
            }
        }
        return messages;
    }

    private static void assertAlike(ChatThread read, ChatThread written, String where) {
        assertThat(read).as(where).isEqualTo(written).hasSameHashCodeAs(written).hasToString(written.toString());
        assertThat(List.of(read.id(), read.messages(), read.attributes(), read.createdAt(), read.updatedAt(),
                read.version(), read.maxSequence(), read.hasPendingAttachments()))
                .as(where).isEqualTo(List.of(written.id(), written.messages(), written.attributes(),
                        written.createdAt(), written.updatedAt(), written.version(), written.maxSequence(),
                        written.hasPendingAttachments()));
        assertThat(read.title()).as(where).isEqualTo(written.title());
        assertThat(read.source()).as(where).isEqualTo(written.source());
        assertThat(read.expiresAt()).as(where).isEqualTo(written.expiresAt());
        assertThat(read.window()).as(where).isEqualTo(written.window());
        for (int i = 0; i < written.messages().size(); i++) {
            Message m = written.messages().get(i);
            assertThat(read.messages().get(i)).as(where).isEqualTo(m).hasSameHashCodeAs(m).hasToString(m.toString());
            assertThat(read.message(m.id())).as(where).contains(m);
            assertThat(read.messages().indexOf(m)).as(where).isEqualTo(i);
        }
        assertThat(read.message("absent")).as(where).isEmpty();
    }

    private static String refusal(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionFailedError("the public path accepted what the read thread refused");
    }

    /** @return the message as a store keeps it: attachment metadata, never the bytes */
    private static Message metadataOnly(Message m) {
        List<Attachment> attachments = new ArrayList<>();
        for (Attachment a : m.attachments()) {
            attachments.add(new Attachment(a.filename(), null, a.mimeType(), a.attributes(), a.fileId(),
                    a.storagePath(), a.storageBackend(), a.status(), a.size(), a.sha256()));
        }
        return m.toBuilder().attachments(attachments).build();
    }
}
