package dev.threadstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every string of every record rejects text that is not valid UTF-16 (an unpaired surrogate), which a
 * database driver would silently turn into '?'. Generated: each field gets hostile strings built from a
 * seeded random (printed on failure), and a reflective check makes sure no String component is left out.
 */
class StringFieldsTest {

    /** Records whose strings are not stored anywhere: the errors of a health check are the file store's own text. */
    private static final List<String> EXEMPT = List.of("FileStoreHealth");

    private static final List<Class<?>> RECORDS = List.of(ChatThread.class, Message.class, ToolCall.class,
            Attachment.class, MessageSource.class, ThreadSource.class, ContentPart.Text.class,
            ContentPart.ImageUrl.class, StoredFile.class, FileStoreHealth.class);

    /** "Record.component" to a function building a valid record with that one string replaced. */
    private static Map<String, Function<String, Object>> fields() {
        Map<String, Function<String, Object>> f = new LinkedHashMap<>();
        f.put("ChatThread.id", s -> ChatThread.builder().id(s).build());
        f.put("ChatThread.title", s -> ChatThread.builder().title(s).build());
        f.put("Message.id", s -> Message.builder(Role.USER).id(s).build());
        f.put("Message.content", s -> Message.builder(Role.USER).content(s).build());
        f.put("Message.name", s -> Message.builder(Role.USER).name(s).build());
        f.put("Message.toolCallId", s -> Message.builder(Role.TOOL).toolCallId(s).build());
        f.put("Message.reactions (emoji)", s -> Message.builder(Role.USER).reactions(Map.of(s, List.of("u"))).build());
        f.put("Message.reactions (user)", s -> Message.builder(Role.USER).reactions(Map.of("+1", List.of(s))).build());
        f.put("Message.attributes (key)", s -> Message.builder(Role.USER).attributes(Map.of(s, 1)).build());
        f.put("Message.metrics (value)", s -> Message.builder(Role.USER).metrics(Map.of("m", List.of(s))).build());
        f.put("ToolCall.id", s -> new ToolCall(s, "function", "f", "{}"));
        f.put("ToolCall.type", s -> new ToolCall("c", s, "f", "{}"));
        f.put("ToolCall.functionName", s -> new ToolCall("c", "function", s, "{}"));
        f.put("ToolCall.arguments", s -> new ToolCall("c", "function", "f", s));
        f.put("Attachment.filename", s -> attachment(s, null, null, null, null, null));
        f.put("Attachment.mimeType", s -> attachment("a.txt", s, null, null, null, null));
        f.put("Attachment.fileId", s -> attachment("a.txt", null, s, null, null, null));
        f.put("Attachment.storagePath", s -> attachment("a.txt", null, null, s, null, null));
        f.put("Attachment.storageBackend", s -> attachment("a.txt", null, null, null, s, null));
        f.put("Attachment.sha256", s -> attachment("a.txt", null, null, null, null, s));
        f.put("Attachment.attributes (value)", s -> new Attachment("a.txt", null, null, Map.of("k", s), null, null,
                null, AttachmentStatus.FAILED, 0, null));
        f.put("MessageSource.id", s -> MessageSource.of(s, null, null));
        f.put("MessageSource.name", s -> MessageSource.of("id", s, null));
        f.put("MessageSource.attributes (key)", s -> new MessageSource("id", null, null, Map.of(s, 1)));
        f.put("ThreadSource.name", s -> ThreadSource.of(s));
        f.put("ThreadSource.properties (value)", s -> new ThreadSource("slack", Map.of("channel", s)));
        f.put("Text.text", s -> new ContentPart.Text(s));
        f.put("ImageUrl.url", s -> new ContentPart.ImageUrl(s));
        f.put("StoredFile.id", s -> storedFile(s, "f", "text/plain", "p", "local", "00"));
        f.put("StoredFile.filename", s -> storedFile("id", s, "text/plain", "p", "local", "00"));
        f.put("StoredFile.mimeType", s -> storedFile("id", "f", s, "p", "local", "00"));
        f.put("StoredFile.storagePath", s -> storedFile("id", "f", "text/plain", s, "local", "00"));
        f.put("StoredFile.storageBackend", s -> storedFile("id", "f", "text/plain", "p", s, "00"));
        f.put("StoredFile.sha256", s -> storedFile("id", "f", "text/plain", "p", "local", s));
        return f;
    }

    private static Attachment attachment(String filename, String mimeType, String fileId, String storagePath,
                                         String storageBackend, String sha256) {
        return new Attachment(filename, null, mimeType, Map.of(), fileId, storagePath, storageBackend,
                AttachmentStatus.FAILED, 0, sha256);
    }

    private static StoredFile storedFile(String id, String filename, String mimeType, String storagePath,
                                         String storageBackend, String sha256) {
        return new StoredFile(id, filename, mimeType, storagePath, storageBackend, Instant.now(), 1, sha256);
    }

    @Test
    void everyStringOfEveryRecordRejectsAnUnpairedSurrogate() {
        long seed = Long.getLong("threadstore.seed", 18_3L);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        fields().forEach((field, build) -> {
            assertThat(build.apply("valid \uD83D\uDE00 text")).as("%s accepts valid text", field).isNotNull();
            for (int i = 0; i < 50; i++) {
                String hostile = hostile(random);
                try {
                    build.apply(hostile);
                    failures.add(field + " accepted " + escape(hostile));
                } catch (IllegalArgumentException e) {
                    if (!e.getMessage().contains("surrogate")) {
                        failures.add(field + " rejected " + escape(hostile) + " for another reason: " + e.getMessage());
                    }
                }
            }
        });
        assertThat(failures).as("seed %d (rerun with -Dthreadstore.seed=%d)", seed, seed).isEmpty();
    }

    @Test
    void theGeneratedTestCoversEveryStringComponentOfEveryRecord() {
        TreeSet<String> components = new TreeSet<>();
        for (Class<?> type : RECORDS) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType() == String.class && !EXEMPT.contains(type.getSimpleName())) {
                    components.add(type.getSimpleName() + "." + c.getName());
                }
            }
        }
        assertThat(fields().keySet()).containsAll(components);
    }

    /** Valid text around one unpaired surrogate: a lone high, a lone low, or a pair in the wrong order. */
    private static String hostile(Random random) {
        String[] bad = {"\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDE00\uD83D", "\uD83D"};
        String[] around = {"", "a", "\uD83D\uDE00", "a\uD83D\uDE00é", "\u0000 x"};
        return around[random.nextInt(around.length)] + bad[random.nextInt(bad.length)] + around[random.nextInt(around.length)];
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return b.toString();
    }
}
