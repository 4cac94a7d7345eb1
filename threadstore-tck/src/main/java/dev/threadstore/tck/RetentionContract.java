package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.tck.FileStoreContract.FileSamples;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Retention (DESIGN section 10): {@link ChatThread#expiresAt()}, the {@code timeToLive} store option and
 * {@link ThreadStore#deleteExpired(int)}. An expired thread is treated as deleted at once, before any purge:
 * invisible to every read, {@code append} and {@code fork} throw {@link ThreadNotFoundException}, {@code delete}
 * removes it and returns false, and a {@code save} at version 0 creates the id afresh (a save at a higher version
 * is a {@link ConcurrentUpdateException}). {@code deleteExpired} purges at most the given number of expired threads
 * per call, oldest expiry first, each exactly once even when several callers purge at once, and with a file store
 * takes the files no remaining thread references.
 *
 * <p>Threads are made expired by saving them with an expiry in the past, so most tests need no clock; the one that
 * watches a thread expire uses {@link #newStore(java.time.Clock)} and is skipped without it.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface RetentionContract extends StoreFixture {

    /** An expiry that has passed, in microseconds as stores keep it. */
    private static Instant past(long secondsAgo) {
        return Instant.now().minusSeconds(secondsAgo).truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    default void anExpiryRoundTripsIntoTheThreadAndItsSummary() {
        try (ThreadStore store = newStore()) {
            Instant expiresAt = Instant.parse("2999-03-04T05:06:07.891011Z");
            ChatThread saved = store.save(Samples.thread("t", "T").withExpiresAt(expiresAt));

            assertThat(saved.expiresAt()).isEqualTo(expiresAt);
            assertThat(store.get("t").orElseThrow()).isEqualTo(saved);
            assertThat(store.summaries(ThreadQuery.all()).items()).extracting(ThreadSummary::expiresAt)
                    .containsExactly(expiresAt);
            ChatThread cleared = store.save(saved.withExpiresAt(null));
            assertThat(store.get("t").orElseThrow().expiresAt()).isNull();
            assertThat(cleared.expiresAt()).isNull();
        }
    }

    @Test
    default void anExpiredThreadIsInvisibleToEveryReadAtOnce() {
        try (ThreadStore store = newStore()) {
            ThreadSource slack = new ThreadSource("slack", Map.of("channel", "c1"));
            store.save(Samples.thread("live", user("live-m", "hi")).withAttribute("team", "a").withSource(slack));
            ChatThread gone = store.save(Samples.thread("gone", user("gone-m", "hi")).withAttribute("team", "a")
                    .withSource(slack).withExpiresAt(past(60)));
            assertThat(gone.expiresAt()).as("save returns the thread as stored, expired").isBefore(Instant.now());

            assertThat(store.get("gone")).as("get").isEmpty();
            assertThat(store.get("gone", MessageWindow.last(5))).as("windowed get").isEmpty();
            assertThat(store.getThreadByMessageId("gone-m")).as("getThreadByMessageId").isEmpty();
            assertThat(store.summaries(ThreadQuery.all()).items()).extracting(ThreadSummary::id)
                    .as("summaries").containsExactly("live");
            assertThat(store.threads(ThreadQuery.all().attributes(Map.of("team", "a"))).items())
                    .extracting(ChatThread::id).as("threads").containsExactly("live");
            assertThat(store.count(ThreadQuery.all())).as("count").isEqualTo(1);
            assertThat(store.count(ThreadQuery.all().source("slack", Map.of()))).as("count by source").isEqualTo(1);
            assertThat(store.list(10, 0)).extracting(ChatThread::id).as("list").containsExactly("live");
            assertThat(store.listRecent()).extracting(ChatThread::id).as("listRecent").containsExactly("live");
            assertThat(store.listRecent(10)).extracting(ChatThread::id).as("listRecent(n)").containsExactly("live");
            assertThat(store.findByAttributes(Map.of("team", "a"))).extracting(ChatThread::id)
                    .as("findByAttributes").containsExactly("live");
            assertThat(store.findBySource("slack", Map.of("channel", "c1"))).extracting(ChatThread::id)
                    .as("findBySource").containsExactly("live");
            assertThatThrownBy(() -> store.append("gone", List.of(user("late", "late"))))
                    .as("append").isInstanceOf(ThreadNotFoundException.class).hasMessageContaining("gone");
            assertThatThrownBy(() -> store.append("gone", List.of()))
                    .as("an empty append").isInstanceOf(ThreadNotFoundException.class);
            assertThatThrownBy(() -> store.fork("gone", 1, "copy"))
                    .as("fork").isInstanceOf(ThreadNotFoundException.class).hasMessageContaining("gone");
            assertThat(store.get("copy")).as("nothing was forked").isEmpty();
        }
    }

    @Test
    default void aThreadDisappearsWhenTheStoresClockPassesItsExpiry() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        SettableClock clock = new SettableClock(start);
        ThreadStore opened = newStore(clock).orElseGet(() -> {
            Assumptions.abort("the fixture's newStore(Clock) is not implemented: expiry by the store's clock is"
                    + " not checked (the tests with expiries in the past still run)");
            throw new AssertionError("unreachable");
        });
        try (ThreadStore store = opened) {
            store.save(Samples.thread("t", user("m", "hi")).withExpiresAt(start.plusSeconds(10)));
            clock.set(start.plusSeconds(9));
            assertThat(store.get("t")).as("before its expiry").isPresent();
            assertThat(store.count(ThreadQuery.all())).isEqualTo(1);
            assertThat(store.deleteExpired(10)).as("nothing has expired yet").isZero();

            clock.set(start.plusSeconds(10));

            assertThat(store.get("t")).as("at its expiry").isEmpty();
            assertThat(store.count(ThreadQuery.all())).isZero();
            assertThat(store.getThreadByMessageId("m")).isEmpty();
            assertThat(store.deleteExpired(10)).isEqualTo(1);
        }
    }

    @Test
    default void savingAnExpiredIdAtVersionZeroCreatesItAfresh() {
        try (ThreadStore store = newStore()) {
            store.save(Samples.thread("t", user("old", "old")).withAttribute("k", 1L).withExpiresAt(past(60)));

            ChatThread fresh = store.save(Samples.thread("t", user("new", "new")));

            assertThat(fresh.version()).as("created afresh").isEqualTo(1);
            assertThat(store.get("t").orElseThrow()).isEqualTo(fresh);
            assertThat(fresh.attributes()).as("nothing of the expired thread is kept").doesNotContainKey("k");
            assertThat(store.getThreadByMessageId("old")).isEmpty();
            assertThat(store.getThreadByMessageId("new")).contains(fresh);
            assertThat(store.deleteExpired(10)).as("the expired thread was replaced, not kept").isZero();
        }
    }

    @Test
    default void savingAnExpiredThreadAtItsVersionIsAConflict() {
        try (ThreadStore store = newStore()) {
            ChatThread expired = store.save(Samples.thread("t", "T").withExpiresAt(past(60)));

            assertThatThrownBy(() -> store.save(expired.withExpiresAt(null)))
                    .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("t");
            assertThat(store.get("t")).as("nothing written").isEmpty();
        }
    }

    @Test
    default void deletingAnExpiredThreadRemovesItAndSaysItDidNotExist() {
        try (ThreadStore store = newStore()) {
            store.save(Samples.thread("t", "T").withExpiresAt(past(60)));

            assertThat(store.delete("t")).isFalse();
            assertThat(store.deleteExpired(10)).as("already removed").isZero();
        }
    }

    @Test
    default void deleteExpiredTakesAtMostMaxThreadsOldestExpiryFirstAndNoLiveThread() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            List<Attachment> attachments = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ChatThread saved = store.save(Samples.thread("expired-" + i,
                                Message.user("x").withAttachment(FileSamples.text("file of " + i), "n" + i + ".txt"))
                        .withExpiresAt(past(100 - i * 10L)), files); // expired-1 expired first
                attachments.add(saved.messages().get(0).attachments().get(0));
            }
            ChatThread forever = store.save(Samples.thread("forever", user("f", "f")));
            ChatThread later = store.save(Samples.thread("later", user("l", "l")).withTimeToLive(Duration.ofDays(1)));

            assertThat(store.deleteExpired(2, files)).isEqualTo(2);
            assertThat(files.listFiles()).as("the two oldest expiries went, with their files")
                    .containsExactlyInAnyOrder(paths(attachments.subList(2, 5)).toArray(String[]::new));

            assertThat(store.deleteExpired(10, files)).isEqualTo(3);
            assertThat(files.listFiles()).isEmpty();
            assertThat(store.deleteExpired(10)).isZero();
            assertThat(store.get("forever")).contains(forever);
            assertThat(store.get("later")).contains(later);
            assertThat(store.count(ThreadQuery.all())).isEqualTo(2);
        }
    }

    private static List<String> paths(List<Attachment> attachments) {
        return attachments.stream().map(a -> Objects.requireNonNull(a.storagePath(), "storagePath")).toList();
    }

    @Test
    default void deleteExpiredKeepsTheFilesALiveForkStillReferences() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread original = store.save(Samples.thread("original",
                    Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf"), user("b", "b")), files);
            Attachment shared = original.messages().get(0).attachments().get(0);
            ChatThread fork = store.fork("original", 1, "fork");
            assertThat(fork.expiresAt()).as("a fork does not inherit the expiry").isNull();
            store.save(store.get("original").orElseThrow().withExpiresAt(past(5)));

            assertThat(store.deleteExpired(10, files)).isEqualTo(1);

            assertThat(files.get(Objects.requireNonNull(shared.fileId()), Objects.requireNonNull(shared.storagePath())))
                    .isEqualTo(FileSamples.pdf());
            store.save(store.get("fork").orElseThrow().withExpiresAt(past(1)));
            assertThat(store.deleteExpired(10, files)).isEqualTo(1);
            assertThat(files.listFiles()).as("the last thread referencing the file took it").isEmpty();
        }
    }

    @Test
    // Passes null on purpose: the contract is a NullPointerException naming the argument.
    @SuppressWarnings("NullAway")
    default void maxThreadsBelowOneIsRefusedNamingItAndNothingIsDeleted() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            store.save(Samples.thread("t", "T").withExpiresAt(past(5)));

            assertThatThrownBy(() -> store.deleteExpired(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxThreads");
            assertThatThrownBy(() -> store.deleteExpired(-1, files)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxThreads");
            assertThatThrownBy(() -> store.deleteExpired(1, null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("fileStore");
            assertThat(store.deleteExpired(5)).as("the refused calls deleted nothing").isEqualTo(1);
        }
    }

    @Test
    default void concurrentPurgesDeleteEachExpiredThreadExactlyOnce() throws Exception {
        try (ThreadStore store = newStore()) {
            int expired = 60;
            for (int i = 0; i < expired; i++) {
                store.save(Samples.thread("expired-" + i, "e").withExpiresAt(past(1000 - i)));
                store.save(Samples.thread("live-" + i, "l").withTimeToLive(Duration.ofDays(1)));
            }
            List<Object> deleted = Workers.run(4, worker -> {
                int total = 0;
                for (int n; (n = store.deleteExpired(7)) > 0; ) {
                    total += n;
                }
                return total;
            });

            assertThat(deleted.stream().mapToInt(n -> (Integer) Objects.requireNonNull(n)).sum())
                    .as("each expired thread deleted by exactly one purger").isEqualTo(expired);
            assertThat(store.count(ThreadQuery.all())).as("no live thread touched").isEqualTo(expired);
            assertThat(store.deleteExpired(100)).isZero();
        }
    }

    @Test
    default void theTimeToLiveOptionGivesEverySavedThreadWithoutAnExpiryOne() {
        try (ThreadStore store = ThreadStore.create(uri(), Map.of("timeToLive", "1h"))) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
            ChatThread saved = store.save(Samples.thread("t", "T"));
            Instant after = Instant.now();

            assertThat(saved.expiresAt()).isBetween(before.plus(Duration.ofHours(1)), after.plus(Duration.ofHours(1)));
            assertThat(store.get("t").orElseThrow().expiresAt()).isEqualTo(saved.expiresAt());
            Instant own = Instant.parse("2999-01-01T00:00:00Z");
            assertThat(store.save(Samples.thread("own", "O").withExpiresAt(own)).expiresAt())
                    .as("a thread that sets its own keeps it").isEqualTo(own);
            ChatThread fork = store.fork("t", 0, "fork");
            assertThat(fork.expiresAt()).as("a fork is a new thread: the time to live from its creation").isNotNull()
                    .isAfterOrEqualTo(saved.expiresAt());
        }
    }

    @Test
    default void anAppendKeepsAThreadAliveForAtLeastTheTimeToLive() {
        try (ThreadStore store = ThreadStore.create(uri(), Map.of("timeToLive", "PT1H"))) {
            Instant soon = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MICROS);
            Instant far = Instant.parse("2999-01-01T00:00:00Z");
            store.save(Samples.thread("soon", "S").withExpiresAt(soon));
            store.save(Samples.thread("far", "F").withExpiresAt(far));

            Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
            store.append("soon", List.of(user("m1", "hi")));
            store.append("far", List.of(user("m2", "hi")));

            assertThat(store.get("soon").orElseThrow().expiresAt()).as("moved to now + 1h")
                    .isAfterOrEqualTo(before.plus(Duration.ofHours(1)));
            assertThat(store.get("far").orElseThrow().expiresAt()).as("a later expiry is kept").isEqualTo(far);
        }
    }

    @Test
    default void aTimeToLiveThatIsNotAPositiveDurationIsRefusedNamingTheOption() {
        for (String bad : List.of("0d", "-1h", "soon", "P")) {
            assertThatThrownBy(() -> ThreadStore.create(uri(), Map.of("timeToLive", bad)).close())
                    .as(bad).isInstanceOf(StoreConfigurationException.class).hasMessageContaining("timeToLive");
        }
    }
}
