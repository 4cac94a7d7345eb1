package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.everyField;
import static dev.threadstore.tck.Samples.mapOf;
import static dev.threadstore.tck.Samples.sequences;
import static dev.threadstore.tck.Samples.thread;
import static dev.threadstore.tck.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static java.util.Objects.requireNonNull;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.ContentPart;
import dev.threadstore.Message;
import dev.threadstore.MessageSource;
import dev.threadstore.Role;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.ToolCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field of a thread and its messages comes back from {@link ThreadStore#get(String)} exactly as it
 * was saved: the record returned by {@code get} equals the one {@code save} returned, and each component
 * equals what the caller put in. This is where type drift ({@code Long} read back as {@code Double}),
 * dropped rows (system messages), renumbered sequences, lost precision (microseconds) and encoding
 * mistakes (emoji, right-to-left text, {@code \u0000}) show up.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface RoundTripContract extends StoreFixture {

    /** Saves the thread, checks that {@code get} returns exactly what {@code save} returned, and returns it. */
    private static ChatThread roundTrip(ThreadStore store, ChatThread thread) {
        ChatThread saved = store.save(thread);
        ChatThread loaded = store.get(thread.id()).orElseThrow(
                () -> new AssertionError("get(\"" + thread.id() + "\") is empty right after save"));
        assertThat(loaded).as("get() after save() must return a record equal to the one save() returned")
                .isEqualTo(saved);
        return loaded;
    }

    @Test
    default void messagesOfAllFourRolesRoundTrip() {
        try (ThreadStore store = newStore()) {
            ChatThread loaded = roundTrip(store, thread("roles",
                    Message.system("You are terse."), Message.user("Hi"), Message.assistant("Hello"),
                    Message.tool("call_1", "search", "{\"hits\":0}")));

            assertThat(loaded.messages()).extracting(Message::role)
                    .as("roles in sequence order").containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL);
            assertThat(loaded.messages()).extracting(Message::content)
                    .containsExactly("You are terse.", "Hi", "Hello", "{\"hits\":0}");
        }
    }

    @Test
    default void systemMessagesAreStoredNotDropped() {
        try (ThreadStore store = newStore()) {
            Message system = Message.system("Answer in French.");
            ChatThread loaded = roundTrip(store, thread("system-only", system));

            assertThat(loaded.messages()).as("Tyler dropped system messages on save; threadstore must keep them")
                    .hasSize(1);
            assertThat(loaded.messages().get(0)).isEqualTo(system.withSequence(1));
        }
    }

    @Test
    default void messageWithEveryFieldSetRoundTripsExactly() {
        try (ThreadStore store = newStore()) {
            Message user = everyField(Role.USER, "m-user");
            Message assistant = everyField(Role.ASSISTANT, "m-assistant");
            Message system = everyField(Role.SYSTEM, "m-system");
            Message tool = everyField(Role.TOOL, "m-tool");

            ChatThread loaded = roundTrip(store, thread("every-field", system, user, assistant, tool));

            assertThat(loaded.messages()).as("each message, component by component")
                    .containsExactly(system.withSequence(1), user.withSequence(2), assistant.withSequence(3),
                            tool.withSequence(4));
        }
    }

    @Test
    default void multimodalPartsRoundTripInOrder() {
        try (ThreadStore store = newStore()) {
            List<ContentPart> parts = List.of(ContentPart.text("What is in"), ContentPart.imageUrl(
                    "data:image/png;base64,iVBORw0KGgo="), ContentPart.text("and"),
                    ContentPart.imageUrl("https://example.com/b.jpg?x=1&y=2"));
            Message m = Message.builder(Role.USER).parts(parts).build();

            ChatThread loaded = roundTrip(store, thread("multimodal", m));

            assertThat(loaded.messages().get(0).parts()).as("parts, kinds and order").isEqualTo(parts);
            assertThat(loaded.messages().get(0).content()).as("content of a parts-only message").isNull();
        }
    }

    @Test
    default void assistantToolCallsWithoutContentRoundTrip() {
        try (ThreadStore store = newStore()) {
            List<ToolCall> calls = List.of(ToolCall.function("call_a", "get_weather", "{\"city\":\"Lima\",\"days\":3}"),
                    ToolCall.function("call_b", "get_time", "{}"), new ToolCall("call_c", "custom", "noop", ""));
            Message m = Message.builder(Role.ASSISTANT).toolCalls(calls).build();

            ChatThread loaded = roundTrip(store, thread("tool-calls", m, Message.tool("call_a", "get_weather", "sunny"),
                    Message.tool("call_b", null, "12:00")));

            assertThat(loaded.messages().get(0).toolCalls()).isEqualTo(calls);
            assertThat(loaded.messages().get(0).content()).as("content of a tool-calls-only message").isNull();
            assertThat(loaded.messages().get(1).toolCallId()).isEqualTo("call_a");
            assertThat(loaded.messages().get(1).name()).isEqualTo("get_weather");
            assertThat(loaded.messages().get(2).name()).as("a tool message without a name").isNull();
        }
    }

    @Test
    default void reactionsRoundTripKeepingTheOrderOfUsers() {
        try (ThreadStore store = newStore()) {
            Map<String, List<String>> reactions = Map.of("👍", List.of("U9", "U1", "U5"), "❤️", List.of(),
                    "🇳🇴", List.of("U2"));
            Message m = Message.user("ship it").toBuilder().reactions(reactions).build();

            ChatThread loaded = roundTrip(store, thread("reactions", m));

            assertThat(loaded.messages().get(0).reactions()).isEqualTo(reactions);
            assertThat(loaded.messages().get(0).reactions().get("👍")).containsExactly("U9", "U1", "U5");
        }
    }

    @Test
    default void metricsRoundTripWithTheirNumberTypes() {
        try (ThreadStore store = newStore()) {
            Map<String, Object> metrics = mapOf("model", "claude", "timing", mapOf("started_at", 1.7e9, "latency", 812L),
                    "usage", mapOf("total_tokens", 168L, "cost_usd", 0.0042), "cached", false);
            Message m = Message.assistant("done").toBuilder().metrics(metrics).build();

            ChatThread loaded = roundTrip(store, thread("metrics", m));

            assertThat(loaded.messages().get(0).metrics()).isEqualTo(metrics);
            @SuppressWarnings("unchecked")
            Map<String, Object> usage = (Map<String, Object>) requireNonNull(loaded.messages().get(0).metrics().get("usage"));
            assertThat(usage.get("total_tokens")).as("an integral metric stays a Long").isInstanceOf(Long.class);
        }
    }

    @Test
    default void messageSourcesRoundTripWithAndWithoutOptionalFields() {
        try (ThreadStore store = newStore()) {
            MessageSource full = new MessageSource("agent-7", "Planner", MessageSource.Type.AGENT,
                    mapOf("version", 3L, "tags", List.of("a", "b")));
            MessageSource bare = new MessageSource("tool-x", null, null, Map.of());
            Message a = Message.assistant("plan").toBuilder().source(full).build();
            Message b = Message.tool("c1", "x", "ok").toBuilder().source(bare).build();
            Message c = Message.user("no source");

            ChatThread loaded = roundTrip(store, thread("sources", a, b, c));

            assertThat(loaded.messages()).extracting(Message::source).containsExactly(full, bare, null);
        }
    }

    @Test
    default void attachmentMetadataRoundTripsWithoutContent() {
        try (ThreadStore store = newStore()) {
            Attachment stored = Samples.storedAttachment("report.pdf");
            Attachment failed = Samples.withoutContent("x.exe", "application/octet-stream", Map.of("reason", "blocked"),
                    null, null, null, AttachmentStatus.FAILED, 99, null);
            Message m = Message.user("see attached").toBuilder().attachments(List.of(stored, failed)).build();

            ChatThread loaded = roundTrip(store, thread("attachments", m));

            List<Attachment> attachments = loaded.messages().get(0).attachments();
            assertThat(attachments).as("attachments, in order").containsExactly(stored, failed);
            Attachment first = attachments.get(0);
            assertThat(first.status()).isEqualTo(AttachmentStatus.STORED);
            assertThat(first.fileId()).isEqualTo("f0123456789abcdef");
            assertThat(first.storagePath()).isEqualTo("f0/123456789abcdef.pdf");
            assertThat(first.storageBackend()).isEqualTo("local");
            assertThat(first.size()).isEqualTo(2048);
            assertThat(first.sha256()).startsWith("9f86d081");
            assertThat(first.content()).as("a store holds attachment metadata, never the bytes").isNull();
        }
    }

    @Test
    default void attachmentBytesAreNeverStored() {
        try (ThreadStore store = newStore()) {
            Attachment withBytes = new Attachment("a.txt", new byte[] {1, 2, 3}, "text/plain", Map.of(), "fid",
                    "fi/d.txt", "local", AttachmentStatus.STORED, 3, null);
            ChatThread saved = store.save(thread("bytes", Message.user("x").withAttachment(withBytes)));

            Attachment returned = saved.messages().get(0).attachments().get(0);
            assertThat(returned.content()).as("save() returns attachments as metadata only").isNull();
            assertThat(returned.fileId()).isEqualTo("fid");
            assertThat(store.get("bytes").orElseThrow()).isEqualTo(saved);
        }
    }

    @Test
    default void nestedAttributesRoundTrip() {
        try (ThreadStore store = newStore()) {
            Map<String, Object> attributes = mapOf(
                    "customer", mapOf("id", 7L, "tier", "gold", "tags", List.of("vip", "eu"),
                            "address", mapOf("city", "Zürich", "zip", "8001", "geo", List.of(47.37, 8.54))),
                    "matrix", List.of(List.of(1L, 2L), List.of(), List.of(mapOf("deep", mapOf("deeper", List.of(true))))),
                    "empty map", Map.of(), "empty list", List.of());
            ChatThread loaded = roundTrip(store, threadWith(attributes));

            assertThat(loaded.attributes()).isEqualTo(attributes);
            assertThat(loaded.attributes().keySet()).as("attribute keys").containsExactlyInAnyOrderElementsOf(attributes.keySet());
        }
    }

    @Test
    default void integersStayLongAndDecimalsStayDouble() {
        try (ThreadStore store = newStore()) {
            Map<String, Object> numbers = mapOf("int", 42, "long", 42L, "double", 42.5, "whole double", 42.0,
                    "zero", 0L, "zero double", 0.0, "negative", -7L, "max", Long.MAX_VALUE, "min", Long.MIN_VALUE,
                    "beyond double precision", 9_007_199_254_740_993L, "tenth", 0.1, "tiny", 1e-300, "huge", 1e20,
                    "in list", List.of(1, 1.0, 1.5));
            Message m = Message.user("numbers").toBuilder().attributes(numbers).metrics(numbers).build();
            ChatThread t = threadWith(numbers).withMessage(m)
                    .withSource(new ThreadSource("slack", mapOf("thread_ts", 1712345678.000123, "count", 3L)));

            ChatThread loaded = roundTrip(store, t);

            for (Map<String, Object> map : List.of(loaded.attributes(), loaded.messages().get(0).attributes(),
                    loaded.messages().get(0).metrics())) {
                assertThat(map.get("int")).as("an int is stored as a JSON integer and read back as Long 42")
                        .isInstanceOf(Long.class).isEqualTo(42L);
                assertThat(map.get("long")).as("42L must come back as a Long, not a Double")
                        .isInstanceOf(Long.class).isEqualTo(42L);
                assertThat(map.get("double")).as("42.5 must stay a Double").isInstanceOf(Double.class).isEqualTo(42.5);
                assertThat(map.get("whole double")).as("42.0 must stay a Double, not become a Long")
                        .isInstanceOf(Double.class).isEqualTo(42.0);
                assertThat(map.get("zero double")).isInstanceOf(Double.class);
                assertThat(map.get("max")).isEqualTo(Long.MAX_VALUE);
                assertThat(map.get("min")).isEqualTo(Long.MIN_VALUE);
                assertThat(map.get("beyond double precision")).as("a long a double cannot hold exactly")
                        .isEqualTo(9_007_199_254_740_993L);
                assertThat(map.get("in list")).isEqualTo(List.of(1L, 1.0, 1.5));
                assertThat(map).as("every number").isEqualTo(loaded.attributes());
            }
            assertThat(requireNonNull(loaded.source()).properties().get("thread_ts")).isEqualTo(1712345678.000123);
            assertThat(loaded.source().properties().get("count")).isInstanceOf(Long.class);
        }
    }

    @Test
    default void explicitNullAttributeIsKeptAsAKeyWithNullValue() {
        try (ThreadStore store = newStore()) {
            Map<String, Object> attributes = mapOf("present", null, "list", java.util.Arrays.asList("a", null),
                    "map", mapOf("inner", null));
            ChatThread loaded = roundTrip(store, threadWith(attributes));

            assertThat(loaded.attributes()).as("a JSON null is not the same as a missing key")
                    .containsKey("present").isEqualTo(attributes);
        }
    }

    @Test
    default void stringsThatLookLikeOtherTypesStayStrings() {
        try (ThreadStore store = newStore()) {
            Map<String, Object> attributes = mapOf("s42", "42", "s42.0", "42.0", "strue", "true", "snull", "null",
                    "t", true, "f", false, "json", "{\"a\":1}", "list text", "[1,2]");
            ChatThread loaded = roundTrip(store, threadWith(attributes));

            assertThat(loaded.attributes()).isEqualTo(attributes);
            assertThat(loaded.attributes().get("t")).isInstanceOf(Boolean.class);
            assertThat(loaded.attributes().get("s42")).isInstanceOf(String.class);
        }
    }

    @Test
    default void unicodeRoundTripsEverywhere() {
        try (ThreadStore store = newStore()) {
            String text = "emoji 👩🏽‍💻👨‍👩‍👧‍👦🇯🇵, RTL مرحبا بالعالم שלום, CJK 你好世界, "
                    + "combining e\u0301 a\u0308, math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, BOM \uFEFF, line sep \u2028 para sep \u2029";
            Message m = Message.builder(Role.USER).id("消息-👋").content(text).name("Zoë 🦊")
                    .attributes(mapOf("ключ 🔑", text)).reactions(Map.of("👩🏽‍💻", List.of("用户"))).build();
            ChatThread t = ChatThread.builder().id("线程-🧵").title("Title: " + text)
                    .attributes(mapOf("עברית", "ערך", text, text)).build().withMessage(m);

            ChatThread loaded = roundTrip(store, t);

            assertThat(loaded.title()).isEqualTo("Title: " + text);
            assertThat(loaded.messages().get(0).content()).isEqualTo(text);
            assertThat(loaded.attributes()).containsEntry(text, text).containsEntry("עברית", "ערך");
            assertThat(store.getThreadByMessageId("消息-👋")).map(ChatThread::id).contains("线程-🧵");
        }
    }

    @Test
    default void nulCharacterRoundTripsInContentTitleAttributesAndKeys() {
        try (ThreadStore store = newStore()) {
            String nul = "before\u0000after";
            Message m = Message.builder(Role.USER).content(nul).name("n\u0000")
                    .attributes(mapOf("key\u0000", nul)).metrics(mapOf("\u0000", 1L)).build();
            ChatThread t = thread("nul", "t").toBuilder().title("title\u0000").attributes(mapOf(nul, nul,
                    "nested", mapOf("\u0000", List.of("\u0000")))).build().withMessage(m);

            ChatThread loaded = roundTrip(store, t);

            assertThat(loaded.title()).as("title with \\u0000 (PostgreSQL text and jsonb reject it unescaped)")
                    .isEqualTo("title\u0000");
            assertThat(loaded.messages().get(0).content()).isEqualTo(nul);
            assertThat(loaded.attributes()).containsEntry(nul, nul);
            assertThat(loaded.messages().get(0).attributes()).containsEntry("key\u0000", nul);
            assertThat(loaded.messages().get(0).metrics()).containsEntry("\u0000", 1L);
        }
    }

    @Test
    default void controlCharactersQuotesAndBackslashesRoundTrip() {
        try (ThreadStore store = newStore()) {
            String nasty = "tab\t nl\n cr\r bs\b ff\f esc\u001b unit\u001f del\u007f \\ \\\\ \" ' ` \\u0041 %s %% ${x} "
                    + "<script>&amp;</script> '); DROP TABLE messages; --";
            ChatThread loaded = roundTrip(store, thread("ctl", Message.user(nasty)).withTitle(nasty)
                    .withAttribute(nasty, nasty));

            assertThat(loaded.messages().get(0).content()).isEqualTo(nasty);
            assertThat(loaded.title()).isEqualTo(nasty);
            assertThat(loaded.attributes()).containsEntry(nasty, nasty);
        }
    }

    @Test
    default void nullTitleStaysNull() {
        try (ThreadStore store = newStore()) {
            ChatThread loaded = roundTrip(store, thread("untitled", "x").withTitle(null));

            assertThat(loaded.title()).as("a null title must not become \"\" or the default title").isNull();
        }
    }

    @Test
    default void emptyStringsStayEmptyAndDoNotBecomeNull() {
        try (ThreadStore store = newStore()) {
            Message m = Message.builder(Role.ASSISTANT).content("").name("").attributes(mapOf("", ""))
                    .toolCalls(List.of(ToolCall.function("c", "f", ""))).build();
            ChatThread loaded = roundTrip(store, thread("empty-strings", m).withTitle("").withAttribute("e", ""));

            assertThat(loaded.title()).isNotNull().isEmpty();
            Message back = loaded.messages().get(0);
            assertThat(back.content()).as("empty content").isNotNull().isEmpty();
            assertThat(back.name()).as("empty name").isNotNull().isEmpty();
            assertThat(back.attributes()).containsEntry("", "");
            assertThat(loaded.attributes()).containsEntry("e", "");
            assertThat(back.toolCalls().get(0).arguments()).isEmpty();
        }
    }

    @Test
    default void timestampsKeepTheirMicroseconds() {
        try (ThreadStore store = newStore()) {
            Instant[] instants = {Instant.parse("2024-02-29T23:59:59.999999Z"), Instant.parse("1999-12-31T23:59:59.000001Z"),
                    Instant.parse("1969-07-20T20:17:40.123456Z"), Instant.parse("2038-01-19T03:14:08.000010Z"),
                    Instant.parse("2024-06-01T00:00:00Z")};
            ChatThread t = ChatThread.builder().id("micros").createdAt(Instant.parse("2023-01-02T03:04:05.678901Z")).build();
            for (Instant instant : instants) {
                t = t.withMessage(Message.user("at " + instant).toBuilder().timestamp(instant).build());
            }

            ChatThread loaded = roundTrip(store, t);

            assertThat(loaded.messages()).extracting(Message::timestamp).as("message timestamps, to the microsecond")
                    .containsExactly(instants);
            assertThat(loaded.createdAt()).as("createdAt on insert, to the microsecond")
                    .isEqualTo(Instant.parse("2023-01-02T03:04:05.678901Z"));
        }
    }

    @Test
    default void sequencesWithGapsAreKeptNotRenumbered() {
        try (ThreadStore store = newStore()) {
            ChatThread t = thread("gaps", "g").toBuilder().messages(List.of(user("a", "a").withSequence(3),
                    user("b", "b").withSequence(7), user("c", "c").withSequence(20))).build();

            ChatThread loaded = roundTrip(store, t);

            assertThat(sequences(loaded.messages())).as("Tyler renumbered sequences 1..n; threadstore keeps them")
                    .containsExactly(3, 7, 20);
        }
    }

    @Test
    default void messagesComeBackOrderedBySequenceWhateverTheListOrder() {
        try (ThreadStore store = newStore()) {
            ChatThread t = thread("order", "o").toBuilder().messages(List.of(user("c", "third").withSequence(30),
                    user("a", "first").withSequence(10), user("b", "second").withSequence(20))).build();

            ChatThread saved = store.save(t);

            assertThat(sequences(saved.messages())).as("save() returns messages sorted by sequence").containsExactly(10, 20, 30);
            assertThat(store.get("order").orElseThrow().messages()).extracting(Message::content)
                    .containsExactly("first", "second", "third");
        }
    }

    @Test
    default void threadWithoutMessagesRoundTrips() {
        try (ThreadStore store = newStore()) {
            ChatThread loaded = roundTrip(store, thread("empty", "Nothing yet"));

            assertThat(loaded.messages()).isEmpty();
            assertThat(loaded.title()).isEqualTo("Nothing yet");
        }
    }

    @Test
    default void threadSourceRoundTrips() {
        try (ThreadStore store = newStore()) {
            ThreadSource source = new ThreadSource("slack", mapOf("channel", "C123", "thread_ts", "1712345678.000123",
                    "team", mapOf("id", "T1", "enterprise", null), "members", List.of("U1", "U2")));
            ChatThread loaded = roundTrip(store, Samples.threadWithSource("sourced", source));

            assertThat(loaded.source()).isEqualTo(source);
        }
    }

    @Test
    default void getOfUnknownIdIsEmpty() {
        try (ThreadStore store = newStore()) {
            store.save(thread("known", "k"));

            assertThat(store.get("unknown")).isEmpty();
            assertThat(store.get("KNOWN")).as("ids are case-sensitive").isEmpty();
        }
    }

    private static ChatThread threadWith(Map<String, ?> attributes) {
        return Samples.threadWithAttributes("attrs", attributes);
    }

    /**
     * Maps come back with their keys in the order they were saved: thread attributes, source properties,
     * message attributes and metrics, and maps nested in them. Equality of maps ignores order, so this is
     * checked on the key lists. (PostgreSQL's jsonb alone would return keys by length, then bytes.)
     */
    @Test
    default void mapsKeepTheOrderOfTheirKeys() {
        List<String> keys = List.of("zeta", "b", "alpha", "ccc", "a", "\u00e9t\u00e9", "10", "2", "yy", "x");
        java.util.Map<String, Object> ordered = new java.util.LinkedHashMap<>();
        java.util.Map<String, Object> nested = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            nested.put(keys.get(keys.size() - 1 - i), (long) i);
        }
        for (int i = 0; i < keys.size(); i++) {
            ordered.put(keys.get(i), i == 3 ? nested : (Object) ("v" + i));
        }
        Message message = Message.builder(Role.USER).content("ordered").attributes(ordered).metrics(ordered).build();
        ChatThread thread = thread("key-order", message).withAttributes(ordered)
                .withSource(new ThreadSource("slack", ordered));
        try (ThreadStore store = newStore()) {
            ChatThread loaded = roundTrip(store, thread);

            assertThat(List.copyOf(loaded.attributes().keySet())).as("thread attribute keys in saved order")
                    .containsExactlyElementsOf(keys);
            assertThat(List.copyOf(requireNonNull(loaded.source()).properties().keySet())).as("source property keys in saved order")
                    .containsExactlyElementsOf(keys);
            Message back = loaded.messages().get(0);
            assertThat(List.copyOf(back.attributes().keySet())).as("message attribute keys in saved order")
                    .containsExactlyElementsOf(keys);
            assertThat(List.copyOf(back.metrics().keySet())).as("message metric keys in saved order")
                    .containsExactlyElementsOf(keys);
            assertThat(List.<Object>copyOf(((Map<?, ?>) requireNonNull(loaded.attributes().get("ccc"))).keySet()))
                    .as("keys of a nested map in saved order").containsExactlyElementsOf(List.<Object>copyOf(nested.keySet()));
        }
    }
}
