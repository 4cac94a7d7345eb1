package dev.threadstore.cli;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded threads that use every field the export format carries: all roles, parts, tool calls and their results,
 * message sources, stored attachments, reactions, metrics, thread sources, and attribute values of every JSON type
 * (integers beyond double precision, decimals, nested lists and maps, null, Unicode beyond U+FFFF, {@code \u0000}).
 */
final class SampleThreads {

    private static final String[] WORDS = {"hello", "Zürich", "мир", "你好", "👍", "line\nbreak", "quote\"s", "tab\t",
            "nul\u0000", "back\\slash", "𝔘"};

    private final Random random;

    SampleThreads(long seed) {
        this.random = new Random(seed);
    }

    ChatThread thread(String id) {
        Instant created = Instant.parse("2025-01-01T00:00:00Z").plus(random.nextInt(1_000_000), ChronoUnit.SECONDS)
                .plusNanos(random.nextInt(1_000_000) * 1000L);
        List<Message> messages = new ArrayList<>();
        messages.add(Message.builder(Role.SYSTEM).id(id + "-s").content("You help. " + word()).timestamp(created).build());
        int turns = random.nextInt(4);
        for (int i = 0; i < turns; i++) {
            messages.add(Message.builder(Role.USER).id(id + "-u" + i).content(word() + " " + word())
                    .parts(random.nextBoolean() ? List.of(ContentPart.text(word()), ContentPart.imageUrl("https://x/" + i + ".png")) : List.of())
                    .source(random.nextBoolean() ? new MessageSource("u" + i, "User " + word(), MessageSource.Type.USER, Map.of("k", (long) i)) : null)
                    .attachments(random.nextInt(3) == 0 ? List.of(new Attachment("f" + i + ".pdf", null, "application/pdf",
                            Map.of("pages", (long) i), "fid" + i, "ab/fid" + i, "local", AttachmentStatus.STORED, 1000L + i,
                            "0123abcd")) : List.of())
                    .reactions(random.nextBoolean() ? Map.of("👍", List.of("ann", "bob")) : Map.of())
                    .timestamp(created.plusSeconds(10L * i + 1)).build());
            String call = "call_" + id + "_" + i;
            messages.add(Message.builder(Role.ASSISTANT).id(id + "-a" + i).content(random.nextBoolean() ? null : word())
                    .toolCalls(List.of(ToolCall.function(call, "lookup", "{\"q\":\"" + i + "\"}")))
                    .metrics(Map.of("tokens", (long) random.nextInt(500), "latency", random.nextDouble())).timestamp(created.plusSeconds(10L * i + 2)).build());
            messages.add(Message.builder(Role.TOOL).id(id + "-t" + i).toolCallId(call).name("lookup").content("{\"ok\":true}")
                    .timestamp(created.plusSeconds(10L * i + 3)).build());
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("zeta", random.nextLong());
        attributes.put("alpha", 1.5);
        attributes.put("flag", random.nextBoolean());
        attributes.put("nothing", null);
        attributes.put("nested", Map.of("list", List.of(1L, 2.0, "3", List.of()), "w", word()));
        attributes.put("customer", "c" + random.nextInt(5));
        return ChatThread.builder().id(id).title(random.nextInt(5) == 0 ? null : "Thread " + word())
                .attributes(attributes)
                .source(random.nextBoolean() ? new ThreadSource("slack", Map.of("channel", "C" + random.nextInt(3), "ts", 123.456)) : null)
                .createdAt(created).updatedAt(created).build().withMessages(messages);
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }
}
