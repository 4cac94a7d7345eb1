package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keyset paging at scale (issue 12): a walk over every page of 100,000 thread summaries while other writers insert,
 * update and delete threads visits every thread that existed, untouched, for the whole walk exactly once. (The TCK
 * runs the same walk over 2,000 threads on every build.)
 */
@Order(1)
@ExtendWith(ReliabilityReport.class)
class PageWalkTest {

    private static final int THREADS = 100_000;
    private static final int CHURN_EVERY = 10;
    private static final int PAGE = 100;
    private static final int WRITERS = 3;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWalkOverAHundredThousandThreadsWhileOthersWriteVisitsEachUntouchedThreadOnce(Backend backend,
                                                                                     Scenario scenario)
            throws Exception {
        scenario.describe(Area.CONCURRENCY, "walk every page of 100,000 summaries while 3 writers write",
                backend.label());
        scenario.tried("%,d threads (every %dth one churned), pages of %d followed by cursor while %d writers insert"
                + " new threads, update and delete the churned ones", THREADS, CHURN_EVERY, PAGE, WRITERS);
        try (Stores stores = new Stores(dir)) {
            ThreadStore store = stores.open(backend);
            List<String> churn = fill(store, backend);
            AtomicBoolean walking = new AtomicBoolean(true);
            AtomicInteger writes = new AtomicInteger();
            List<String> visited = new ArrayList<>(THREADS + 10_000);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                futures.add(pool.submit(() -> {
                    try {
                        ThreadQuery query = ThreadQuery.all().limit(PAGE);
                        Page<ThreadSummary> page = store.summaries(query);
                        page.items().forEach(s -> visited.add(s.id()));
                        while (page.hasNext()) {
                            page = store.summaries(query.after(page.nextCursor()));
                            page.items().forEach(s -> visited.add(s.id()));
                        }
                    } finally {
                        walking.set(false);
                    }
                    return null;
                }));
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    futures.add(pool.submit(() -> {
                        for (int n = 0; walking.get(); n++) {
                            write(store, churn, writer, n);
                            writes.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }

            Set<String> seen = new HashSet<>(visited);
            assertThat(visited).as("no thread visited twice").hasSize(seen.size());
            // Checked with HashSet.contains, not one AssertJ contains per id: AssertJ scans the whole collection on
            // each call, which over 90,000 ids and 100,000 seen takes hours.
            int untouched = 0;
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                if (i % CHURN_EVERY != 0) {
                    if (!seen.contains(id(i))) {
                        missed.add(id(i));
                    }
                    untouched++;
                }
            }
            assertThat(missed).as("untouched threads the walk did not visit").isEmpty();
            scenario.found("%,d pages' worth of ids, none twice, all %,d untouched threads among them, during %,d"
                    + " concurrent writes", visited.size(), untouched, writes.get());
        }
    }

    /** Saves the threads, several writers at once where the backend takes them; returns the churned ids. */
    private static List<String> fill(ThreadStore store, Backend backend) throws Exception {
        int writers = backend == Backend.SQLITE ? 1 : 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < THREADS; i += writers) {
                        store.save(ChatThread.builder().id(id(i)).title("t" + i)
                                .attributes(Map.of("n", (long) i)).messages(List.of(Message.user("m"))).build());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> churn = new ArrayList<>();
        for (int i = 0; i < THREADS; i += CHURN_EVERY) {
            churn.add(id(i));
        }
        return churn;
    }

    /** One write: a new thread, then an update or a delete of a churned one. */
    private static void write(ThreadStore store, List<String> churn, int writer, int n) {
        store.save(ChatThread.builder().id("new-" + writer + "-" + n).title("new").build());
        String target = churn.get((n * WRITERS + writer) * 7 % churn.size());
        if (n % 3 == 2) {
            store.delete(target);
            return;
        }
        Optional<ChatThread> current = store.get(target);
        if (current.isPresent()) {
            try {
                store.save(current.get().withTitle("touched " + n));
            } catch (ConcurrentUpdateException e) {
                // another writer updated it first: leave it
            }
        }
    }

    private static String id(int i) {
        return String.format("thread-%06d", i);
    }
}
