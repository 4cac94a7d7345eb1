package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.ThreadRestore;
import dev.threadstore.spi.ThreadRestore.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Restore ({@link ThreadRestore}): a thread written exactly as given, version and times included, then treated as
 * any thread the store wrote itself: read back equal, counted in summaries, found by queries and by message id,
 * versioned for the next save, invisible once expired. A different stored thread is overwritten only when asked;
 * bad input is refused before anything is written.
 *
 * <p>Restore is optional: a backend whose store does not offer it ({@link ThreadRestore#of} is empty) skips this
 * contract, and only this one, with the reason. The generated test is seeded like {@link GeneratedEditContract}
 * (system property {@value GeneratedEditContract#SEED_PROPERTY}); the seed is in its failures.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface RestoreContract extends StoreFixture {

    /** Threads the generated test restores. */
    int RESTORED_THREADS = 40;

    /** @return the store's restore, or a skip of the calling test when the backend has none */
    private static ThreadRestore restoreOf(ThreadStore store) {
        return ThreadRestore.of(store).orElseGet(() -> {
            Assumptions.abort("the backend does not offer ThreadRestore (ThreadRestore.of(store) is empty): restore"
                    + " is optional, so RestoreContract is skipped");
            throw new AssertionError("unreachable");
        });
    }

    /** A generated thread as a store could have written it: version, times, expiry and sequence gaps of its own. */
    private static ChatThread storedForm(RandomThreads random, String id) {
        ChatThread generated = random.thread(id, 8);
        List<Message> messages = new ArrayList<>();
        int sequence = 0;
        for (Message m : generated.messages()) {
            sequence += random.chance(25) ? 2 + random.random().nextInt(5) : 1;
            messages.add(m.withSequence(sequence));
        }
        Instant farFuture = Instant.parse("3000-01-01T00:00:00Z").plusSeconds(random.random().nextInt(1_000_000));
        return generated.toBuilder()
                .messages(messages)
                .updatedAt(random.instant())
                .version(1 + random.random().nextInt(random.chance(20) ? Integer.MAX_VALUE : 50))
                .expiresAt(random.chance(30) ? farFuture : null)
                .build();
    }

    @Test
    default void generatedThreadsComeBackExactlyAsRestoredAndAreIndexed() {
        long seed = GeneratedEditContract.baseSeed();
        RandomThreads random = new RandomThreads(seed);
        Map<String, ChatThread> restored = new HashMap<>();
        try (ThreadStore store = newStore()) {
            ThreadRestore restore = restoreOf(store);
            for (int i = 0; i < RESTORED_THREADS; i++) {
                ChatThread thread = storedForm(random, random.id("t"));
                String what = "seed " + seed + " (replay with -D" + GeneratedEditContract.SEED_PROPERTY + "=" + seed
                        + "), thread " + i + " " + thread.id();
                assertThat(restore.restore(thread, false)).as(what).isEqualTo(Outcome.CREATED);
                assertThat(store.get(thread.id())).as(what + ": get after restore").contains(thread);
                assertThat(restore.restore(thread, false)).as(what + ": restored again").isEqualTo(Outcome.UNCHANGED);
                restored.put(thread.id(), thread);
            }

            List<ChatThread> expectedOrder = restored.values().stream().sorted(Samples.LIST_ORDER).toList();
            assertThat(store.threads(ThreadQuery.all().limit(1000)).items()).as("seed %d: threads in list order", seed)
                    .containsExactlyElementsOf(expectedOrder);
            assertThat(store.count(ThreadQuery.all())).isEqualTo(RESTORED_THREADS);
            for (ThreadSummary s : store.summaries(ThreadQuery.all().limit(1000)).items()) {
                ChatThread t = Objects.requireNonNull(restored.get(s.id()), () -> "a summary of no restored thread: " + s.id());
                assertThat(s).as("seed %d: summary of %s", seed, s.id()).isEqualTo(new ThreadSummary(t.id(), t.title(),
                        t.attributes(), t.source(), t.createdAt(), t.updatedAt(), t.version(), t.messages().size(),
                        t.maxSequence(), t.expiresAt()));
            }
            for (ChatThread t : expectedOrder.subList(0, 10)) {
                assertThat(store.findByAttributes(t.attributes())).as("seed %d: attribute query of %s", seed, t.id())
                        .contains(t);
                if (t.source() != null) {
                    assertThat(store.findBySource(t.source().name(), t.source().properties()))
                            .as("seed %d: source query of %s", seed, t.id()).contains(t);
                }
                for (Message m : t.messages()) {
                    assertThat(store.getThreadByMessageId(m.id())).as("seed %d: thread of message %s", seed, m.id())
                            .contains(t);
                }
            }
        }
    }

    @Test
    default void aDifferentStoredThreadIsAConflictUnlessReplacing() {
        try (ThreadStore store = newStore()) {
            ThreadRestore restore = restoreOf(store);
            ChatThread saved = store.save(Samples.thread("t", user("m1", "one"), user("m2", "two"))
                    .withAttribute("team", "a"));
            ChatThread other = saved.toBuilder()
                    .title("Other")
                    .attributes(Map.of("team", "b"))
                    .messages(List.of(user("m3", "three").withSequence(9), user("m2", "two, edited").withSequence(4)))
                    .updatedAt(saved.updatedAt().minus(1, ChronoUnit.DAYS))
                    .version(7)
                    .build();

            assertThatThrownBy(() -> restore.restore(other, false)).as("a different thread, replace=false")
                    .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("'t'");
            assertThat(store.get("t")).as("the refused restore wrote nothing").contains(saved);

            assertThat(restore.restore(other, true)).isEqualTo(Outcome.REPLACED);

            ChatThread expected = other.toBuilder().messages(List.of(user("m2", "two, edited").withSequence(4),
                    user("m3", "three").withSequence(9))).build();
            assertThat(store.get("t")).as("the replaced thread, messages in sequence order").contains(expected);
            assertThat(store.getThreadByMessageId("m1")).as("a message only the replaced thread held").isEmpty();
            assertThat(store.getThreadByMessageId("m3")).contains(expected);
            assertThat(store.findByAttributes(Map.of("team", "a"))).as("old attributes").isEmpty();
            assertThat(store.findByAttributes(Map.of("team", "b"))).containsExactly(expected);
            assertThat(store.summaries(ThreadQuery.all()).items()).singleElement().satisfies(s -> {
                assertThat(s.version()).isEqualTo(7);
                assertThat(s.messageCount()).isEqualTo(2);
                assertThat(s.lastSequence()).isEqualTo(9);
                assertThat(s.updatedAt()).isEqualTo(other.updatedAt());
            });
            assertThat(restore.restore(expected, false)).as("the same thread again").isEqualTo(Outcome.UNCHANGED);
            assertThatThrownBy(() -> restore.restore(expected.toBuilder().version(8).build(), false))
                    .as("the same content at another version is another state of the thread")
                    .isInstanceOfSatisfying(ConcurrentUpdateException.class, e -> assertThat(e.threadId()).isEqualTo("t"));
            assertThat(store.get("t")).contains(expected);
        }
    }

    @Test
    default void aRestoredThreadIsVersionedForTheNextSaveAndAppend() {
        try (ThreadStore store = newStore()) {
            ThreadRestore restore = restoreOf(store);
            Instant updated = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
            ChatThread thread = Samples.thread("t", user("m1", "one")).toBuilder()
                    .messages(List.of(user("m1", "one").withSequence(5)))
                    .createdAt(updated.minusSeconds(60)).updatedAt(updated).version(5).build();
            restore.restore(thread, false);

            assertThatThrownBy(() -> store.save(thread.toBuilder().version(4).build())).as("a save at another version")
                    .isInstanceOf(ConcurrentUpdateException.class);
            assertThatThrownBy(() -> store.save(thread.toBuilder().version(0).build())).as("a save as a new thread")
                    .isInstanceOf(ConcurrentUpdateException.class);
            assertThat(store.get("t")).contains(thread);

            ChatThread saved = store.save(store.get("t").orElseThrow().withTitle("Renamed"));
            assertThat(saved.version()).as("a save at the restored version").isEqualTo(6);
            assertThat(saved.createdAt()).isEqualTo(thread.createdAt());
            assertThat(saved.updatedAt()).isAfter(updated);

            List<Message> appended = store.append("t", List.of(user("m2", "two")));
            assertThat(appended).extracting(Message::sequence).containsExactly(6);
            assertThat(store.get("t").orElseThrow().version()).isEqualTo(7);
        }
    }

    @Test
    default void anExpiredThreadRestoredIsInvisibleAndPurgedLikeAnyOther() {
        try (ThreadStore store = newStore()) {
            ThreadRestore restore = restoreOf(store);
            Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
            ChatThread expired = Samples.thread("gone", user("gone-m", "hi")).toBuilder().version(3)
                    .expiresAt(past).build();

            assertThat(restore.restore(expired, false)).isEqualTo(Outcome.CREATED);

            assertThat(store.get("gone")).as("get").isEmpty();
            assertThat(store.getThreadByMessageId("gone-m")).as("getThreadByMessageId").isEmpty();
            assertThat(store.count(ThreadQuery.all())).as("count").isZero();
            assertThat(store.summaries(ThreadQuery.all()).items()).as("summaries").isEmpty();
            assertThat(restore.restore(expired, false)).as("an expired thread counts as absent")
                    .isEqualTo(Outcome.CREATED);
            assertThat(store.deleteExpired(10)).as("deleteExpired purges it").isEqualTo(1);

            restore.restore(expired, false);
            ChatThread live = expired.toBuilder().expiresAt(null).title("Back").build();
            assertThat(restore.restore(live, false)).as("a live thread over an expired one").isEqualTo(Outcome.CREATED);
            assertThat(store.get("gone")).contains(live);
            assertThat(store.deleteExpired(10)).isZero();
        }
    }

    @Test
    // Passes null on purpose: the contract is a NullPointerException.
    @SuppressWarnings("NullAway")
    default void badInputIsRefusedAndWritesNothing() {
        try (ThreadStore store = newStore()) {
            ThreadRestore restore = restoreOf(store);
            ChatThread saved = store.save(Samples.thread("t", user("m1", "one"), user("m2", "two")));
            ChatThread windowed = store.get("t", MessageWindow.last(1)).orElseThrow();

            assertThatThrownBy(() -> restore.restore(Samples.thread("new", user("n1", "x")), false))
                    .as("version 0").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new");
            assertThatThrownBy(() -> restore.restore(windowed, true)).as("a windowed thread")
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'t'");
            ChatThread unplaced = saved.toBuilder().version(2)
                    .messages(List.of(saved.messages().get(0), user("m3", "unplaced"))).build();
            assertThatThrownBy(() -> restore.restore(unplaced, true)).as("an unplaced message")
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m3");
            Message pending = user("m4", "file").withAttachment("bytes".getBytes(StandardCharsets.UTF_8), "a.txt")
                    .withSequence(4);
            ChatThread withPending = saved.toBuilder().version(2).messages(List.of(pending)).build();
            assertThatThrownBy(() -> restore.restore(withPending, true)).as("a pending attachment")
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m4");
            assertThatThrownBy(() -> restore.restore(null, false)).isInstanceOf(NullPointerException.class);

            assertThat(store.get("t")).as("nothing was written").contains(saved);
            assertThat(store.get("new")).isEmpty();
            assertThat(store.count(ThreadQuery.all())).isEqualTo(1);

            store.close();
            assertThatThrownBy(() -> restore.restore(saved, true)).as("after close")
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
