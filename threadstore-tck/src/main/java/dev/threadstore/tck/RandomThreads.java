package dev.threadstore.tck;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Random threads, messages, JSON values and edits for the generated tests, from a seed: the same seed gives
 * the same values, so a failure is reproduced by its seed. The values are legal everywhere (valid UTF-16,
 * non-blank ids of at most 255 characters, instants in the years 0001 to 9999, finite numbers) but chosen
 * to be awkward: values of different JSON types that print alike ({@code 1}, {@code 1.0}, {@code "1"},
 * {@code "d:1.0"}, {@code true}, {@code "true"}), longs beyond double precision, characters beyond U+FFFF,
 * {@code \u0000}, quotes and nesting.
 */
final class RandomThreads {

    /** The first instant the generators use: 0001-01-01T00:00:00Z. */
    static final long MIN_EPOCH_SECOND = -62_135_596_800L;
    /** The last second the generators use: 9999-12-31T23:59:59Z. */
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private static final String[] WORDS = {"a", "b", "x", "hello", "Zürich", "мир", "你好", "👍", "𝔘", "\uD83D\uDE00",
        "\u0000", "'", "\"", "\\", "a,b", "[1]", "{}", "null", "true", "1", "1.0", "d:1.0", " ", "é", "\uFFFD", "\uE000",
        "tab\t", "line\n", "%", "_", "$.a", "k=v"};

    private static final List<Object> LOOKALIKES = List.of(1L, 1.0, "1", "1.0", "d:1.0", "d:1", true, "true", 0L, 0.0,
        "0", false, "false", "", "null", List.of(), "[]", Map.of(), "{}", List.of("a", "b"), List.of("a,b"), "a,b",
        List.of(1L), List.of(1.0), List.of("1"), Map.of("a", 1L), Map.of("a", "1"), Map.of("a", 1.0), 9_007_199_254_740_993L,
        9_007_199_254_740_992L, 9.007199254740992E15, "9007199254740993", Long.MAX_VALUE, Long.MIN_VALUE, 0.1, "0.1", 1e20,
        100_000_000_000_000_000L, "1e20", 1.5, "1.5");

    private static final List<@Nullable Object> LOOKALIKES_WITH_NULL = withNull();

    private final Random random;
    private int counter;

    RandomThreads(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A short text: words of every kind, sometimes empty. */
    String text() {
        int words = random.nextInt(4);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(WORDS[random.nextInt(WORDS.length)]);
            if (chance(30)) {
                b.append(' ');
            }
        }
        return b.toString();
    }

    /** A non-blank id, unique in this generator, sometimes long (up to 255 UTF-16 units) or beyond the BMP. */
    String id(String prefix) {
        String base = prefix + "-" + (++counter);
        int kind = random.nextInt(10);
        if (kind == 0) {
            return base + "-\uD83E\uDDF5";
        }
        if (kind == 1) {
            return base + "-\uE000";
        }
        if (kind == 2) {
            StringBuilder b = new StringBuilder(base);
            while (b.length() < 253) {
                b.append(random.nextBoolean() ? "\uD83D\uDE00" : "x");
            }
            return b.length() > 255 ? b.substring(0, 253) : b.toString();
        }
        return base;
    }

    /** An instant in the years 0001 to 9999, to the microsecond. */
    Instant instant() {
        if (chance(20)) {
            return pick(List.of(Instant.ofEpochSecond(MIN_EPOCH_SECOND), Instant.ofEpochSecond(MAX_EPOCH_SECOND, 999_999_000),
                    Instant.EPOCH, Instant.parse("1582-10-15T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.999999Z")));
        }
        long second = MIN_EPOCH_SECOND + (long) (random.nextDouble() * (MAX_EPOCH_SECOND - MIN_EPOCH_SECOND));
        return Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1000L);
    }

    /** A JSON value of any type, nested at most {@code depth} deep. */
    @Nullable Object json(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        switch (kind) {
            case 0:
                return text();
            case 1:
                return random.nextInt(3) == 0 ? random.nextLong() : (long) random.nextInt(1000) - 500;
            case 2:
                return chance(50) ? random.nextInt(1000) / 8.0 : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 3:
                return random.nextBoolean();
            case 4:
                return null;
            case 5:
            case 6:
                return pick(LOOKALIKES_WITH_NULL);
            case 7:
                List<@Nullable Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(json(depth - 1));
                }
                return list;
            default:
                return jsonMap(3, depth - 1);
        }
    }

    /** A JSON object of up to {@code maxKeys} keys. */
    Map<String, @Nullable Object> jsonMap(int maxKeys, int depth) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(maxKeys + 1); i > 0; i--) {
            map.put(chance(70) ? "k" + random.nextInt(6) : text(), json(depth));
        }
        return map;
    }

    /** A value that may print like the given one but is another value, or another type. */
    @Nullable Object lookalike(@Nullable Object current) {
        if (current instanceof Double && chance(50)) {
            return chance(50) ? "d:" + current : String.valueOf(current);
        }
        if (current instanceof Long && chance(50)) {
            return chance(50) ? ((Long) current).doubleValue() : String.valueOf(current);
        }
        if (current instanceof String && chance(30)) {
            String s = (String) current;
            if (s.startsWith("d:")) {
                try {
                    return Double.parseDouble(s.substring(2));
                } catch (NumberFormatException e) {
                    return s.substring(2);
                }
            }
            return "d:" + s;
        }
        return pick(LOOKALIKES_WITH_NULL);
    }

    /** The same map with one key's value changed, added or removed, or its keys in another order. */
    Map<String, @Nullable Object> editMap(Map<String, ?> map) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(map);
        List<String> keys = new ArrayList<>(copy.keySet());
        int kind = keys.isEmpty() ? 0 : random.nextInt(5);
        switch (kind) {
            case 0:
                copy.put(chance(50) || keys.isEmpty() ? "k" + random.nextInt(8) : pick(keys), json(2));
                return copy;
            case 1:
                copy.remove(pick(keys));
                return copy;
            case 2:
                Collections.shuffle(keys, random);
                Map<String, @Nullable Object> reordered = new LinkedHashMap<>();
                keys.forEach(k -> reordered.put(k, map.get(k)));
                return reordered;
            default:
                String key = pick(keys);
                copy.put(key, lookalike(copy.get(key)));
                return copy;
        }
    }

    /** A message of the given role with random fields; sequence 0 (unplaced). */
    Message message(String id, Role role) {
        Message.Builder b = Message.builder(role).id(id).content(chance(80) ? text() : null).timestamp(instant());
        if (chance(30)) {
            b.parts(parts());
        }
        if (chance(30) || role == Role.TOOL) {
            b.name(chance(80) ? "name " + text() : null);
        }
        if (role == Role.TOOL) {
            b.toolCallId("call_" + random.nextInt(100));
        }
        if (role == Role.ASSISTANT && chance(50)) {
            b.toolCalls(toolCalls());
        }
        b.attributes(jsonMap(4, 2)).metrics(chance(50) ? jsonMap(3, 2) : Map.of());
        if (chance(30)) {
            b.source(messageSource());
        }
        if (chance(30)) {
            b.attachments(attachments());
        }
        if (chance(30)) {
            b.reactions(reactions());
        }
        return b.build();
    }

    /** A thread with a random title, attributes, source and up to {@code maxMessages} messages placed 1, 2, 3… */
    ChatThread thread(String id, int maxMessages) {
        List<Message> messages = new ArrayList<>();
        for (int i = random.nextInt(maxMessages + 1); i > 0; i--) {
            messages.add(message(id("m"), pick(List.of(Role.values()))));
        }
        return ChatThread.builder().id(id).title(chance(85) ? text() : null).attributes(jsonMap(5, 2))
                .source(chance(50) ? threadSource() : null).createdAt(instant()).build().withMessages(messages);
    }

    ThreadSource threadSource() {
        return new ThreadSource(pick(List.of("slack", "email", "teams", "s\uD83D\uDE00")), jsonMap(3, 1));
    }

    /**
     * The message with one field changed (content, parts, name, tool call id, tool calls, attributes, timestamp,
     * source, attachments, reactions or metrics), possibly to a value equal to the old one (a reorder of map keys).
     *
     * @return the edited message and the name of the field edited
     */
    Map.Entry<String, Message> editMessage(Message m) {
        Message.Builder b = m.toBuilder();
        int field = random.nextInt(11);
        switch (field) {
            case 0:
                String content = m.content();
                b.content(content == null ? text() : chance(30) ? null : chance(50) ? content + "!" : text());
                return Map.entry("content", b.build());
            case 1:
                b.parts(m.parts().isEmpty() || chance(50) ? parts() : m.parts().subList(1, m.parts().size()));
                return Map.entry("parts", b.build());
            case 2:
                b.name(m.name() == null ? text() : chance(50) ? null : m.name() + "'");
                return Map.entry("name", b.build());
            case 3:
                b.toolCallId(m.role() == Role.TOOL || chance(50) ? "call_" + random.nextInt(1000) : null);
                return Map.entry("toolCallId", b.build());
            case 4:
                b.toolCalls(m.toolCalls().isEmpty() || chance(50) ? toolCalls() : m.toolCalls().subList(1, m.toolCalls().size()));
                return Map.entry("toolCalls", b.build());
            case 5:
                Instant next = m.timestamp().getEpochSecond() >= MAX_EPOCH_SECOND ? m.timestamp().minusNanos(1000)
                        : m.timestamp().plusNanos(1000);
                b.timestamp(chance(50) ? instant() : next);
                return Map.entry("timestamp", b.build());
            case 6:
                b.source(m.source() == null || chance(30) ? messageSource() : chance(50) ? null
                        : new MessageSource(m.source().id(), m.source().name(), m.source().type(), editMap(m.source().attributes())));
                return Map.entry("source", b.build());
            case 7:
                b.attachments(editAttachments(m.attachments()));
                return Map.entry("attachments", b.build());
            case 8:
                b.reactions(editReactions(m.reactions()));
                return Map.entry("reactions", b.build());
            case 9:
                b.metrics(editMap(m.metrics()));
                return Map.entry("metrics", b.build());
            default:
                b.attributes(editMap(m.attributes()));
                return Map.entry("attributes", b.build());
        }
    }

    /** The thread with one thread-level field changed: title, attributes or source. */
    Map.Entry<String, ChatThread> editThreadField(ChatThread t) {
        switch (random.nextInt(3)) {
            case 0:
                return Map.entry("title", t.withTitle(t.title() == null ? text() : chance(30) ? null : t.title() + "\u0000"));
            case 1:
                return Map.entry("attributes", t.toBuilder().attributes(editMap(t.attributes())).build());
            default:
                ThreadSource s = t.source();
                ThreadSource next = s == null || chance(20) ? threadSource()
                        : chance(20) ? null : new ThreadSource(s.name(), editMap(s.properties()));
                return Map.entry("source", t.withSource(next));
        }
    }

    private List<ContentPart> parts() {
        List<ContentPart> parts = new ArrayList<>();
        for (int i = random.nextInt(3) + 1; i > 0; i--) {
            parts.add(chance(50) ? ContentPart.text(text()) : ContentPart.imageUrl("https://example.com/" + random.nextInt(100) + ".png"));
        }
        return parts;
    }

    private List<ToolCall> toolCalls() {
        List<ToolCall> calls = new ArrayList<>();
        for (int i = random.nextInt(3) + 1; i > 0; i--) {
            calls.add(new ToolCall("call_" + random.nextInt(100), pick(List.of("function", "custom", "")),
                    "f" + random.nextInt(10), chance(50) ? "{\"x\":" + random.nextInt(10) + "}" : text()));
        }
        return calls;
    }

    private MessageSource messageSource() {
        return new MessageSource("src-" + random.nextInt(10), chance(50) ? text() : null,
                chance(70) ? pick(List.of(MessageSource.Type.values())) : null, jsonMap(2, 1));
    }

    private List<Attachment> attachments() {
        List<Attachment> list = new ArrayList<>();
        for (int i = random.nextInt(2) + 1; i > 0; i--) {
            list.add(attachment());
        }
        return list;
    }

    private Attachment attachment() {
        String name = "f" + random.nextInt(100) + pick(List.of(".pdf", ".png", ".txt", ""));
        if (chance(25)) {
            return Samples.withoutContent(name, chance(50) ? "application/octet-stream" : null, jsonMap(2, 1), null, null, null,
                    AttachmentStatus.FAILED, random.nextInt(1000), null);
        }
        String fileId = "id" + random.nextInt(1_000_000);
        return Samples.withoutContent(name, pick(List.of("application/pdf", "image/png", "text/plain")), jsonMap(3, 1), fileId,
                fileId.substring(0, 3) + "/" + fileId, pick(List.of("local", "memory", "s3")), AttachmentStatus.STORED,
                random.nextInt(100_000), chance(70) ? Long.toHexString(random.nextLong()) : null);
    }

    private List<Attachment> editAttachments(List<Attachment> attachments) {
        if (attachments.isEmpty() || chance(30)) {
            return attachments();
        }
        List<Attachment> copy = new ArrayList<>(attachments);
        int i = random.nextInt(copy.size());
        Attachment a = copy.get(i);
        switch (random.nextInt(4)) {
            case 0:
                copy.remove(i);
                break;
            case 1:
                copy.set(i, Samples.withoutContent(a.filename(), a.mimeType(), editMap(a.attributes()), a.fileId(), a.storagePath(),
                        a.storageBackend(), a.status(), a.size(), a.sha256()));
                break;
            case 2:
                copy.set(i, Samples.withoutContent(a.filename() + "x", a.mimeType(), a.attributes(), a.fileId(), a.storagePath(),
                        a.storageBackend(), a.status(), a.size() + 1, a.sha256()));
                break;
            default:
                Collections.reverse(copy);
                copy.add(attachment());
        }
        return copy;
    }

    private Map<String, List<String>> reactions() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = random.nextInt(3) + 1; i > 0; i--) {
            List<String> users = new ArrayList<>();
            for (int u = random.nextInt(3); u >= 0; u--) {
                users.add("U" + random.nextInt(10));
            }
            map.put(pick(List.of("👍", "🎉", "❤️", "🇳🇴", "+1", "1")), users);
        }
        return map;
    }

    private Map<String, List<String>> editReactions(Map<String, List<String>> reactions) {
        Map<String, List<String>> copy = new LinkedHashMap<>(reactions);
        if (copy.isEmpty() || chance(30)) {
            copy.put(pick(List.of("👀", "🚀", "1", "+1")), List.of("U" + random.nextInt(10)));
            return copy;
        }
        String emoji = pick(new ArrayList<>(copy.keySet()));
        List<String> users = new ArrayList<>(copy.get(emoji));
        if (chance(50) && !users.isEmpty()) {
            Collections.reverse(users);
            users.add(users.remove(0));
            copy.put(emoji, users);
        } else {
            copy.remove(emoji);
        }
        return copy;
    }

    private static List<@Nullable Object> withNull() {
        List<@Nullable Object> values = new ArrayList<>(LOOKALIKES);
        values.add(null);
        return Collections.unmodifiableList(values);
    }
}
