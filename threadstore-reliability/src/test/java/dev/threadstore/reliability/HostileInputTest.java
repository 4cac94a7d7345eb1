package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.ToolCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Input built to break the store: SQL and JSON-path metacharacters in attribute keys and values, unpaired
 * surrogates, NUL characters, a 16 MB message and attributes nested 10,000 deep. Each either round-trips
 * exactly (what the contract promises for any valid string) or fails with the documented exception and
 * writes nothing.
 */
@Order(4)
@ExtendWith(ReliabilityReport.class)
class HostileInputTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hostileAttributeKeysAndValuesRoundTripAndAreNeverSplicedIntoSql(Backend backend, Scenario scenario) {
        scenario.describe(Area.HOSTILE_INPUT, "SQL / JSON-path metacharacters as attribute keys and values", backend.label());
        List<String> hostile = HostileStrings.all();
        try (Stores stores = new Stores(dir)) {
            ThreadStore store = stores.open(backend);
            scenario.tried("%d hostile strings (quotes, --, $, $.a, '; DROP TABLE threads; --, #{x}, ${x}, %%, _, a 10,000-char key, ...) "
                    + "as thread, source and message attribute keys and values, ids, title, content, tool call", hostile.size());
            ChatThread canary = store.save(ChatThread.create("canary").withAttribute("k", "v"));
            Map<String, Object> attributes = new LinkedHashMap<>();
            hostile.forEach(h -> attributes.put(h, h));
            Message message = Message.builder(Role.ASSISTANT).id("'; DROP TABLE messages; --")
                    .content("'); DELETE FROM threads; --").name("$.name").attributes(attributes)
                    .toolCalls(List.of(ToolCall.function("call'--", "f\"n", "{\"$\": \"'; DROP\"}"))).build();
            ChatThread thread = ChatThread.builder().id("thread'; DROP TABLE threads; --").title("' OR '1'='1")
                    .attributes(attributes).source(new ThreadSource("src'; DROP TABLE threads; --", attributes))
                    .messages(List.of(message)).build();
            ChatThread saved = store.save(thread);

            assertThat(store.get(saved.id())).contains(saved);
            assertThat(saved.attributes()).isEqualTo(attributes);
            int queries = 0;
            for (String h : hostile) {
                assertThat(store.findByAttributes(Map.of(h, h))).as("findByAttributes(%s = itself)", HostileStrings.show(h))
                        .extracting(ChatThread::id).containsExactly(saved.id());
                assertThat(store.findByAttributes(Map.of(h, h + "x"))).as("findByAttributes(%s = other)", HostileStrings.show(h))
                        .isEmpty();
                assertThat(store.findBySource(saved.source().name(), Map.of(h, h))).extracting(ChatThread::id)
                        .containsExactly(saved.id());
                queries += 3;
            }
            assertThat(store.findByAttributes(attributes)).extracting(ChatThread::id).containsExactly(saved.id());
            assertThat(store.getThreadByMessageId(message.id())).map(ChatThread::id).contains(saved.id());
            assertThat(store.get(canary.id())).contains(canary);
            assertThat(store.listRecent()).extracting(ChatThread::id).containsExactlyInAnyOrder(saved.id(), canary.id());
            ChatThread appended = store.get(saved.id()).orElseThrow();
            store.append(saved.id(), List.of(Message.builder(Role.USER).id("x' OR 1=1 --").content("$1 \\1 %s").attributes(attributes).build()));
            assertThat(store.get(saved.id()).orElseThrow().messages()).hasSize(appended.messages().size() + 1);
            scenario.found("exact round trip; %d queries each found exactly the right thread; canary and tables intact", queries + 2);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unpairedSurrogatesAreRejectedAndNothingIsWritten(Backend backend, Scenario scenario) {
        scenario.describe(Area.HOSTILE_INPUT, "Invalid UTF-16 (unpaired surrogates)", backend.label());
        try (Stores stores = new Stores(dir)) {
            ThreadStore store = stores.open(backend);
            // '?' is what a lossy UTF-8 encoder makes of a lone surrogate: it must never be matched by one.
            ChatThread question = store.save(ChatThread.builder().id("?").title("?").attributes(Map.of("?", "?")).build());
            List<Supplier<Object>> attempts = List.of(
                    () -> ChatThread.create("bad \uD800 title"),
                    () -> ChatThread.create().withAttribute("bad \uDC00 key", "v"),
                    () -> ChatThread.create().withAttribute("k", "bad \uD83D value"),
                    () -> Message.user("bad \uDFFF content"),
                    () -> Message.builder(Role.USER).id("bad\uD800id").content("x").build(),
                    () -> new ThreadSource("slack", Map.of("\uD800", 1)),
                    () -> store.findByAttributes(Map.of("\uD800", "v")),
                    () -> store.findByAttributes(Map.of("k", "\uDC00")),
                    () -> store.findBySource("slack", Map.of("k", "\uD800")));
            scenario.tried("%d records and queries holding a lone high or low surrogate; get, delete, append and "
                    + "getThreadByMessageId by a lone-surrogate id next to a thread with id \"?\" (what a lossy UTF-8 encoder "
                    + "makes of a lone surrogate)", attempts.size());
            int rejected = 0;
            for (Supplier<Object> attempt : attempts) {
                Throwable t = catchThrowable(attempt::get);
                assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
                rejected++;
            }
            // Lookups by an id holding a lone surrogate: never the thread "?", and nothing deleted or appended.
            List<String> wrong = new ArrayList<>();
            for (String id : List.of("\uD800", "\uDC00")) {
                String shown = id.equals("\uD800") ? "\\uD800" : "\\uDC00";
                Map<String, Supplier<Object>> lookups = new LinkedHashMap<>();
                lookups.put("get", () -> store.get(id));
                lookups.put("getThreadByMessageId", () -> store.getThreadByMessageId(id));
                lookups.put("append", () -> store.append(id, List.of(Message.user("smuggled"))));
                lookups.put("delete", () -> store.delete(id));
                for (Map.Entry<String, Supplier<Object>> e : lookups.entrySet()) {
                    Object result;
                    try {
                        result = e.getValue().get();
                    } catch (IllegalArgumentException | dev.threadstore.ThreadNotFoundException expected) {
                        continue;
                    } catch (RuntimeException other) {
                        wrong.add(e.getKey() + "(\"" + shown + "\") threw " + other);
                        continue;
                    }
                    if (!(result.equals(java.util.Optional.empty()) || result.equals(Boolean.FALSE))) {
                        wrong.add(e.getKey() + "(\"" + shown + "\") returned " + result + (store.get("?").isEmpty()
                                ? " and thread \"?\" is gone" : ""));
                    }
                }
            }
            assertThat(wrong).as("lone-surrogate ids that reached another thread").isEmpty();
            assertThat(store.listRecent()).containsExactly(question);
            scenario.found("%d IllegalArgumentException naming the surrogate; lookups matched nothing; store unchanged", rejected);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void nulCharactersRoundTripEverywhere(Backend backend, Scenario scenario) {
        scenario.describe(Area.HOSTILE_INPUT, "\\u0000 in text", backend.label());
        try (Stores stores = new Stores(dir)) {
            ThreadStore store = stores.open(backend);
            String nul = "a\u0000b\u0000";
            scenario.tried("NUL in title, content, name, toolCallId, attribute keys and values (nested), metrics, "
                    + "source name and properties; saved, appended, queried");
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("k\u0000ey", "v\u0000al");
            attributes.put("nested", Map.of("\u0000", List.of("\u0000", 1L)));
            Message m = Message.builder(Role.TOOL).toolCallId("call\u0000").name("tool\u0000").content(nul)
                    .attributes(attributes).metrics(Map.of("m\u0000", "\u0000")).build();
            ChatThread saved = store.save(ChatThread.create("title\u0000").withAttributes(attributes)
                    .withSource(new ThreadSource("src\u0000", attributes)).withMessage(m));
            List<Message> appended = store.append(saved.id(), List.of(Message.user("\u0000\u0000\u0000")));
            ChatThread back = store.get(saved.id()).orElseThrow();
            assertThat(back.messages().get(0)).isEqualTo(saved.messages().get(0));
            assertThat(back.messages().get(1)).isEqualTo(appended.get(0));
            assertThat(back.title()).isEqualTo("title\u0000");
            assertThat(back.attributes()).isEqualTo(attributes);
            assertThat(store.findByAttributes(Map.of("k\u0000ey", "v\u0000al"))).extracting(ChatThread::id).containsExactly(saved.id());
            assertThat(store.findByAttributes(Map.of("k\u0000ey", "v"))).isEmpty();
            assertThat(store.findBySource("src\u0000", Map.of("k\u0000ey", "v\u0000al"))).extracting(ChatThread::id)
                    .containsExactly(saved.id());
            scenario.found("every field read back exactly; NUL-keyed queries found exactly the thread");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sixteenMegabyteMessagesRoundTrip(Backend backend, Scenario scenario) {
        scenario.describe(Area.HOSTILE_INPUT, "16 MB message", backend.label());
        try (Stores stores = new Stores(dir)) {
            ThreadStore store = stores.open(backend);
            int size = 16 * 1024 * 1024;
            StringBuilder b = new StringBuilder(size);
            String pattern = "0123456789abcdef'\"\\; -- é中\uD83D\uDE00\n";
            while (b.length() < size) {
                b.append(pattern);
            }
            b.setLength(size - (Character.isHighSurrogate(b.charAt(size - 1)) ? 1 : 0));
            String big = b.toString();
            scenario.tried("a save carrying a %,d-char message (ASCII, quotes, accents, CJK, emoji) and an append of another", big.length());
            ChatThread saved = store.save(ChatThread.create().withMessage(Message.user(big)));
            List<Message> appended = store.append(saved.id(), List.of(Message.assistant(big + "!")));
            ChatThread back = store.get(saved.id()).orElseThrow();
            assertThat(back.messages()).hasSize(2);
            assertThat(back.messages().get(0).content()).isEqualTo(big);
            assertThat(back.messages().get(1)).isEqualTo(appended.get(0));
            scenario.found("both read back exactly (%,d + %,d chars)", big.length(), big.length() + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void attributesNestedTenThousandDeepAreAnErrorNeverAStackOverflow(Backend backend, Scenario scenario) {
        scenario.describe(Area.HOSTILE_INPUT, "Attributes nested 10,000 deep", backend.label());
        try (Stores stores = new Stores(dir)) {
            ThreadStore store = stores.open(backend);
            Map<String, Object> deepMap = nestedMaps(10_000);
            Object deepList = nestedLists(10_000);
            List<Supplier<Object>> attempts = new ArrayList<>();
            attempts.add(() -> ChatThread.create().withAttribute("deep", deepMap));
            attempts.add(() -> ChatThread.create().withAttribute("deep", deepList));
            attempts.add(() -> Message.builder(Role.USER).content("x").attributes(Map.of("deep", deepMap)).build());
            attempts.add(() -> new ThreadSource("slack", Map.of("deep", deepList)));
            attempts.add(() -> store.findByAttributes(Map.of("deep", deepMap)));
            attempts.add(() -> store.findByAttributes(Map.of("deep", deepList)));
            attempts.add(() -> store.findBySource("slack", Map.of("deep", deepMap)));
            scenario.tried("%d records and queries with maps and lists nested 10,000 deep", attempts.size());
            for (Supplier<Object> attempt : attempts) {
                Throwable t = catchThrowable(attempt::get);
                assertThat(t).isNotInstanceOf(StackOverflowError.class);
                assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested deeper");
            }
            assertThat(store.listRecent()).isEmpty();
            scenario.found("%d IllegalArgumentException (\"nested deeper than 128 levels\"), no StackOverflowError, nothing written",
                    attempts.size());
        }
    }

    static Map<String, Object> nestedMaps(int depth) {
        Map<String, Object> root = new HashMap<>();
        Map<String, Object> current = root;
        for (int i = 0; i < depth; i++) {
            Map<String, Object> next = new HashMap<>();
            current.put("a", next);
            current = next;
        }
        return root;
    }

    static Object nestedLists(int depth) {
        List<Object> root = new ArrayList<>();
        List<Object> current = root;
        for (int i = 0; i < depth; i++) {
            List<Object> next = new ArrayList<>();
            current.add(next);
            current = next;
        }
        return root;
    }
}
