package dev.threadstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The backend agrees with the reference backend ({@link StoreFixture#referenceStore()}, {@code memory} by
 * default) on seeded random sequences of saves (new threads, edits, stale copies, version-0 saves of taken
 * ids), appends (new messages, retries, conflicting re-appends, unknown threads), deletes and every query
 * ({@code get}, {@code findByAttributes} with up to a thousand keys, {@code findBySource},
 * {@code getThreadByMessageId}, {@code list}, {@code listRecent}), with adversarial values: instants from
 * 0001 to 9999, {@code -0.0}, values of different types that print alike, ids beyond the BMP and up to 255
 * characters long. After each operation both stores must have returned the same value, or thrown the same
 * type of exception; the first difference fails the test with its seed and the operations that led to it.
 *
 * <p>{@code updatedAt} is the one field compared loosely: each store stamps its own clock, so threads are
 * compared with it blanked, and the test waits for the clock to tick between writes, so both stores see the
 * same order of updates. Set the system property {@value GeneratedEditContract#SEED_PROPERTY} to replay a seed.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface DifferentialContract extends StoreFixture {

    /** Random runs per test, each with its own seed and a fresh pair of stores. */
    int RUNS = 3;

    /** Operations per run. */
    int OPERATIONS = 150;

    @Test
    default void randomOperationsAgreeWithTheReferenceBackend() {
        long base = GeneratedEditContract.baseSeed() + 1_000;
        for (int run = 0; run < RUNS; run++) {
            long seed = base + run;
            List<String> log = new ArrayList<>();
            ThreadStore reference = referenceStore(); // skips the test, with the reason, when there is none
            try (reference; ThreadStore store = newStore()) {
                new DifferentialRun(new RandomThreads(seed), reference, store, log).run(OPERATIONS);
            } catch (AssertionError | RuntimeException e) {
                int from = Math.max(0, log.size() - 8);
                throw new AssertionError("differential test failed with seed " + seed + " (replay with -D"
                        + GeneratedEditContract.SEED_PROPERTY + "=" + (seed - 1_000) + ") at operation " + log.size()
                        + "; the last operations:\n  " + String.join("\n  ", log.subList(from, log.size())) + "\n" + e, e);
            }
        }
    }
}
