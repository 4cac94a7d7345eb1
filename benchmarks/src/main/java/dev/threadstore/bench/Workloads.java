package dev.threadstore.bench;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs every workload on one backend and hands each measured cell to a sink. The contenders share the
 * backend's database: threadstore through its API, the JDBC floor and Spring AI through its pool.
 */
final class Workloads {

    private final BenchOptions options;
    private final Sizes sizes;
    private final Consumer<Result> sink;
    private final PrintStream log;

    Workloads(BenchOptions options, Sizes sizes, Consumer<Result> sink, PrintStream log) {
        this.options = Objects.requireNonNull(options, "options");
        this.sizes = Objects.requireNonNull(sizes, "sizes");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.log = Objects.requireNonNull(log, "log");
    }

    void run(BenchBackend backend) throws Exception {
        String name = backend.name();
        ThreadStore store = backend.store();
        Contender viaSave = new ThreadstoreContender(store, false);
        Contender viaAppend = new ThreadstoreContender(store, true);
        List<Contender> peers = new ArrayList<>();
        JdbcFloor floor = null;
        if (backend.kind() != null) {
            floor = new JdbcFloor(store, backend.dataSource(), backend.kind());
            peers.add(floor);
            peers.add(new SpringAiContender(backend.dataSource(), backend.kind()));
        }
        List<Contender> userPath = new ArrayList<>();
        userPath.add(viaSave);
        userPath.addAll(peers);

        if (options.runs(name, "append")) {
            for (int n : sizes.appendLengths()) {
                for (Contender c : userPath) {
                    append("append", name, n, c);
                }
            }
        }
        if (options.runs(name, "append-api")) {
            for (int n : sizes.appendLengths()) {
                append("append-api", name, n, viaAppend);
            }
        }
        if (options.runs(name, "conversation")) {
            for (Contender c : userPath) {
                conversation(name, c);
            }
        }
        if (options.runs(name, "get")) {
            // threadstore's row: a store that did not write the thread reads it, so it decodes every row, as the
            // floor and Spring AI do; get-own: the store that wrote it reads it
            try (ThreadStore other = backend.kind() == null ? null
                    : ThreadStore.create(backend.url(), backend.settings())) {
                List<Contender> readers = new ArrayList<>();
                readers.add(other == null ? viaSave : new ThreadstoreContender(store, false, other));
                readers.addAll(peers);
                get(name, readers);
                if (other != null) {
                    get("get-own", name, viaSave);
                }
            }
        }
        if (options.runs(name, "concurrent-append")) {
            concurrentAppend(name, viaAppend);
            if (floor != null) {
                concurrentAppend(name, floor);
            }
        }
        if (options.runs(name, MultiJvmAppend.WORKLOAD) && backend.kind() != null) {
            concurrentAppend(name, viaAppend, MultiJvmAppend.JVMS); // the same writer count in one JVM, beside it
            progress(MultiJvmAppend.WORKLOAD, Result.THREADSTORE, name, MultiJvmAppend.JVMS);
            emit(MultiJvmAppend.run(backend, sizes.concurrentAppends()));
        }
        if (options.runs(name, ColdOpen.WORKLOAD) && backend.kind() != null) {
            progress(ColdOpen.WORKLOAD, Result.THREADSTORE, name, 1);
            ColdOpen.run(backend, options.quick() ? 5 : 15).forEach(this::emit);
        }
        if (options.runs(name, "find-attributes") || options.runs(name, "find-source")
                || options.runs(name, "list-recent")) {
            queries(backend);
        }
        if (options.runs(name, ChatMemoryWorkloads.WORKLOAD)) {
            new ChatMemoryWorkloads(sizes, sink, log).run(backend);
        }
        new ConversationWorkloads(options, sizes, sink, log).run(backend);
    }

    private void append(String workload, String backend, int n, Contender contender) throws Exception {
        progress(workload, contender.store(), backend, n);
        Contender.Conversation c = contender.start(n);
        Stats stats = Harness.measure(sizes.operation(), c::add, c::undoAdd);
        c.delete();
        emit(Result.of(workload, contender.store(), backend, n, stats));
    }

    private void conversation(String backend, Contender contender) throws Exception {
        int n = sizes.conversationLength();
        progress("conversation", contender.store(), backend, n);
        Contender.Conversation[] current = new Contender.Conversation[1];
        Stats stats = Harness.measure(sizes.conversation(),
                () -> current[0] = contender.start(0),
                () -> {
                    for (int i = 0; i < n; i++) {
                        current[0].add();
                    }
                },
                () -> current[0].delete());
        // a sample is a whole conversation: report messages stored per second
        emit(Result.of("conversation", contender.store(), backend, n,
                stats.withOpsPerSec(n * 1e6 / stats.p50Micros())));
    }

    /** The {@code get} cell of every contender, measured side by side ({@link Harness#measureTogether}). */
    private void get(String backend, List<Contender> contenders) throws Exception {
        int n = sizes.getLength();
        List<Contender.Conversation> conversations = new ArrayList<>();
        List<Harness.Step> reads = new ArrayList<>();
        try {
            for (Contender contender : contenders) {
                progress("get", contender.store(), backend, n);
                Contender.Conversation c = contender.start(n);
                conversations.add(c);
                reads.add(c::read);
            }
            List<Stats> stats = Harness.measureTogether(sizes.operation(), reads);
            for (int i = 0; i < contenders.size(); i++) {
                emit(Result.of("get", contenders.get(i).store(), backend, n, stats.get(i)));
            }
        } finally {
            for (Contender.Conversation c : conversations) {
                c.delete();
            }
        }
    }

    private void get(String workload, String backend, Contender contender) throws Exception {
        int n = sizes.getLength();
        progress(workload, contender.store(), backend, n);
        Contender.Conversation c = contender.start(n);
        Stats stats = Harness.measure(sizes.operation(), c::read);
        c.delete();
        emit(Result.of(workload, contender.store(), backend, n, stats));
    }

    /** Each writer appends to a thread of its own, all at once; throughput over the wall time. */
    private void concurrentAppend(String backend, Contender contender) throws Exception {
        concurrentAppend(backend, contender, sizes.writers());
    }

    private void concurrentAppend(String backend, Contender contender, int writers) throws Exception {
        int appends = sizes.concurrentAppends();
        progress("concurrent-append", contender.store(), backend, writers);
        List<Contender.Conversation> conversations = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            conversations.add(contender.start(10));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            runWriters(pool, conversations, Math.max(1, appends / 5), new long[writers][appends / 5 + 1]);
            long[][] samples = new long[writers][appends];
            long wall = runWriters(pool, conversations, appends, samples);
            long[] all = new long[writers * appends];
            for (int w = 0; w < writers; w++) {
                System.arraycopy(samples[w], 0, all, w * appends, appends);
            }
            Stats stats = Stats.of(all, all.length, 1);
            emit(Result.of("concurrent-append", contender.store(), backend, writers,
                    stats.withOpsPerSec(all.length * 1e9 / wall)));
        } finally {
            pool.shutdownNow();
            for (Contender.Conversation c : conversations) {
                c.delete();
            }
        }
    }

    private static long runWriters(ExecutorService pool, List<Contender.Conversation> conversations, int appends,
                                   long[][] samples) throws Exception {
        CountDownLatch ready = new CountDownLatch(conversations.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < conversations.size(); w++) {
            Contender.Conversation c = conversations.get(w);
            long[] mine = samples[w];
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                for (int i = 0; i < appends; i++) {
                    long start = System.nanoTime();
                    c.add();
                    mine[i] = System.nanoTime() - start;
                }
                return null;
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        return System.nanoTime() - start;
    }

    /**
     * Fills the store with threads (two messages, attributes, a Slack source each) up to every population
     * size in turn, and at each size times one-match attribute and source queries and {@code listRecent(20)}.
     */
    private void queries(BenchBackend backend) throws Exception {
        String name = backend.name();
        ThreadStore store = backend.store();
        int filled = 0;
        SplittableRandom random = new SplittableRandom(42);
        for (int n : sizes.populations()) {
            long start = System.nanoTime();
            populate(store, filled, n, backend.kind() == SqlKind.SQLITE ? 1 : sizes.setupThreads());
            if (backend.kind() == SqlKind.POSTGRESQL) {
                settle(backend);
            }
            log.printf("  (filled %s to %,d threads in %.1f s)%n", name, n, (System.nanoTime() - start) / 1e9);
            filled = n;
            int population = n;
            if (options.runs(name, "find-attributes")) {
                progress("find-attributes", Result.THREADSTORE, name, n);
                Stats stats = Harness.measure(sizes.operation(), () -> {
                    int k = random.nextInt(population);
                    expectOne(store.findByAttributes(Map.of("tenant", "tenant-" + k)), "findByAttributes", k);
                });
                emit(Result.of("find-attributes", Result.THREADSTORE, name, n, stats));
            }
            if (options.runs(name, "find-source")) {
                progress("find-source", Result.THREADSTORE, name, n);
                Stats stats = Harness.measure(sizes.operation(), () -> {
                    int k = random.nextInt(population);
                    expectOne(store.findBySource("slack", Map.of("channel", "C" + k)), "findBySource", k);
                });
                emit(Result.of("find-source", Result.THREADSTORE, name, n, stats));
            }
            if (options.runs(name, "list-recent")) {
                progress("list-recent", Result.THREADSTORE, name, n);
                Stats stats = Harness.measure(sizes.operation(), () -> {
                    if (store.listRecent(20).size() != 20) {
                        throw new IllegalStateException("listRecent(20) did not return 20 threads");
                    }
                });
                emit(Result.of("list-recent", Result.THREADSTORE, name, n, stats));
            }
        }
    }

    /**
     * Brings PostgreSQL to the state autovacuum reaches within a minute of a bulk load: planner statistics
     * for the new rows (without them the planner scans) and the GIN indexes' pending lists merged (until
     * then every containment query reads the whole unsorted pending list). See docs/performance.md.
     */
    static void settle(BenchBackend backend) throws SQLException {
        try (Connection c = backend.dataSource().getConnection(); Statement s = c.createStatement()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            s.execute("VACUUM (ANALYZE) threads");
            c.setAutoCommit(autoCommit);
        }
    }

    private static void expectOne(List<ChatThread> found, String query, int k) {
        if (found.size() != 1) {
            throw new IllegalStateException(query + " for thread " + k + " found " + found.size() + " threads, not 1");
        }
    }

    private static void populate(ThreadStore store, int from, int to, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = from + t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < to; i += threads) {
                        store.save(ChatThread.create("Ticket " + i)
                                .withAttributes(Map.of("tenant", "tenant-" + i, "priority", (long) (i % 3),
                                        "benchmark", "population"))
                                .withSource(new ThreadSource("slack", Map.of("channel", "C" + i, "team", "T1")))
                                .withMessage(Message.user(Texts.text(0)))
                                .withMessage(Message.assistant(Texts.text(1))));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void progress(String workload, String store, String backend, int n) {
        log.printf("  %-18s %-11s %-10s n=%d%n", workload, store, backend, n);
    }

    private void emit(Result r) {
        sink.accept(r);
    }
}
