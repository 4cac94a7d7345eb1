package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.sequences;
import static dev.threadstore.tck.Samples.thread;
import static dev.threadstore.tck.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency and thread safety: a stale copy never overwrites a newer thread, a conflict
 * writes nothing and says how to recover, and appenders and savers on several threads lose nothing.
 *
 * <p>The multi-threaded tests start their workers together behind a {@link CountDownLatch}, wait for
 * them with generous timeouts (a deadlock fails the test instead of hanging the build) and assert only
 * outcomes, never durations.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface ConcurrencyContract extends StoreFixture {

    @Test
    default void savingAStaleCopyThrowsAndWritesNothing() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("stale", user("a", "a")));
            ChatThread v2 = store.save(v1.withTitle("newer"));

            ChatThread staleEdit = v1.withTitle("lost update").withMessage(Message.user("lost"));
            assertThatThrownBy(() -> store.save(staleEdit)).isInstanceOf(ConcurrentUpdateException.class);

            assertThat(store.get("stale")).as("the stored thread is untouched by the failed save").contains(v2);
        }
    }

    @Test
    default void aVersionConflictNamesTheThread() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("conflict-msg", "c"));
            store.save(v1.withTitle("newer"));

            ConcurrentUpdateException e = catchThrowableOfType(ConcurrentUpdateException.class, () -> store.save(v1));

            assertThat(e).as("save of a stale copy").isNotNull();
            assertThat(e.threadId()).isEqualTo("conflict-msg");
            assertThat(e.getMessage()).as("the message names the thread").contains("conflict-msg");
        }
    }

    @Test
    default void insertingAnIdThatExistsThrowsAndWritesNothing() {
        try (ThreadStore store = newStore()) {
            ChatThread original = store.save(thread("dup", user("a", "original")));

            ChatThread second = thread("dup", user("b", "impostor"));
            assertThatThrownBy(() -> store.save(second)).as("a version-0 save of an existing id")
                    .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("dup");

            assertThat(store.get("dup")).contains(original);
            assertThat(store.getThreadByMessageId("b")).isEmpty();
        }
    }

    @Test
    default void updatingADeletedThreadThrowsAndDoesNotRecreateIt() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("deleted", user("a", "a")));
            store.delete("deleted");

            assertThatThrownBy(() -> store.save(v1.withTitle("zombie"))).isInstanceOf(ConcurrentUpdateException.class);

            assertThat(store.get("deleted")).as("a failed update must not recreate the thread").isEmpty();
            assertThat(store.getThreadByMessageId("a")).isEmpty();
        }
    }

    @Test
    default void updatingAThreadThatNeverExistedThrows() {
        try (ThreadStore store = newStore()) {
            ChatThread phantom = thread("phantom", "p").toBuilder().version(5).build();

            assertThatThrownBy(() -> store.save(phantom)).isInstanceOf(ConcurrentUpdateException.class);
            assertThat(store.get("phantom")).isEmpty();
        }
    }

    @Test
    default void aCopyWhoseVersionIsAheadOfTheStoredOneIsRejected() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("ahead", user("a", "a")));
            ChatThread v2 = store.save(v1.withTitle("two"));

            for (long version : List.of(v2.version() + 1, v2.version() + 10, Long.MAX_VALUE)) {
                ChatThread ahead = v2.toBuilder().title("from the future").version(version).build();
                assertThatThrownBy(() -> store.save(ahead)).as("a save with version %s when %s is stored", version, v2.version())
                        .isInstanceOf(ConcurrentUpdateException.class);
            }

            assertThat(store.get("ahead")).as("nothing written").contains(v2);
            assertThat(store.save(v2.withTitle("three")).version()).isEqualTo(3);
        }
    }

    @Test
    default void continuingFromTheReturnedThreadNeverConflicts() {
        try (ThreadStore store = newStore()) {
            ChatThread t = store.save(thread("chain", "c"));
            for (int i = 0; i < 10; i++) {
                t = store.save(t.withMessage(Message.user("turn " + i)));
            }

            assertThat(t.version()).isEqualTo(11);
            assertThat(store.get("chain").orElseThrow().messages()).hasSize(10);
        }
    }

    @Test
    default void anAppendMakesEarlierCopiesStale() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("app-stale", "a"));
            store.append("app-stale", List.of(Message.user("appended")));

            assertThatThrownBy(() -> store.save(v1.withTitle("overwrites the append?")))
                    .isInstanceOf(ConcurrentUpdateException.class);
            assertThat(store.get("app-stale").orElseThrow().messages()).extracting(Message::content)
                    .containsExactly("appended");
        }
    }

    @Test
    default void concurrentAppendersLoseNothingAndSequencesAreContiguous() throws Exception {
        int threads = 8;
        int perThread = 50;
        try (ThreadStore store = newStore()) {
            store.save(thread("hot", "hot"));

            Workers.run(threads, worker -> {
                for (int i = 0; i < perThread; i++) {
                    store.append("hot", List.of(user("w" + worker + "-" + i, "worker " + worker + " #" + i)));
                }
                return null;
            });

            ChatThread result = store.get("hot").orElseThrow();
            assertThat(result.messages()).as("every appended message is stored").hasSize(threads * perThread);
            assertThat(sequences(result.messages())).as("sequences are exactly 1..400: no gap, no duplicate")
                    .isEqualTo(IntStream.rangeClosed(1, threads * perThread).boxed().collect(Collectors.toList()));
            assertThat(result.version()).as("one version per non-empty append").isEqualTo(1 + threads * perThread);
            for (int w = 0; w < threads; w++) {
                String prefix = "w" + w + "-";
                List<String> own = result.messages().stream().map(Message::id).filter(id -> id.startsWith(prefix))
                        .collect(Collectors.toList());
                assertThat(own).as("worker %s's messages keep the order it appended them in", w)
                        .isEqualTo(IntStream.range(0, perThread).mapToObj(i -> prefix + i).collect(Collectors.toList()));
            }
        }
    }

    @Test
    default void concurrentBatchAppendsGetConsecutiveSequencesPerBatch() throws Exception {
        int threads = 4;
        int batches = 10;
        int batchSize = 5;
        try (ThreadStore store = newStore()) {
            store.save(thread("batches", user("first", "first")));

            Workers.run(threads, worker -> {
                for (int b = 0; b < batches; b++) {
                    List<Message> stored = store.append("batches", Samples.userMessages("w" + worker + "b" + b, batchSize));
                    List<Integer> seqs = sequences(stored);
                    for (int i = 1; i < seqs.size(); i++) {
                        assertThat(seqs.get(i)).as("one append call's messages are consecutive").isEqualTo(seqs.get(i - 1) + 1);
                    }
                }
                return null;
            });

            ChatThread result = store.get("batches").orElseThrow();
            int total = 1 + threads * batches * batchSize;
            assertThat(sequences(result.messages())).isEqualTo(
                    IntStream.rangeClosed(1, total).boxed().collect(Collectors.toList()));
        }
    }

    @Test
    default void concurrentSaversThatRetryOnConflictLoseNothing() throws Exception {
        int threads = 6;
        int perThread = 10;
        try (ThreadStore store = newStore()) {
            store.save(thread("savers", "s"));

            Workers.run(threads, worker -> {
                for (int i = 0; i < perThread; i++) {
                    Message m = user("s" + worker + "-" + i, "saver " + worker);
                    while (true) {
                        ChatThread current = store.get("savers").orElseThrow();
                        try {
                            store.save(current.withMessage(m));
                            break;
                        } catch (ConcurrentUpdateException conflict) {
                            // another saver won; re-read and re-apply, as the exception message says
                        }
                    }
                }
                return null;
            });

            ChatThread result = store.get("savers").orElseThrow();
            assertThat(result.messages()).as("every saver's messages survive").hasSize(threads * perThread);
            assertThat(result.version()).as("one version per successful save").isEqualTo(1 + threads * perThread);
            assertThat(sequences(result.messages())).isEqualTo(
                    IntStream.rangeClosed(1, threads * perThread).boxed().collect(Collectors.toList()));
        }
    }

    @Test
    default void concurrentInsertsOfOneNewIdLetExactlyOneWin() throws Exception {
        int threads = 8;
        try (ThreadStore store = newStore()) {
            List<@Nullable Object> outcomes = Workers.run(threads, worker -> {
                try {
                    return store.save(thread("race", user("m" + worker, "by " + worker)));
                } catch (ConcurrentUpdateException e) {
                    return e;
                }
            });

            List<ChatThread> winners = outcomes.stream().filter(o -> o instanceof ChatThread).map(o -> (ChatThread) o)
                    .collect(Collectors.toList());
            assertThat(winners).as("exactly one version-0 save of the same id succeeds").hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ConcurrentUpdateException).hasSize(threads - 1);
            assertThat(store.get("race")).contains(winners.get(0));
        }
    }

    @Test
    default void readersDuringAppendsAlwaysSeeAWholeThread() throws Exception {
        int appends = 200;
        try (ThreadStore store = newStore()) {
            store.save(thread("read-while-write", "r"));
            AtomicBoolean done = new AtomicBoolean();
            Map<String, Object> firstProblem = new HashMap<>();

            Workers.run(3, worker -> {
                if (worker == 0) {
                    try {
                        for (int i = 0; i < appends; i++) {
                            store.append("read-while-write", List.of(Message.user("m" + i)));
                        }
                    } finally {
                        done.set(true);
                    }
                } else {
                    while (!done.get()) {
                        ChatThread seen = store.get("read-while-write").orElseThrow();
                        List<Integer> seqs = sequences(seen.messages());
                        boolean whole = seqs.equals(IntStream.rangeClosed(1, seqs.size()).boxed().collect(Collectors.toList()))
                                && seen.version() == 1 + seqs.size();
                        if (!whole) {
                            synchronized (firstProblem) {
                                firstProblem.putIfAbsent("seen", "version " + seen.version() + ", sequences " + seqs);
                            }
                        }
                    }
                }
                return null;
            });

            assertThat(firstProblem).as("a get() during appends returned a half-written thread").isEmpty();
            assertThat(store.get("read-while-write").orElseThrow().messages()).hasSize(appends);
        }
    }
}
