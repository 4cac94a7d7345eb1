package dev.threadstore.sql;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ContentPart;
import dev.threadstore.Message;
import dev.threadstore.MessageSource;
import dev.threadstore.Role;
import dev.threadstore.ToolCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random messages and edits drawn from small pools of values that print alike across JSON types
 * ({@code 1} vs {@code 1.0} vs {@code "1"} vs {@code "d:1.0"}, {@code true} vs {@code "true"}, {@code null} vs
 * {@code "null"}, nested lists and maps), so that an edit often leaves a message equal and often changes it in
 * a way a careless encoding would miss.
 */
final class AlikeMessages {

    private static final Object[] SCALARS = {1L, 1.0, "1", "1.0", "d:1.0", "L:1", true, "true", null, "null", 0L,
            0.0, "", "[1]", "{}", "a\u0000b", "é", "\uD83D\uDE00", 2L, 10L, 1.5, "1,1", "\"1\""};
    private static final String[] KEYS = {"x", "y", "1", "", "a.b", "x\""};
    private static final String[] TEXTS = {"1", "1.0", "null", "true", "a", "a\u0000", "\uD83D\uDE00", " "};
    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456Z");

    private final Random random;

    AlikeMessages(long seed) {
        this.random = new Random(seed);
    }

    Object json(int depth) {
        int pick = random.nextInt(depth > 2 ? 1 : 10);
        if (pick == 8) {
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                list.add(json(depth + 1));
            }
            return list;
        }
        if (pick == 9) {
            return map(depth + 1);
        }
        return SCALARS[random.nextInt(SCALARS.length)];
    }

    Map<String, Object> map(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            map.put(KEYS[random.nextInt(KEYS.length)], json(depth + 1));
        }
        return map;
    }

    private String text() {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private String nullableText() {
        return random.nextInt(4) == 0 ? null : text();
    }

    Message message() {
        Message.Builder b = Message.builder(Role.USER).id("m" + random.nextInt(2)).timestamp(T0);
        for (int field = 0; field < FIELDS; field++) {
            if (random.nextBoolean()) {
                edit(b, field);
            }
        }
        return build(b);
    }

    /** @return the message with one random component replaced by a random value, which may equal the old one */
    Message edit(Message m) {
        Message.Builder b = m.toBuilder();
        edit(b, random.nextInt(FIELDS));
        return build(b);
    }

    private static Message build(Message.Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            return b.role(Role.USER).build(); // a TOOL message without a tool call id
        }
    }

    private static final int FIELDS = 14;

    private void edit(Message.Builder b, int field) {
        switch (field) {
            case 0 -> b.role(Role.values()[random.nextInt(Role.values().length)]);
            case 1 -> b.sequence(random.nextInt(3));
            case 2 -> b.content(nullableText());
            case 3 -> {
                List<ContentPart> parts = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    parts.add(random.nextBoolean() ? new ContentPart.Text(text()) : new ContentPart.ImageUrl(text()));
                }
                b.parts(parts);
            }
            case 4 -> b.name(nullableText());
            case 5 -> b.toolCallId(nullableText());
            case 6 -> {
                List<ToolCall> calls = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    calls.add(new ToolCall("c" + random.nextInt(2), random.nextBoolean() ? "function" : "1",
                            "f" + random.nextInt(2), text()));
                }
                b.toolCalls(calls);
            }
            case 7 -> b.attributes(map(0));
            case 8 -> b.timestamp(T0.plusNanos(1000L * random.nextInt(2)));
            case 9 -> b.source(random.nextInt(3) == 0 ? null : new MessageSource("s" + random.nextInt(2),
                    nullableText(), random.nextBoolean() ? null : MessageSource.Type.values()[random.nextInt(3)], map(0)));
            case 10 -> {
                List<Attachment> attachments = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    boolean stored = random.nextBoolean();
                    attachments.add(new Attachment("f" + random.nextInt(2),
                            random.nextBoolean() ? null : new byte[] {(byte) random.nextInt(2)}, nullableText(), map(0),
                            stored ? text() : nullableText(), stored ? text() : nullableText(), nullableText(),
                            stored ? AttachmentStatus.STORED : AttachmentStatus.values()[random.nextInt(3) == 0 ? 2 : 0],
                            random.nextInt(2), nullableText()));
                }
                b.attachments(attachments);
            }
            case 11 -> {
                Map<String, List<String>> reactions = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    List<String> users = new ArrayList<>();
                    for (int j = random.nextInt(3); j > 0; j--) {
                        users.add(text());
                    }
                    reactions.put(text(), users);
                }
                b.reactions(reactions);
            }
            case 12 -> b.metrics(map(0));
            default -> b.id("m" + random.nextInt(2));
        }
    }

    /** @return an equal message whose maps, at every depth, hold their keys in another order */
    static Message reordered(Message m) {
        return m.toBuilder()
                .attributes(reversed(m.attributes()))
                .metrics(reversed(m.metrics()))
                .reactions(reversedReactions(m.reactions()))
                .source(m.source() == null ? null : new MessageSource(m.source().id(), m.source().name(),
                        m.source().type(), reversed(m.source().attributes())))
                .build();
    }

    @SuppressWarnings("unchecked")
    static Object reversed(Object value) {
        if (value instanceof Map) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(((Map<String, Object>) value).entrySet());
            Collections.reverse(entries);
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : entries) {
                copy.put(e.getKey(), reversed(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object o : (List<?>) value) {
                copy.add(reversed(o));
            }
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reversed(Map<String, Object> map) {
        return (Map<String, Object>) reversed((Object) map);
    }

    private static Map<String, List<String>> reversedReactions(Map<String, List<String>> reactions) {
        List<Map.Entry<String, List<String>>> entries = new ArrayList<>(reactions.entrySet());
        Collections.reverse(entries);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        entries.forEach(e -> copy.put(e.getKey(), e.getValue()));
        return copy;
    }
}
