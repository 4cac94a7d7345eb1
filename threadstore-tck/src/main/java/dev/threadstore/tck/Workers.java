package dev.threadstore.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Worker threads for the concurrency contracts: they start together behind a latch, so they really
 * contend, and every wait is bounded, so a deadlocked backend fails the test instead of hanging the build.
 */
final class Workers {

    /** How long a multi-threaded test waits for its workers before it fails. */
    static final long TIMEOUT_SECONDS = 120;

    private Workers() {
    }

    /** A unit of work for one worker thread, given its number (from 0). */
    @FunctionalInterface
    interface Work {
        @Nullable Object run(int worker) throws Exception;
    }

    /**
     * Runs the work on {@code workers} threads that start together, waits for all of them and rethrows
     * the first failure (an assertion error in a worker fails the test).
     *
     * @return each worker's result, by worker number
     */
    static List<@Nullable Object> run(int workers, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CountDownLatch ready = new CountDownLatch(workers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<@Nullable Object>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                Callable<@Nullable Object> task = () -> {
                    ready.countDown();
                    if (!go.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the workers never started");
                    }
                    return work.run(worker);
                };
                futures.add(pool.submit(task));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("not all " + workers + " workers started within " + TIMEOUT_SECONDS + " s");
            }
            go.countDown();
            List<@Nullable Object> results = new ArrayList<>();
            for (int w = 0; w < futures.size(); w++) {
                try {
                    results.add(futures.get(w).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception) {
                        throw (Exception) cause;
                    }
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw e;
                } catch (TimeoutException e) {
                    throw new AssertionError("worker " + w + " did not finish within " + TIMEOUT_SECONDS
                            + " s: is the store deadlocked?", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
