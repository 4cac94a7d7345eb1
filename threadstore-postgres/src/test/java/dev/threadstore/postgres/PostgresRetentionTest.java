package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention on PostgreSQL: the expiry changeset upgrades a schema with data in it, and two stores on one schema
 * purging together ({@code FOR UPDATE SKIP LOCKED}) delete each expired thread once.
 */
class PostgresRetentionTest {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    @Test
    void theExpiryChangesetUpgradesASchemaWithDataInIt() throws Exception {
        String schema = database.newSchema();
        List<ChatThread> saved = new ArrayList<>();
        try (ThreadStore store = ThreadStore.create(PostgresTestDatabase.url(schema))) {
            saved.add(store.save(ChatThread.builder().id("empty").build()));
            saved.add(store.save(ChatThread.builder().id("three").build()
                    .withMessages(List.of(Message.user("a"), Message.user("b"), Message.user("c")))));
        }
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + schema + ".threads DROP COLUMN expires_at");
            s.execute("DELETE FROM " + schema + ".databasechangelog WHERE id = '7-thread-expiry'");
        }

        try (ThreadStore store = database.track(ThreadStore.create(PostgresTestDatabase.url(schema)))) {
            for (ChatThread thread : saved) {
                assertThat(store.get(thread.id())).contains(thread);
            }
            assertThat(store.summaries(ThreadQuery.all()).items())
                    .containsExactlyInAnyOrderElementsOf(saved.stream().map(ThreadSummary::of).toList());
            assertThat(store.deleteExpired(10)).as("an upgraded thread never expires").isZero();
            store.save(store.get("three").orElseThrow().withExpiresAt(Instant.now().minusSeconds(1)));
            assertThat(store.deleteExpired(10)).isEqualTo(1);
            assertThat(store.count(ThreadQuery.all())).isEqualTo(1);
        }
    }

    @Test
    void twoStoresOnOneSchemaPurgingTogetherDeleteEachExpiredThreadOnce() throws Exception {
        String url = database.newSchemaUrl();
        int expired = 300;
        try (ThreadStore a = database.track(ThreadStore.create(url));
             ThreadStore b = database.track(ThreadStore.create(url))) {
            Instant past = Instant.now().minusSeconds(3600);
            for (int i = 0; i < expired; i++) {
                a.save(ChatThread.builder().id("expired-" + i).expiresAt(past.plusMillis(i))
                        .messages(List.of(Message.user("m" + i))).build());
                a.save(ChatThread.builder().id("live-" + i).build().withTimeToLive(Duration.ofDays(1)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> purgers = new ArrayList<>();
                for (ThreadStore store : List.of(a, b, a, b)) {
                    purgers.add(pool.submit(purgeAll(store)));
                }
                int total = 0;
                for (Future<Integer> purger : purgers) {
                    total += purger.get(2, TimeUnit.MINUTES);
                }

                assertThat(total).as("the returns add up to the expired threads: each deleted once").isEqualTo(expired);
                assertThat(b.count(ThreadQuery.all())).as("no live thread touched").isEqualTo(expired);
                assertThat(a.deleteExpired(1000)).isZero();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Callable<Integer> purgeAll(ThreadStore store) {
        return () -> {
            int total = 0;
            for (int n; (n = store.deleteExpired(13)) > 0; ) {
                total += n;
            }
            return total;
        };
    }
}
