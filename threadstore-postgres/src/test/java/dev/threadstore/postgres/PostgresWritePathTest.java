package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.sql.testkit.RememberedWriteScenarios;
import dev.threadstore.sql.testkit.StatementLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

/** The SQL write path on PostgreSQL: what a save or append writes is what a get returns. */
class PostgresWritePathTest {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    private ThreadStore open(String schema) {
        return database.track(ThreadStore.create(PostgresTestDatabase.url(schema)));
    }

    @Test
    void aSaveThatChangesANumberToAStringThatPrintsAlikeRewritesTheMessage() {
        String schema = database.newSchema();
        ThreadStore store = open(schema);
        ChatThread saved = store.save(ChatThread.create().withMessage(Message.user("hi").withAttribute("x", 1.0)));
        Message edited = saved.messages().get(0).withAttribute("x", "d:1.0");
        ChatThread again = store.save(saved.toBuilder().messages(List.of(edited)).build());

        assertThat(store.get(saved.id()).orElseThrow()).isEqualTo(again);
        assertThat(open(schema).get(saved.id()).orElseThrow().messages().get(0).attributes())
                .containsEntry("x", "d:1.0");
    }

    /**
     * Issue 13: adding a message to a thread this store wrote, by append or by save, is one statement on the thread
     * row (version, counts, update time and expiry at once, and the row lock) and the message's insert, whatever the
     * thread's length; nothing is read back.
     */
    @Test
    void addingAMessageToAThreadThisStoreWroteIsOneThreadStatementAndOneInsertAtAnyLength() {
        String schema = database.newSchema();
        StatementLog log = new StatementLog();
        com.zaxxer.hikari.HikariDataSource pool = database.track(PostgresDataSourceTckTest.applicationPool(
                dev.threadstore.spi.StoreUri.parse(PostgresTestDatabase.url(schema))));
        ThreadStore store = database.track(ThreadStore.create(log.wrap(pool),
                Map.of("schema", schema, "timeToLive", "1h")));
        for (int n : List.of(1, 10, 300)) {
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                messages.add(Message.user("m" + i));
            }
            ChatThread thread = store.save(ChatThread.create().withMessages(messages));

            log.clear();
            store.append(thread.id(), List.of(Message.user("appended")));
            assertThat(log.statements()).as("append at n=" + n).containsExactly("UPDATE threads", "INSERT INTO messages");

            ChatThread read = store.get(thread.id()).orElseThrow();
            ChatThread saved = store.save(read.withMessage(Message.assistant("saved")));
            log.clear();
            ChatThread again = store.save(saved.withMessage(Message.user("saved again")));
            assertThat(log.statements()).as("save at n=" + n).containsExactly("UPDATE threads", "INSERT INTO messages");

            assertThat(store.get(thread.id())).contains(again);
            assertThat(again.messages()).hasSize(n + 3);
            assertThat(again.version()).isEqualTo(thread.version() + 3);
        }
    }

    /**
     * What this store remembers is checked by the statement that writes: after another store wrote the thread, an
     * append and a save through the first store still land after the other's writes, or conflict.
     */
    @Test
    void aWriteByAnotherStoreSendsTheRememberingStoreToTheLockingPath() {
        String schema = database.newSchema();
        ThreadStore first = open(schema);
        ThreadStore second = open(schema);
        RememberedWriteScenarios.aWriteByAnotherStoreSendsTheRememberingStoreToTheLockingPath(first, second);
    }

    @Test
    void reAppendingAMessageEditedToAValueThatPrintsAlikeIsAConflict() {
        ThreadStore store = open(database.newSchema());
        ChatThread saved = store.save(ChatThread.create());
        Message m = Message.user("hi").withAttribute("x", 1.0);
        store.append(saved.id(), List.of(m));

        assertThatThrownBy(() -> store.append(saved.id(), List.of(m.withAttribute("x", "d:1.0"))))
                .isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void aStoredDigestOfAnOlderSchemeIsNeverTrusted() throws SQLException {
        String schema = database.newSchema();
        ChatThread saved = open(schema).save(ChatThread.create());
        Message m = Message.user("hi").withAttribute("x", 1.0);
        open(schema).append(saved.id(), List.of(m));
        sql(schema, "UPDATE messages SET digest = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'");
        ThreadStore store = open(schema);

        assertThat(store.append(saved.id(), List.of(m))).hasSize(1);
        assertThatThrownBy(() -> store.append(saved.id(), List.of(m.withAttribute("x", "d:1.0"))))
                .isInstanceOf(ConcurrentUpdateException.class);
        ChatThread current = store.get(saved.id()).orElseThrow();
        Message edited = current.messages().get(0).withAttribute("x", "d:1.0");
        ChatThread again = store.save(current.toBuilder().messages(List.of(edited)).build());
        assertThat(open(schema).get(saved.id())).contains(again);
    }

    /**
     * Seeded random edits of one thread's messages to values that print alike across JSON types, saved
     * alternately through two stores (one remembers what it wrote, the other compares digests), each read back
     * equal to what the save returned.
     */
    @Test
    void generatedEditsOfValuesThatPrintAlikeRoundTrip() {
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        Random random = new Random(seed);
        String schema = database.newSchema();
        ThreadStore first = open(schema);
        ThreadStore second = open(schema);
        ChatThread thread = first.save(ChatThread.create());
        for (int round = 0; round < 200; round++) {
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

    private static final Object[] ALIKE = {1L, 1.0, "1", "1.0", "d:1.0", true, "true", null, "null", 0L, 0.0, "",
            List.of(1L), List.of("1"), List.of(1.0), Map.of("1", 1L), Map.of("1", "1")};

    private static Object alike(Random random) {
        Object value = ALIKE[random.nextInt(ALIKE.length)];
        return value == null ? "" : value;
    }

    private static Message edit(Message m, Random random) {
        Object value = ALIKE[random.nextInt(ALIKE.length)];
        switch (random.nextInt(3)) {
            case 0:
                return m.withAttribute(random.nextBoolean() ? "x" : "y", value);
            case 1: {
                Map<String, Object> metrics = new LinkedHashMap<>(m.metrics());
                metrics.put(random.nextBoolean() ? "a" : "b", value);
                return m.toBuilder().metrics(metrics).build();
            }
            default:
                return m.toBuilder().content(value == null ? null : value.toString()).build();
        }
    }

    static void sql(String schema, String statement) throws SQLException {
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO \"" + schema + "\"");
            s.execute(statement);
        }
    }

    /** Issue 18 #6: a query with thousands of keys works, as on the other backends. */
    @Test
    void queriesWithThousandsOfKeysWork() {
        ThreadStore store = open(database.newSchema());
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
