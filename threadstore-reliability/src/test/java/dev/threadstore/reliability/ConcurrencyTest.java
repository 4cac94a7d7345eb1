package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many writers on one thread: appenders on 8 threads, get-modify-save writers that retry on
 * {@link ConcurrentUpdateException}, and two JVMs appending to the same SQLite file or PostgreSQL schema.
 * Nothing may be lost or written twice, and sequences must be exactly 1..n.
 */
@Order(1)
@ExtendWith(ReliabilityReport.class)
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int APPENDS_PER_THREAD = 250;
    private static final int SAVES_PER_WRITER = 20;
    private static final int APPENDS_PER_JVM = 300;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void appendersOnEightThreadsGetConsecutiveSequences(Backend backend, Scenario scenario) throws Exception {
        scenario.describe(Area.CONCURRENCY, "8 threads x 250 appends to one thread", backend.label());
        scenario.tried("%d threads x %d single-message appends to one thread, started together, no retries", THREADS, APPENDS_PER_THREAD);
        try (Stores stores = new Stores(dir)) {
            ThreadStore store = stores.open(backend);
            ChatThread thread = store.save(ChatThread.create("contended"));
            CyclicBarrier start = new CyclicBarrier(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int writer = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                            List<Message> stored = store.append(thread.id(), List.of(Message.user("w" + writer + " m" + i)));
                            assertThat(stored).hasSize(1);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(240, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            ChatThread back = store.get(thread.id()).orElseThrow();
            int total = THREADS * APPENDS_PER_THREAD;
            assertThat(back.messages()).hasSize(total);
            assertThat(back.messages()).extracting(Message::sequence)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, total).boxed().collect(Collectors.toList()));
            assertThat(back.messages().stream().map(Message::content).collect(Collectors.toSet())).hasSize(total);
            for (int t = 0; t < THREADS; t++) {
                String prefix = "w" + t + " ";
                List<Integer> mine = back.messages().stream().filter(m -> m.content().startsWith(prefix))
                        .map(m -> Integer.parseInt(m.content().substring(prefix.length() + 1))).collect(Collectors.toList());
                assertThat(mine).as("writer %d's messages, in its own order", t)
                        .containsExactlyElementsOf(IntStream.range(0, APPENDS_PER_THREAD).boxed().collect(Collectors.toList()));
            }
            assertThat(back.version()).isEqualTo(1 + total);
            scenario.found("%,d messages, sequences exactly 1..%d, each writer's in its order, version %d", back.messages().size(),
                    total, back.version());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void getModifySaveWritersThatRetryLoseNothing(Backend backend, Scenario scenario) throws Exception {
        scenario.describe(Area.CONCURRENCY, "8 writers get-modify-save with retry on one thread", backend.label());
            scenario.tried("%d writers x %d saves, each get -> withMessage -> save, retried on ConcurrentUpdateException", THREADS, SAVES_PER_WRITER);
        try (Stores stores = new Stores(dir)) {
            ThreadStore store = stores.open(backend);
            ChatThread thread = store.save(ChatThread.create("optimistic"));
            CyclicBarrier start = new CyclicBarrier(THREADS);
            AtomicInteger conflicts = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int writer = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < SAVES_PER_WRITER; i++) {
                            Message m = Message.builder(Role.USER).id("w" + writer + "-" + i).content("w" + writer + " " + i).build();
                            while (true) {
                                ChatThread current = store.get(thread.id()).orElseThrow();
                                try {
                                    store.save(current.withMessage(m).withAttribute("last", "w" + writer));
                                    break;
                                } catch (ConcurrentUpdateException e) {
                                    conflicts.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(240, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            ChatThread back = store.get(thread.id()).orElseThrow();
            int total = THREADS * SAVES_PER_WRITER;
            Set<String> expected = new HashSet<>();
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < SAVES_PER_WRITER; i++) {
                    expected.add("w" + t + "-" + i);
                }
            }
            assertThat(back.messages()).extracting(Message::id).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(back.messages()).extracting(Message::sequence)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, total).boxed().collect(Collectors.toList()));
            assertThat(back.version()).isEqualTo(1 + total);
            scenario.found("all %d messages present once, sequences 1..%d, version %d; %,d conflicts retried", total, total,
                    back.version(), conflicts.get());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SQLITE", "POSTGRESQL"})
    void twoJvmsAppendingToOneStoreLoseNothing(Backend backend, Scenario scenario) throws Exception {
        scenario.describe(Area.CONCURRENCY, "Two JVMs appending to one thread", backend.label());
        try (Stores stores = new Stores(dir)) {
            String url = stores.newUrl(backend, Map.of());
            ThreadStore store = stores.track(ThreadStore.create(url));
            ChatThread thread = store.save(ChatThread.create("two processes"));
            long startAt = System.currentTimeMillis() + 4_000;
            List<ChildJvm> children = new ArrayList<>();
            int retries = 0;
            try {
                for (String worker : List.of("jvmA", "jvmB")) {
                    children.add(ChildJvm.start(AppendWorker.class, url, thread.id(), worker, String.valueOf(APPENDS_PER_JVM),
                            String.valueOf(startAt)));
                }
                for (ChildJvm child : children) {
                    assertThat(child.waitFor(240)).as("child exit code; output %s", child.lines()).isZero();
                    String done = child.lines().stream().filter(l -> l.startsWith("DONE ")).findFirst().orElseThrow();
                    retries += Integer.parseInt(done.substring(5));
                }
            } finally {
                for (ChildJvm child : children) {
                    child.close();
                }
            }
            ChatThread back = store.get(thread.id()).orElseThrow();
            int total = 2 * APPENDS_PER_JVM;
            assertThat(back.messages()).hasSize(total);
            assertThat(back.messages()).extracting(Message::sequence)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, total).boxed().collect(Collectors.toList()));
            for (String worker : List.of("jvmA", "jvmB")) {
                assertThat(back.messages().stream().filter(m -> m.id().startsWith(worker + "-")).map(Message::id))
                        .containsExactlyElementsOf(IntStream.range(0, APPENDS_PER_JVM).mapToObj(i -> worker + "-" + i)
                                .collect(Collectors.toList()));
            }
            scenario.tried("2 child JVMs x %d appends to one thread, same %s, started at the same instant; "
                    + "transient StoreUnavailableException retried (same message id, a no-op by contract)", APPENDS_PER_JVM,
                    backend == Backend.SQLITE ? "database file" : "schema");
            scenario.found("%d messages, sequences 1..%d, each JVM's in order; %d transient failures retried", total, total, retries);
        }
    }
}
