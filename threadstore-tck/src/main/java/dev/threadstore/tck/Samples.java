package dev.threadstore.tck;

import static java.util.Comparator.reverseOrder;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.ContentPart;
import dev.threadstore.Message;
import dev.threadstore.MessageSource;
import dev.threadstore.Role;
import dev.threadstore.ThreadSource;
import dev.threadstore.ToolCall;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The sample threads and messages the contracts save, and the orders they expect back. Every value here
 * is deliberately awkward in one way a backend can get wrong (a system message, a {@code Long} next to a
 * {@code Double}, microseconds, a gap in the sequences), so a test that round-trips it checks all of that.
 */
final class Samples {

    /** Strings in Unicode code point order (what {@code COLLATE "C"} and SQLite's binary collation give). */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> Arrays.compare(a.codePoints().toArray(),
            b.codePoints().toArray());

    /**
     * The order of {@code list}, {@code listRecent} and every query: updatedAt desc, createdAt desc, id asc in
     * Unicode code point order.
     */
    static final Comparator<ChatThread> LIST_ORDER = Comparator.comparing(ChatThread::updatedAt, reverseOrder())
            .thenComparing(ChatThread::createdAt, reverseOrder())
            .thenComparing(ChatThread::id, CODE_POINT_ORDER);

    static final Instant CREATED = Instant.parse("2024-02-29T23:59:59.123456Z");

    private Samples() {
    }

    /** A thread with the given id and title, no messages, created at {@link #CREATED}. */
    static ChatThread thread(String id, String title) {
        return ChatThread.builder().id(id).title(title).createdAt(CREATED).updatedAt(CREATED).build();
    }

    /** A thread with the given id and the given messages, placed at 1, 2, 3… */
    static ChatThread thread(String id, Message... messages) {
        return thread(id, "Thread " + id).withMessages(List.of(messages));
    }

    /** A thread with the given id and attributes. */
    static ChatThread threadWithAttributes(String id, Map<String, ?> attributes) {
        return thread(id, "Thread " + id).toBuilder().attributes(attributes).build();
    }

    /** A thread with the given id and source. */
    static ChatThread threadWithSource(String id, ThreadSource source) {
        return thread(id, "Thread " + id).toBuilder().source(source).build();
    }

    /** A user message with a chosen id. */
    static Message user(String id, String text) {
        return Message.builder(Role.USER).id(id).content(text).timestamp(CREATED).build();
    }

    /** A message of the given role with every component set to a non-default value. */
    static Message everyField(Role role, String id) {
        return Message.builder(role)
                .id(id)
                .content(role + " says hello 👋 — \"quoted\"")
                .parts(List.of(ContentPart.text("look at this"), ContentPart.imageUrl("https://example.com/cat.png")))
                .name(role == Role.TOOL ? "weather" : "speaker-" + role.name().toLowerCase(java.util.Locale.ROOT))
                .toolCallId(role == Role.TOOL ? "call_1" : null)
                .toolCalls(role == Role.ASSISTANT
                        ? List.of(ToolCall.function("call_1", "weather", "{\"city\":\"Oslo\"}"),
                                new ToolCall("call_2", "function", "time", ""))
                        : List.of())
                .attributes(mapOf("long", 42L, "double", 42.5, "whole double", 42.0, "nested",
                        mapOf("list", List.of(1L, "two", 3.0, true, mapOf("k", null)), "empty", Map.of())))
                .timestamp(Instant.parse("2024-03-01T12:34:56.654321Z"))
                .source(new MessageSource("U123", "Ada", MessageSource.Type.USER, Map.of("team", "T9", "admin", true)))
                .attachments(List.of(storedAttachment("report.pdf"),
                        withoutContent("broken.bin", null, Map.of("error", "virus scan failed"), null, null,
                                null, AttachmentStatus.FAILED, 17, null)))
                .reactions(reactions("👍", List.of("U2", "U1"), "🎉", List.of("U3")))
                .metrics(mapOf("model", "gpt-4.1", "latency_ms", 812L, "temperature", 0.7,
                        "usage", mapOf("prompt_tokens", 120L, "completion_tokens", 48L, "cost", 0.00125)))
                .build();
    }

    /** Attachment metadata as a FileStore leaves it: STORED, no bytes. */
    static Attachment storedAttachment(String filename) {
        return withoutContent(filename, "application/pdf", mapOf("type", "document", "pages", 3L),
                "f0123456789abcdef", "f0/123456789abcdef.pdf", "local", AttachmentStatus.STORED, 2048,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    /**
     * An attachment with no bytes in it (stored, failed, or metadata only): the canonical constructor with
     * {@code content} null.
     */
    // NullAway reads the API's record from its class file; on JDK 17 it cannot see the type-use annotation of
    // `byte @Nullable [] content` there (JDK 22 can), so it takes the parameter as non-null. It is nullable.
    @SuppressWarnings("NullAway")
    static Attachment withoutContent(String filename, @Nullable String mimeType, Map<String, Object> attributes,
                                     @Nullable String fileId, @Nullable String storagePath, @Nullable String storageBackend,
                                     AttachmentStatus status, long size, @Nullable String sha256) {
        return new Attachment(filename, null, mimeType, attributes, fileId, storagePath, storageBackend, status, size, sha256);
    }

    /** A map that keeps insertion order and may hold null values, from alternating keys and values. */
    static Map<String, Object> mapOf(@Nullable Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, List<String>> reactions(String e1, List<String> u1, String e2, List<String> u2) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put(e1, u1);
        map.put(e2, u2);
        return map;
    }

    /** n user messages with ids prefix-1 … prefix-n. */
    static List<Message> userMessages(String prefix, int n) {
        List<Message> list = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            list.add(user(prefix + "-" + i, "message " + i + " of " + prefix));
        }
        return list;
    }

    static List<String> ids(List<ChatThread> threads) {
        return threads.stream().map(ChatThread::id).collect(Collectors.toList());
    }

    static List<Integer> sequences(List<Message> messages) {
        return messages.stream().map(Message::sequence).collect(Collectors.toList());
    }

    static List<String> messageIds(List<Message> messages) {
        return messages.stream().map(Message::id).collect(Collectors.toList());
    }

    /** A string short enough for an assertion description, with \u0000 made visible. */
    static String abbreviate(String s) {
        String visible = s.replace("\u0000", "\\u0000");
        return visible.length() <= 40 ? "'" + visible + "'" : "'" + visible.substring(0, 37) + "...' (" + s.length() + " chars)";
    }

    static String repeat(char c, int n) {
        char[] chars = new char[n];
        Arrays.fill(chars, c);
        return new String(chars);
    }

    /**
     * Waits until the clock, read at the microsecond precision the store stamps with, has moved on, so
     * that the next write gets a strictly later {@code updatedAt} than every write before this call.
     * This is not a timing assertion: it only makes "more recently updated" well defined.
     */
    static void letClockAdvance() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        do {
            try {
                java.lang.Thread.sleep(2);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the clock", e);
            }
        } while (!Instant.now().truncatedTo(ChronoUnit.MICROS).isAfter(start));
    }
}
