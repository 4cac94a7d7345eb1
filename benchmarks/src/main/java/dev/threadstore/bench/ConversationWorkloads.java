package dev.threadstore.bench;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The conversation API's workloads (DESIGN section 10), at 1,000 and 100,000 threads whatever the mode, since the
 * claim is that their cost does not follow the number of threads:
 * <ul>
 *   <li>{@code summaries}: the first page of 20 summaries, and ({@code summaries-filtered}) the first page of 20
 *       with an attribute filter that a third of the threads match ({@code priority = 1}).</li>
 *   <li>{@code page-walk}: at 100,000 threads, the 1st page of 20 (n = 1) against the 50th (n = 50), reached
 *       through its cursor: keyset paging must cost the same wherever the page is (target: within 1.5x).</li>
 *   <li>{@code get-window}: {@code get(id, MessageWindow.last(20))} on a thread of 100 and of 100,000 messages
 *       (target: within 1.5x).</li>
 * </ul>
 * The store is topped up to each size with threads holding attributes ({@code tenant}, {@code priority}) and a Slack
 * source: on the memory backend through {@code save} (two messages each), on the SQL backends by batched inserts of
 * thread rows in one transaction (no messages; the triggers and indexes see ordinary rows), since 100,000 saves
 * would take far longer than the measurement. Threads other workloads left count, and a row's n is the number of
 * threads the store held.
 */
final class ConversationWorkloads {

    static final List<String> WORKLOADS = List.of("summaries", "page-walk", "get-window");
    static final List<Integer> POPULATIONS = List.of(1_000, 100_000);
    static final List<Integer> WINDOW_THREAD_LENGTHS = List.of(100, 100_000);
    static final int PAGE = 20;
    static final int FAR_PAGE = 50;

    private final BenchOptions options;
    private final Sizes sizes;
    private final Consumer<Result> sink;
    private final PrintStream log;

    ConversationWorkloads(BenchOptions options, Sizes sizes, Consumer<Result> sink, PrintStream log) {
        this.options = Objects.requireNonNull(options, "options");
        this.sizes = Objects.requireNonNull(sizes, "sizes");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.log = Objects.requireNonNull(log, "log");
    }

    void run(BenchBackend backend) throws Exception {
        String name = backend.name();
        ThreadStore store = backend.store();
        if (options.runs(name, "summaries") || options.runs(name, "page-walk")) {
            for (int target : POPULATIONS) {
                topUp(backend, target);
                int n = (int) store.count(ThreadQuery.all()); // more than the target if other workloads filled it
                if (options.runs(name, "summaries")) {
                    summaries(name, store, n);
                }
                if (options.runs(name, "page-walk") && target == POPULATIONS.get(POPULATIONS.size() - 1)) {
                    pageWalk(name, store, n);
                }
            }
        }
        if (options.runs(name, "get-window")) {
            for (int length : WINDOW_THREAD_LENGTHS) {
                getWindow(name, store, length);
            }
        }
    }

    private void summaries(String backend, ThreadStore store, int n) throws Exception {
        ThreadQuery all = ThreadQuery.all().limit(PAGE);
        progress("summaries", backend, n);
        sink.accept(Result.of("summaries", Result.THREADSTORE, backend, n,
                Harness.measure(sizes.operation(), () -> expectFullPage(store.summaries(all), "summaries"))));
        ThreadQuery filtered = all.attributes(Map.of("priority", 1L));
        progress("summaries-filtered", backend, n);
        sink.accept(Result.of("summaries-filtered", Result.THREADSTORE, backend, n,
                Harness.measure(sizes.operation(), () -> expectFullPage(store.summaries(filtered), "filtered"))));
    }

    private void pageWalk(String backend, ThreadStore store, int n) throws Exception {
        ThreadQuery query = ThreadQuery.all().limit(PAGE);
        Page<ThreadSummary> page = store.summaries(query);
        for (int p = 2; p < FAR_PAGE; p++) {
            page = store.summaries(query.after(page.nextCursor()));
        }
        ThreadQuery far = query.after(page.nextCursor());
        progress("page-walk", backend, 1);
        sink.accept(Result.of("page-walk", Result.THREADSTORE, backend, 1,
                Harness.measure(sizes.operation(), () -> expectFullPage(store.summaries(query), "page 1"))));
        progress("page-walk", backend, FAR_PAGE);
        sink.accept(Result.of("page-walk", Result.THREADSTORE, backend, FAR_PAGE,
                Harness.measure(sizes.operation(), () -> expectFullPage(store.summaries(far), "page " + FAR_PAGE))));
    }

    private void getWindow(String backend, ThreadStore store, int length) throws Exception {
        List<Message> messages = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            messages.add((i % 2 == 0 ? Message.user(Texts.text(i)) : Message.assistant(Texts.text(i))).withSequence(i + 1));
        }
        ChatThread thread = store.save(ChatThread.create("window " + length).toBuilder().messages(messages).build());
        progress("get-window", backend, length);
        MessageWindow last = MessageWindow.last(PAGE);
        Stats stats = Harness.measure(sizes.operation(), () -> {
            if (store.get(thread.id(), last).orElseThrow().messages().size() != PAGE) {
                throw new IllegalStateException("last(" + PAGE + ") did not return " + PAGE + " messages");
            }
        });
        store.delete(thread.id());
        sink.accept(Result.of("get-window", Result.THREADSTORE, backend, length, stats));
    }

    /** Saves threads until the store holds {@code n}, on several writers where the database takes them. */
    private void topUp(BenchBackend backend, int n) throws Exception {
        ThreadStore store = backend.store();
        long have = store.count(ThreadQuery.all());
        if (have >= n) {
            return;
        }
        long start = System.nanoTime();
        if (backend.kind() != null) {
            insertRows(backend, (int) have, n);
            if (backend.kind() == SqlKind.POSTGRESQL) {
                Workloads.settle(backend);
            }
            log.printf("  (inserted %s thread rows up to %,d in %.1f s)%n", backend.name(), n,
                    (System.nanoTime() - start) / 1e9);
            return;
        }
        int writers = sizes.setupThreads();
        int from = (int) have;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = from + w;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < n; i += writers) {
                        store.save(ChatThread.create("Conversation " + i)
                                .withAttributes(Map.of("tenant", "tenant-" + i, "priority", (long) (i % 3)))
                                .withSource(new ThreadSource("slack", Map.of("channel", "C" + i)))
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
        log.printf("  (topped %s up to %,d threads in %.1f s)%n", backend.name(), n, (System.nanoTime() - start) / 1e9);
    }

    /** Inserts thread rows {@code from} to {@code to} in one transaction, in batches, each updated a millisecond apart. */
    private static void insertRows(BenchBackend backend, int from, int to) throws SQLException {
        boolean pg = backend.kind() == SqlKind.POSTGRESQL;
        String sql = pg
                ? "INSERT INTO threads (id, title, attributes, attributes_text, source_name, source, source_text,"
                        + " created_at, updated_at, version) VALUES (?, ?, CAST(? AS jsonb), ?, 'slack',"
                        + " CAST(? AS jsonb), ?, ?, ?, 1)"
                : "INSERT INTO threads (id, title, attributes, source_name, source, created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, 'slack', ?, ?, ?, 1)";
        Instant base = Instant.now().minus(to, ChronoUnit.MILLIS).truncatedTo(ChronoUnit.MICROS);
        try (Connection c = backend.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = from; i < to; i++) {
                    String attributes = "{\"tenant\": \"tenant-" + i + "\", \"priority\": " + (i % 3) + "}";
                    String source = "{\"channel\": \"C" + i + "\"}";
                    Instant at = base.plus(i, ChronoUnit.MILLIS);
                    int k = 1;
                    ps.setString(k++, "bulk-" + i);
                    ps.setString(k++, "Conversation " + i);
                    ps.setString(k++, attributes);
                    if (pg) {
                        ps.setString(k++, attributes);
                    }
                    ps.setString(k++, source);
                    if (pg) {
                        ps.setString(k++, source);
                        ps.setObject(k++, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                        ps.setObject(k, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    } else {
                        ps.setLong(k++, SqliteTime.micros(at));
                        ps.setLong(k, SqliteTime.micros(at));
                    }
                    ps.addBatch();
                    if ((i - from) % 1_000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void expectFullPage(Page<?> page, String what) {
        if (page.items().size() != PAGE) {
            throw new IllegalStateException(what + " returned " + page.items().size() + " items, not " + PAGE);
        }
    }

    private void progress(String workload, String backend, int n) {
        log.printf("  %-18s %-11s %-10s n=%d%n", workload, Result.THREADSTORE, backend, n);
    }
}
