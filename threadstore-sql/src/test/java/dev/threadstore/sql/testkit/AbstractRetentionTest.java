package dev.threadstore.sql.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
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

/**
 * Retention on a SQL backend: the expiry changeset upgrades a database with data in it, and two stores on one
 * database purging together delete each expired thread once (SQLite: they take turns on the write lock;
 * PostgreSQL: {@code FOR UPDATE SKIP LOCKED}). A backend's test extends it with a new database's URL and how to
 * turn a database back into one from before the expiry changeset.
 */
public abstract class AbstractRetentionTest {

    /** @return the URL of a new, empty database (or schema) of the backend */
    protected abstract String newUrl();

    /**
     * Turns the database at {@code url} back into one from the release before retention: drops the
     * {@code expires_at} column (and its index) and deletes the expiry changeset from Liquibase's history.
     *
     * @param url a URL from {@link #newUrl()}, whose store is closed
     * @throws Exception if the database refuses
     */
    protected abstract void undoTheExpiryChangeset(String url) throws Exception;

    /**
     * @param url a URL from {@link #newUrl()}
     * @return an open store on it; the default is {@code ThreadStore.create(url)}
     */
    protected ThreadStore open(String url) {
        return ThreadStore.create(url);
    }

    @Test
    void theExpiryChangesetUpgradesADatabaseWithDataInIt() throws Exception {
        String url = newUrl();
        List<ChatThread> saved = new ArrayList<>();
        try (ThreadStore store = open(url)) {
            saved.add(store.save(ChatThread.builder().id("empty").build()));
            saved.add(store.save(ChatThread.builder().id("three").build()
                    .withMessages(List.of(Message.user("a"), Message.user("b"), Message.user("c")))));
        }
        undoTheExpiryChangeset(url);

        try (ThreadStore store = open(url)) {
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
    void twoStoresOnOneDatabasePurgingTogetherDeleteEachExpiredThreadOnce() throws Exception {
        String url = newUrl();
        int expired = 300;
        try (ThreadStore a = open(url); ThreadStore b = open(url)) {
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
