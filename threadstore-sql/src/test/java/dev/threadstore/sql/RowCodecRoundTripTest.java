package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.StorageException;
import dev.threadstore.ThreadSource;
import dev.threadstore.sql.Rows.AttachmentRow;
import dev.threadstore.sql.Rows.MessageRow;
import dev.threadstore.sql.Rows.ThreadRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Every domain record survives its rows, and a row of a shape the codec does not know is reported by name. */
class RowCodecRoundTripTest {

    private static final Instant T = Instant.parse("2025-03-04T05:06:07.123456Z");

    private final RowCodec codec = new RowCodec(new EncodingDialect());

    /** Thousands of generated messages whose values print alike across JSON types (1, 1.0, "1", true, "true"). */
    @Test
    void everyGeneratedMessageSurvivesItsRowsUnchangedWithItsDigest() {
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        AlikeMessages generate = new AlikeMessages(seed);
        int withAttachments = 0;
        for (int i = 0; i < 5_000; i++) {
            Message m = metadataOnly(i % 2 == 0 ? generate.message() : generate.edit(generate.message()));
            String digest = RowCodec.digest(m);
            MessageRow row = codec.messageRow("t1", m, digest);
            List<AttachmentRow> attachments = codec.attachmentRows("t1", m);
            Message decoded = codec.message(row, attachments);
            if (!decoded.equals(m) || !RowCodec.digest(decoded).equals(digest)) {
                throw new AssertionFailedError("Case " + i + " of seed " + seed + " (rerun with -Dthreadstore.seed="
                        + seed + ")\n stored  " + m + "\n decoded " + decoded);
            }
            assertThat(row.digest()).isEqualTo(digest);
            withAttachments += attachments.isEmpty() ? 0 : 1;
        }
        assertThat(withAttachments).as("messages with attachments, seed " + seed).isGreaterThan(500);
    }

    @Test
    void threadsSurviveTheirRowsWithNumbersKeepingTheirJsonType() {
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        AlikeMessages generate = new AlikeMessages(seed);
        for (int i = 0; i < 1_000; i++) {
            ChatThread thread = ChatThread.builder()
                    .id("t" + i)
                    .title(i % 3 == 0 ? null : "title " + i)
                    .attributes(generate.map(0))
                    .source(i % 2 == 0 ? null : new ThreadSource("slack", generate.map(0)))
                    .createdAt(T)
                    .updatedAt(T.plusSeconds(i))
                    .version(i + 1)
                    .build();
            ThreadRow row = codec.threadRow(thread);
            assertThat(codec.thread(row, List.of())).as("seed " + seed + ", case " + i).isEqualTo(thread);
        }
        ChatThread numbers = ChatThread.builder().id("n").attributes(Map.of("long", 1L, "double", 1.0)).build();
        Map<String, Object> decoded = codec.thread(codec.threadRow(numbers), List.of()).attributes();
        assertThat(decoded.get("long")).isInstanceOf(Long.class);
        assertThat(decoded.get("double")).isInstanceOf(Double.class);
    }

    @Test
    void everyTextAndJsonColumnGoesThroughTheDialect() {
        Message m = Message.user("hi").toBuilder().id("m1").sequence(1).name("ann").build();
        MessageRow row = codec.messageRow("t1", m, RowCodec.digest(m));
        assertThat(List.of(row.content(), row.name())).allSatisfy(c -> assertThat(c).startsWith("T|"));
        assertThat(List.of(row.parts(), row.toolCalls(), row.attributes(), row.reactions(), row.metrics()))
                .allSatisfy(c -> assertThat(c).startsWith("J|"));
        assertThat(row.attributes()).isEqualTo("J|{}");
        assertThat(row.toolCalls()).isEqualTo("J|[]");
    }

    @Test
    void aContentPartOfAnUnknownTypeIsTheStoresErrorNamingTheRow() {
        assertThatThrownBy(() -> codec.message(row(r -> r.parts = "J|[{\"type\":\"audio\",\"url\":\"x\"}]"), List.of()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Thread 't1'")
                .hasMessageContaining("message 'm1'")
                .hasMessageContaining("messages.parts")
                .hasMessageContaining("unknown type \"audio\"");
    }

    @Test
    void everyColumnOfTheWrongJsonShapeIsTheStoresErrorNamingItsColumn() {
        record Case(String column, java.util.function.Consumer<Editable> edit, String problem) {
        }
        List<Case> cases = List.of(
                new Case("messages.parts", r -> r.parts = "J|{\"type\":\"text\"}", "where a JSON array belongs"),
                new Case("messages.tool_calls", r -> r.toolCalls = "J|[{\"id\":1}]", "where a string is required"),
                new Case("messages.attributes", r -> r.attributes = "J|[1,2]", "where a JSON object belongs"),
                new Case("messages.reactions", r -> r.reactions = "J|{\"+1\":[7]}", "not a user name"),
                new Case("messages.source", r -> r.source = "J|{\"id\":\"s\",\"type\":\"ROBOT\"}", "unknown Type 'ROBOT'"),
                new Case("messages.metrics", r -> r.metrics = "J|not json", "text that is not JSON"),
                new Case("messages.metrics", r -> r.metrics = "{}", "text the dialect cannot decode"),
                new Case("messages.role", r -> r.role = "WIZARD", "unknown Role 'WIZARD'"),
                new Case("messages.attributes", r -> r.attributes = null, "NULL, where a JSON value is required"));
        for (Case c : cases) {
            assertThatThrownBy(() -> codec.message(row(c.edit()), List.of()))
                    .as(c.column() + " " + c.problem())
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("message 'm1'")
                    .hasMessageContaining(c.column())
                    .hasMessageContaining(c.problem());
        }
    }

    @Test
    void anAttachmentOfAnUnknownStatusIsTheStoresErrorNamingTheAttachmentsColumn() {
        AttachmentRow bad = new AttachmentRow("t1", "m1", 0, "T|a.txt", null, "J|{}", null, null, null, "LOST", 1, null);
        assertThatThrownBy(() -> codec.attachment(bad))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("attachments.status")
                .hasMessageContaining("unknown AttachmentStatus 'LOST'");
    }

    /** A message row's columns, to be edited one at a time. */
    private static final class Editable {
        String role = "USER";
        String parts = "J|[]";
        String toolCalls = "J|[]";
        String attributes = "J|{}";
        String source = null;
        String reactions = "J|{}";
        String metrics = "J|{}";
    }

    private static MessageRow row(java.util.function.Consumer<Editable> edit) {
        Editable r = new Editable();
        edit.accept(r);
        return new MessageRow("t1", "m1", 1, r.role, "T|hi", r.parts, null, null, r.toolCalls, r.attributes, T,
                r.source, r.reactions, r.metrics, "digest");
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
