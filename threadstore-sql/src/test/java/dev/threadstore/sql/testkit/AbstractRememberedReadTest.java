package dev.threadstore.sql.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.Role;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadStoreException;
import dev.threadstore.ToolCall;
import dev.threadstore.spi.ThreadRestore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The remembered read ({@code get} of a thread this store wrote answered from its write memo after one primary-key
 * probe) must return exactly what a read of the rows returns. Generated operations (save, append, edit, delete,
 * fork, restore, deleteExpired) by store A and by a second store B on the same database interleave with reads; every
 * read through A (and B), whole or windowed, must equal the read through store C, which never writes and so always
 * reads the rows. Seeded {@link Random} runs (jqwik is not in the offline repository), the seed in each failure.
 */
public abstract class AbstractRememberedReadTest {

    private static final List<String> IDS = List.of("t1", "t2", "t3");

    /** @return a URL to a new, empty database */
    protected abstract String newUrl();

    /** @return a store on the database at {@code url}, closed by the test */
    protected ThreadStore open(String url, Map<String, String> options) {
        return ThreadStore.create(url, options);
    }

    /**
     * @param log where the store's connections note their statements
     * @return a store on a new database whose statements {@code log} notes, closed by the test
     */
    protected abstract ThreadStore openLogged(StatementLog log);

    static LongStream seeds() {
        return LongStream.range(1, 13);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void readsThroughTheWritingStoresEqualReadsOfTheRows(long seed) {
        String url = newUrl();
        try (ThreadStore a = open(url, Map.of()); ThreadStore b = open(url, Map.of());
             ThreadStore c = open(url, Map.of())) {
            run(new Random(seed), seed, List.of(a, b), List.of(a, b), c, 120);
        }
    }

    /** With the read cache on, A's reads still equal the rows' while A is the only writer. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCachingStoreThatIsTheOnlyWriterReadsWhatTheRowsHold(long seed) {
        String url = newUrl();
        try (ThreadStore a = open(url, Map.of("cache", "maximumSize=100,expireAfterWrite=60s"));
             ThreadStore c = open(url, Map.of())) {
            run(new Random(seed), seed, List.of(a), List.of(a), c, 80);
        }
    }

    @Test
    void aWriteByAnotherStoreIsSeenByTheNextRead() {
        String url = newUrl();
        try (ThreadStore a = open(url, Map.of()); ThreadStore b = open(url, Map.of())) {
            ChatThread saved = a.save(ChatThread.builder().id("x").build().withMessage(Message.user("one")));
            assertThat(a.get("x")).contains(saved);
            assertThat(a.get("x", MessageWindow.last(5))).map(ChatThread::messages).contains(saved.messages());

            b.append("x", List.of(Message.user("two")));
            assertThat(a.get("x", MessageWindow.last(5)).orElseThrow().messages()).extracting(Message::content)
                    .containsExactly("one", "two");
            ChatThread current = a.get("x").orElseThrow();
            assertThat(current).isEqualTo(b.get("x").orElseThrow());

            ChatThread edited = b.save(current.toBuilder().title("edited").attributes(Map.of("k", 1L)).build());
            assertThat(a.get("x")).contains(edited);

            ChatThread mine = a.save(edited.withMessage(Message.assistant("three")));
            assertThat(a.get("x")).contains(mine);
            ChatThread expired = b.save(mine.withExpiresAt(Instant.now().minusSeconds(1)));
            assertThat(expired.expiresAt()).isNotNull();
            assertThat(a.get("x")).isEmpty();
            assertThat(a.get("x", MessageWindow.last(1))).isEmpty();

            ChatThread again = a.save(ChatThread.builder().id("y").build().withMessage(Message.user("y")));
            assertThat(a.get("y")).contains(again);
            assertThat(b.delete("y")).isTrue();
            assertThat(a.get("y")).isEmpty();
            assertThat(a.get("y", MessageWindow.last(3))).isEmpty();
        }
    }

    /** Issue 16: a read of a thread this store wrote is one primary-key probe, whatever the thread's length. */
    @Test
    void aReadOfAThreadThisStoreWroteIsOneProbeAtAnyLength() {
        StatementLog log = new StatementLog();
        try (ThreadStore store = openLogged(log)) {
            for (int n : List.of(1, 10, 300)) {
                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    messages.add(Message.user("m" + i));
                }
                ChatThread saved = store.save(ChatThread.create().withMessages(messages));
                store.append(saved.id(), List.of(Message.user("appended")));

                log.clear();
                ChatThread window = store.get(saved.id(), MessageWindow.last(20)).orElseThrow();
                assertThat(log.statements()).as("windowed get at n=" + n).containsExactly("SELECT version,");
                log.clear();
                ChatThread whole = store.get(saved.id()).orElseThrow();
                assertThat(log.statements()).as("get at n=" + n).containsExactly("SELECT version,");

                assertThat(whole.messages()).hasSize(n + 1);
                assertThat(window.messages()).isEqualTo(whole.messages().subList(Math.max(0, n + 1 - 20), n + 1));
                assertThat(whole.version()).isEqualTo(2);
            }
        }
    }

    private void run(Random random, long seed, List<ThreadStore> writers, List<ThreadStore> readers, ThreadStore rows,
                     int steps) {
        List<ChatThread> snapshots = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            ThreadStore writer = writers.get(random.nextInt(writers.size()));
            String id = IDS.get(random.nextInt(IDS.size()));
            String what = "seed " + seed + " step " + step;
            try {
                write(random, writer, id, snapshots);
            } catch (ThreadStoreException | IllegalArgumentException expected) {
                // a conflict, a missing thread, a fork past the end: the reads must agree all the same
            }
            for (int r = 0; r < 3; r++) {
                String readId = IDS.get(random.nextInt(IDS.size()));
                MessageWindow window = window(random);
                Optional<ChatThread> expected = rows.get(readId, window);
                for (ThreadStore reader : readers) {
                    assertThat(reader.get(readId, window)).as(what + " read " + readId + " " + window)
                            .isEqualTo(expected);
                    if (window instanceof MessageWindow.All) {
                        assertThat(reader.get(readId)).as(what + " get " + readId).isEqualTo(expected);
                    }
                }
                expected.filter(t -> t.window() == null).ifPresent(snapshots::add);
            }
        }
    }

    private static void write(Random random, ThreadStore writer, String id,
                              List<ChatThread> snapshots) {
        Optional<ChatThread> current = writer.get(id);
        int op = random.nextInt(10);
        if (current.isEmpty() || op == 0) {
            ChatThread created = header(random, ChatThread.builder().id(id).build()).withMessages(messages(random));
            writer.save(current.isEmpty() ? created : created.toBuilder().version(current.get().version()).build());
            return;
        }
        ChatThread thread = current.get();
        switch (op) {
            case 1, 2, 3 -> writer.append(id, messages(random));
            case 4 -> writer.save(header(random, thread).withMessages(messages(random)));
            case 5 -> writer.save(edited(random, thread));
            case 6 -> writer.delete(id);
            case 7 -> {
                String target = IDS.get(random.nextInt(IDS.size()));
                writer.fork(id, random.nextInt(thread.maxSequence() + 2), target);
            }
            case 8 -> {
                if (!snapshots.isEmpty()) {
                    ((ThreadRestore) writer).restore(snapshots.get(random.nextInt(snapshots.size())), true);
                }
            }
            default -> {
                if (random.nextBoolean()) {
                    writer.save(thread.withExpiresAt(Instant.now().minusSeconds(1)));
                }
                writer.deleteExpired(random.nextInt(3) + 1);
            }
        }
    }

    /** A save that changes or deletes messages, or changes a stale copy (a conflict). */
    private static ChatThread edited(Random random, ChatThread thread) {
        List<Message> messages = new ArrayList<>(thread.messages());
        if (!messages.isEmpty()) {
            int at = random.nextInt(messages.size());
            if (random.nextBoolean()) {
                messages.remove(at);
            } else {
                messages.set(at, messages.get(at).toBuilder().content("edited " + random.nextInt(100)).build());
            }
        }
        ChatThread edited = thread.toBuilder().messages(messages).build();
        return random.nextInt(5) == 0 ? edited.toBuilder().version(thread.version() - 1).build() : edited;
    }

    private static ChatThread header(Random random, ChatThread thread) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("z", random.nextLong());
        attributes.put("a", random.nextBoolean() ? 0.1 : 1.0);
        attributes.put("list", List.of("x", 2L, Map.of("k", "é☃")));
        ChatThread.Builder builder = thread.toBuilder().title(random.nextBoolean() ? null : "title " + random.nextInt(9))
                .attributes(attributes)
                .source(random.nextBoolean() ? null : new ThreadSource("slack", Map.of("channel", "c" + random.nextInt(3))));
        if (random.nextInt(4) == 0) {
            builder.expiresAt(Instant.now().plusSeconds(3600));
        }
        return builder.build();
    }

    private static List<Message> messages(Random random) {
        List<Message> messages = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            messages.add(message(random));
        }
        return messages;
    }

    private static Message message(Random random) {
        Role role = Role.values()[random.nextInt(Role.values().length)];
        Message.Builder builder = Message.builder(role).content(random.nextInt(6) == 0 ? null : "text " + random.nextInt()
                + " \u00e9\ud83d\ude00").timestamp(Instant.now().plusNanos(random.nextInt(1_000_000)));
        if (random.nextBoolean()) {
            builder.attributes(Map.of("n", (long) random.nextInt(), "d", -0.5, "s", "v", "nested", List.of(1L, true)));
        }
        if (random.nextInt(4) == 0) {
            builder.metrics(Map.of("tokens", (long) random.nextInt(1000)));
            builder.reactions(Map.of("+1", List.of("u1", "u2")));
        }
        if (role == Role.ASSISTANT && random.nextInt(3) == 0) {
            builder.toolCalls(List.of(new ToolCall("call" + random.nextInt(9), "function", "f", "{\"a\":1}")));
        }
        if (role == Role.TOOL) {
            builder.toolCallId("call1").name("f");
        }
        if (random.nextInt(6) == 0) {
            builder.attachments(List.of(new Attachment("a.txt", null, "text/plain", Map.of("k", "v"), "file1",
                    "files/a.txt", "local", AttachmentStatus.STORED, 3, null)));
        }
        return builder.build();
    }

    private static MessageWindow window(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> MessageWindow.all();
            case 1 -> MessageWindow.last(random.nextInt(6));
            case 2 -> MessageWindow.after(random.nextInt(8), random.nextInt(5));
            case 3 -> MessageWindow.before(random.nextInt(10), random.nextInt(5));
            default -> MessageWindow.last(20);
        };
    }
}
