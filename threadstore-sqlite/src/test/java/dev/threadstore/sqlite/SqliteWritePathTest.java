package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.sql.testkit.RememberedWriteScenarios;
import dev.threadstore.sql.testkit.StatementLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The SQL write path on SQLite: what a save or append writes is what a get returns. */
class SqliteWritePathTest {

    @TempDir
    Path dir;

    private ThreadStore open() {
        return ThreadStore.create("sqlite:" + dir.resolve("threads.db"));
    }

    @Test
    void aSaveThatChangesANumberToAStringThatPrintsAlikeRewritesTheMessage() {
        try (ThreadStore store = open()) {
            ChatThread saved = store.save(ChatThread.create().withMessage(Message.user("hi").withAttribute("x", 1.0)));
            Message edited = saved.messages().get(0).withAttribute("x", "d:1.0");
            ChatThread again = store.save(saved.toBuilder().messages(List.of(edited)).build());

            assertThat(again.messages().get(0).attributes()).containsEntry("x", "d:1.0");
            assertThat(store.get(saved.id()).orElseThrow()).isEqualTo(again);
        }
        try (ThreadStore store = open()) {
            ChatThread fromDisk = store.listRecent().get(0);
            assertThat(fromDisk.messages().get(0).attributes()).containsEntry("x", "d:1.0");
        }
    }

    @Test
    void reAppendingAMessageEditedToAValueThatPrintsAlikeIsAConflict() {
        try (ThreadStore store = open()) {
            ChatThread saved = store.save(ChatThread.create());
            Message m = Message.user("hi").withAttribute("x", 1.0);
            store.append(saved.id(), List.of(m));

            assertThatThrownBy(() -> store.append(saved.id(), List.of(m.withAttribute("x", "d:1.0"))))
                    .isInstanceOf(ConcurrentUpdateException.class);
        }
    }

    @Test
    void aStoredDigestOfAnOlderSchemeIsNeverTrusted() throws SQLException {
        ChatThread saved;
        Message m = Message.user("hi").withAttribute("x", 1.0);
        try (ThreadStore store = open()) {
            saved = store.save(ChatThread.create());
            store.append(saved.id(), List.of(m));
        }
        sql("UPDATE messages SET digest = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'");
        try (ThreadStore store = open()) {
            assertThat(store.append(saved.id(), List.of(m))).hasSize(1);
            assertThatThrownBy(() -> store.append(saved.id(), List.of(m.withAttribute("x", "d:1.0"))))
                    .isInstanceOf(ConcurrentUpdateException.class);
            ChatThread current = store.get(saved.id()).orElseThrow();
            Message edited = current.messages().get(0).withAttribute("x", "d:1.0");
            ChatThread again = store.save(current.toBuilder().messages(List.of(edited)).build());
            assertThat(store.get(saved.id())).contains(again);
        }
    }

    /**
     * Seeded random edits of one thread's messages to values that print alike across JSON types, saved
     * alternately through two stores on one file (one remembers what it wrote, the other compares digests),
     * each read back equal to what the save returned.
     */
    @Test
    void generatedEditsOfValuesThatPrintAlikeRoundTrip() {
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        Random random = new Random(seed);
        try (ThreadStore first = open(); ThreadStore second = open()) {
            ChatThread thread = first.save(ChatThread.create());
            for (int round = 0; round < 300; round++) {
                ThreadStore store = random.nextBoolean() ? first : second;
                List<Message> messages = new ArrayList<>(thread.messages());
                if (messages.isEmpty() || random.nextInt(5) == 0) {
                    messages.add(Message.user(alike(random).toString()).withAttribute("x", alike(random)));
                } else {
                    int i = random.nextInt(messages.size());
                    messages.set(i, edit(messages.get(i), random));
                }
                ChatThread saved = store.save(thread.toBuilder().messages(messages).build());
                ChatThread read = (random.nextBoolean() ? first : second).get(thread.id()).orElseThrow();
                if (!read.equals(saved)) {
                    throw new AssertionFailedError("Round " + round + " of seed " + seed + " (rerun with"
                            + " -Dthreadstore.seed=" + seed + "): get returned another thread than save", saved, read);
                }
                thread = saved;
            }
        }
    }

    private static final Object[] ALIKE = {1L, 1.0, "1", "1.0", "d:1.0", true, "true", null, "null", 0L, 0.0, "",
            List.of(1L), List.of("1"), List.of(1.0), Map.of("1", 1L), Map.of("1", "1")};

    static Object alike(Random random) {
        Object value = ALIKE[random.nextInt(ALIKE.length)];
        return value == null ? "" : value;
    }

    static Message edit(Message m, Random random) {
        Object value = ALIKE[random.nextInt(ALIKE.length)];
        switch (random.nextInt(4)) {
            case 0:
                return m.withAttribute(random.nextBoolean() ? "x" : "y", value);
            case 1: {
                Map<String, Object> metrics = new LinkedHashMap<>(m.metrics());
                metrics.put(random.nextBoolean() ? "a" : "b", value);
                return m.toBuilder().metrics(metrics).build();
            }
            case 2:
                return m.toBuilder().content(value == null ? null : value.toString()).build();
            default: {
                Map<String, Object> reordered = new LinkedHashMap<>();
                List<String> keys = new ArrayList<>(m.attributes().keySet());
                java.util.Collections.reverse(keys);
                keys.forEach(k -> reordered.put(k, m.attributes().get(k)));
                return m.toBuilder().attributes(reordered).build();
            }
        }
    }

    /**
     * Issue 13: adding a message to a thread this store wrote, by append or by save, is one statement on the thread
     * row (version, counts, update time and expiry at once) and the message's insert, whatever the thread's length;
     * nothing is read back.
     */
    @Test
    void addingAMessageToAThreadThisStoreWroteIsOneThreadStatementAndOneInsertAtAnyLength() {
        StatementLog log = new StatementLog();
        try (com.zaxxer.hikari.HikariDataSource pool = SqliteDataSourceTckTest.sqlitePool(
                "sqlite:" + dir.resolve("threads.db"));
             ThreadStore store = ThreadStore.create(log.wrap(pool), Map.of("timeToLive", "1h"))) {
            for (int n : List.of(1, 10, 300)) {
                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    messages.add(Message.user("m" + i));
                }
                ChatThread thread = store.save(ChatThread.create().withMessages(messages));

                log.clear();
                store.append(thread.id(), List.of(Message.user("appended")));
                assertThat(log.statements()).as("append at n=" + n)
                        .containsExactly("UPDATE threads", "INSERT INTO messages");

                ChatThread read = store.get(thread.id()).orElseThrow();
                ChatThread saved = store.save(read.withMessage(Message.assistant("saved")));
                log.clear();
                ChatThread again = store.save(saved.withMessage(Message.user("saved again")));
                assertThat(log.statements()).as("save at n=" + n)
                        .containsExactly("UPDATE threads", "INSERT INTO messages");

                assertThat(store.get(thread.id())).contains(again);
                assertThat(again.messages()).hasSize(n + 3);
                assertThat(again.version()).isEqualTo(thread.version() + 3);
            }
        }
    }

    /**
     * A save of a remembered thread updates its row without naming attributes and source when they are unchanged
     * (keeping the attribute-index trigger out of the statement); when they changed, a second update writes them,
     * and the index follows: queries find the thread by its new attributes and source, not by the old.
     */
    @Test
    void aSaveThatChangesTheHeaderOfARememberedThreadWritesItAndReindexes() {
        StatementLog log = new StatementLog();
        try (com.zaxxer.hikari.HikariDataSource pool = SqliteDataSourceTckTest.sqlitePool(
                "sqlite:" + dir.resolve("threads.db"));
             ThreadStore store = ThreadStore.create(log.wrap(pool), Map.of())) {
            ChatThread thread = store.save(ChatThread.create("t").withAttribute("k", "old")
                    .withSource(new ThreadSource("slack", Map.of("channel", "old"))).withMessage(Message.user("a")));

            log.clear();
            thread = store.save(thread.withTitle("renamed").withMessage(Message.user("b")));
            assertThat(log.statements()).as("title only").containsExactly("UPDATE threads", "INSERT INTO messages");

            log.clear();
            thread = store.save(thread.withAttribute("k", "new").withMessage(Message.user("c")));
            assertThat(log.statements()).as("attributes changed")
                    .containsExactly("UPDATE threads", "UPDATE threads", "INSERT INTO messages");
            assertThat(store.findByAttributes(Map.of("k", "new"))).extracting(ChatThread::id).containsExactly(thread.id());
            assertThat(store.findByAttributes(Map.of("k", "old"))).isEmpty();

            thread = store.save(thread.withSource(new ThreadSource("slack", Map.of("channel", "new"))));
            assertThat(store.findBySource("slack", Map.of("channel", "new"))).extracting(ChatThread::id)
                    .containsExactly(thread.id());
            assertThat(store.findBySource("slack", Map.of("channel", "old"))).isEmpty();
            thread = store.save(thread.withSource(null).withMessage(Message.user("d")));
            assertThat(store.findBySource("slack", Map.of())).isEmpty();

            assertThat(store.get(thread.id())).contains(thread);
            assertThat(thread.title()).isEqualTo("renamed");
            assertThat(thread.messages()).extracting(Message::content).containsExactly("a", "b", "c", "d");
        }
    }

    /**
     * What this store remembers is checked by the statement that writes: after another store on the file wrote the
     * thread, an append and a save through the first store still land after the other's writes, or conflict.
     */
    @Test
    void aWriteByAnotherStoreSendsTheRememberingStoreToTheLockingPath() {
        try (ThreadStore first = open(); ThreadStore second = open()) {
            RememberedWriteScenarios.aWriteByAnotherStoreSendsTheRememberingStoreToTheLockingPath(first, second);
        }
    }

    /** Issue 18 #4: a writer queued behind another process's transaction stamps the time it got the lock. */
    @Test
    void updatedAtIsStampedOnceTheWriteLockIsHeld() throws Exception {
        try (ThreadStore first = open(); ThreadStore second = open()) {
            ChatThread saved = first.save(ChatThread.create());
            ChatThread other = first.save(ChatThread.create());
            CompletableFuture<ChatThread> save;
            CompletableFuture<List<Message>> append;
            Instant released;
            try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("threads.db"));
                 Statement s = holder.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                save = CompletableFuture.supplyAsync(() -> second.save(saved.withTitle("queued")));
                append = CompletableFuture.supplyAsync(() -> second.append(other.id(), List.of(Message.user("queued"))));
                Thread.sleep(500); // let both writers read the clock, if they read it before the lock
                released = Instant.now().truncatedTo(ChronoUnit.MICROS);
                s.execute("COMMIT");
            }
            assertThat(save.get().updatedAt()).isAfterOrEqualTo(released);
            append.get();
            assertThat(first.get(other.id()).orElseThrow().updatedAt()).isAfterOrEqualTo(released);
        }
    }

    /** Issue 18 #4: when the clock is behind the stored update time, a write still moves it forward. */
    @Test
    void aLaterCommitNeverHasAnEarlierUpdatedAt() throws SQLException {
        ChatThread saved;
        try (ThreadStore store = open()) {
            saved = store.save(ChatThread.create());
        }
        Instant future = Instant.parse("2999-01-01T00:00:00Z");
        long micros = future.getEpochSecond() * 1_000_000L;
        sql("UPDATE threads SET updated_at = " + micros);
        try (ThreadStore store = open()) {
            ChatThread current = store.get(saved.id()).orElseThrow();
            assertThat(current.updatedAt()).isEqualTo(future);
            ChatThread again = store.save(current.withTitle("later"));
            assertThat(again.updatedAt()).isEqualTo(future.plus(1, ChronoUnit.MICROS));
            store.append(saved.id(), List.of(Message.user("later still")));
            assertThat(store.get(saved.id()).orElseThrow().updatedAt()).isEqualTo(future.plus(2, ChronoUnit.MICROS));
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("threads.db"));
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Issue 18 #6: a query with thousands of keys works, as on the other backends. */
    @Test
    void queriesWithThousandsOfKeysWork() {
        try (ThreadStore store = open()) {
            queriesWithThousandsOfKeysWork(store);
        }
    }

    private static void queriesWithThousandsOfKeysWork(ThreadStore store) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < 3_000; i++) {
            attributes.put("k" + i, i % 3 == 0 ? (Object) (long) i : i % 3 == 1 ? "v" + i : (Object) (i % 2 == 0));
        }
        Map<String, Object> almost = new LinkedHashMap<>(attributes);
        almost.put("k2999", "different");
        ChatThread match = store.save(ChatThread.create().withAttributes(attributes)
                .withSource(new ThreadSource("slack", attributes)));
        store.save(ChatThread.create().withAttributes(almost).withSource(new ThreadSource("slack", almost)));

        assertThat(store.findByAttributes(attributes)).extracting(ChatThread::id).containsExactly(match.id());
        assertThat(store.findBySource("slack", attributes)).extracting(ChatThread::id).containsExactly(match.id());
        Map<String, Object> withNulls = new LinkedHashMap<>(attributes);
        withNulls.put("absent", null);
        assertThat(store.findByAttributes(withNulls)).extracting(ChatThread::id).containsExactly(match.id());
    }
}
