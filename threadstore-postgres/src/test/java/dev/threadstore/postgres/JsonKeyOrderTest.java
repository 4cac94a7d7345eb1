package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageSource;
import dev.threadstore.Role;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
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

/**
 * Maps come back with their keys in the order they were saved, as on the memory and SQLite backends, although
 * {@code jsonb} sorts an object's keys (by length, then bytes). Keys are generated in orders jsonb would change.
 */
class JsonKeyOrderTest {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    @Test
    void everyMapOfAThreadKeepsTheOrderItsKeysWereSavedIn() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        ThreadStore store = database.track(ThreadStore.create(database.newSchemaUrl()));
        Map<String, Object> nested = keys(random, "n");
        Map<String, Object> attributes = keys(random, "a");
        attributes.put("nested", nested);
        Attachment attachment = new Attachment("report.pdf", null, "application/pdf", keys(random, "f"), "file-1",
                "fi/le-1.pdf", "file", AttachmentStatus.STORED, 10, null);
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        for (String key : keys(random, "r").keySet()) {
            reactions.put(key, List.of("alice"));
        }
        Message message = Message.builder(Role.USER).content("hello").attributes(keys(random, "m"))
                .metrics(keys(random, "x")).reactions(reactions)
                .source(new MessageSource("u1", "Alice", MessageSource.Type.USER, keys(random, "s")))
                .attachments(List.of(attachment)).build();
        ChatThread saved = store.save(ChatThread.create().withAttributes(attributes)
                .withSource(new ThreadSource("slack", keys(random, "p"))).withMessage(message));

        ChatThread read = store.get(saved.id()).orElseThrow();

        assertThat(read).as("seed %d", seed).isEqualTo(saved);
        assertThat(order(read.attributes())).as("thread attributes, seed %d", seed).isEqualTo(order(attributes));
        assertThat(order((Map<?, ?>) read.attributes().get("nested"))).as("nested map, seed %d", seed)
                .isEqualTo(order(nested));
        assertThat(order(read.source().properties())).as("source properties, seed %d", seed)
                .isEqualTo(order(saved.source().properties()));
        Message m = read.messages().get(0);
        assertThat(order(m.attributes())).as("message attributes, seed %d", seed).isEqualTo(order(message.attributes()));
        assertThat(order(m.metrics())).as("metrics, seed %d", seed).isEqualTo(order(message.metrics()));
        assertThat(order(m.reactions())).as("reactions, seed %d", seed).isEqualTo(order(reactions));
        assertThat(order(m.source().attributes())).as("message source, seed %d", seed)
                .isEqualTo(order(message.source().attributes()));
        assertThat(order(m.attachments().get(0).attributes())).as("attachment attributes, seed %d", seed)
                .isEqualTo(order(attachment.attributes()));
        assertThat(order(store.findByAttributes(Map.of("nested", nested)).get(0).attributes()))
                .as("a query's result, seed %d", seed).isEqualTo(order(attributes));
        assertThat(order(store.list(10, 0).get(0).attributes())).as("a listing, seed %d", seed).isEqualTo(order(attributes));
    }

    @Test
    void aHandEditOfTheIndexedAttributesIsWhatAReadReturns() throws SQLException {
        String schema = database.newSchema();
        ThreadStore store = database.track(ThreadStore.create(PostgresTestDatabase.url(schema)));
        ChatThread saved = store.save(ChatThread.create().withAttribute("b", 1L).withAttribute("a", 2L));
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE " + schema + ".threads SET attributes = '{\"edited\": true}'");
        }
        try (ThreadStore reopened = ThreadStore.create(PostgresTestDatabase.url(schema))) {
            assertThat(reopened.get(saved.id()).orElseThrow().attributes()).isEqualTo(Map.of("edited", true));
            assertThat(reopened.findByAttributes(Map.of("edited", true))).hasSize(1);
        }
    }

    /** Keys in an order jsonb changes: long before short, and descending within a length. */
    private static Map<String, Object> keys(Random random, String prefix) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = 3 + random.nextInt(6);
        for (int i = n; i > 0; i--) {
            map.put(prefix + "k".repeat(i) + (char) ('z' - random.nextInt(26)), (long) random.nextInt(100));
        }
        return map;
    }

    private static List<Object> order(Map<?, ?> map) {
        return new ArrayList<>(map.keySet());
    }
}
