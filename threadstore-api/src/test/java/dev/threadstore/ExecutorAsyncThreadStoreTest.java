package dev.threadstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The async view checks and copies its arguments at the call, and its default executor is bounded. */
class ExecutorAsyncThreadStoreTest {

    /** Tasks held until {@link #runAll()}: the caller gets to change its arguments before the call runs. */
    private static final class HeldTasks implements Executor {
        private final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            tasks.forEach(Runnable::run);
            tasks.clear();
        }
    }

    /** A store that records the arguments it sees, as they are when the call runs. */
    private static ThreadStore recordingStore(Map<String, Object> seen) {
        return (ThreadStore) Proxy.newProxyInstance(ThreadStore.class.getClassLoader(), new Class<?>[] {ThreadStore.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "append":
                            seen.put("append", List.copyOf((List<?>) args[1]));
                            return List.of();
                        case "findByAttributes":
                            seen.put("findByAttributes", new HashMap<>((Map<?, ?>) args[0]));
                            return List.of();
                        case "findBySource":
                            seen.put("findBySource", new HashMap<>((Map<?, ?>) args[1]));
                            return List.of();
                        case "get":
                            return Optional.empty();
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void appendUsesTheMessagesAsTheyWereAtTheCall() {
        Map<String, Object> seen = new HashMap<>();
        HeldTasks tasks = new HeldTasks();
        AsyncThreadStore async = new ExecutorAsyncThreadStore(recordingStore(seen), tasks);
        List<Message> messages = new ArrayList<>(List.of(Message.user("one"), Message.user("two")));

        async.append("t", messages);
        messages.clear();
        tasks.runAll();

        assertThat((List<?>) seen.get("append")).hasSize(2);
    }

    @Test
    void queriesUseTheMapsAsTheyWereAtTheCall() {
        Map<String, Object> seen = new HashMap<>();
        HeldTasks tasks = new HeldTasks();
        AsyncThreadStore async = new ExecutorAsyncThreadStore(recordingStore(seen), tasks);
        Map<String, Object> attributes = new HashMap<>(Map.of("k", 1));
        Map<String, Object> properties = new HashMap<>(Map.of("channel", "C1"));

        async.findByAttributes(attributes);
        async.findBySource("slack", properties);
        attributes.clear();
        properties.put("channel", "other");
        tasks.runAll();

        assertThat(seen.get("findByAttributes")).isEqualTo(Map.of("k", 1L));
        assertThat(seen.get("findBySource")).isEqualTo(Map.of("channel", "C1"));
    }

    @Test
    void invalidArgumentsFailAtTheCallNotInTheFuture() {
        HeldTasks tasks = new HeldTasks();
        AsyncThreadStore async = new ExecutorAsyncThreadStore(recordingStore(new HashMap<>()), tasks);
        Message m = Message.user("x");

        assertThatThrownBy(() -> async.append("t", Arrays.asList(m, null))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> async.append("t", List.of(m, m))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.append("t", List.of(m.withAttachment(new byte[] {1}, "a.bin"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.append(null, List.of(m))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("threadId");
        assertThatThrownBy(() -> async.get("\uD800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.list(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.listRecent(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.findByAttributes(Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.findBySource("slack", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("properties");
        assertThat(tasks.tasks).as("nothing was scheduled").isEmpty();
    }

    @Test
    void invalidArgumentsOfTheConversationMethodsFailAtTheCall() {
        HeldTasks tasks = new HeldTasks();
        AsyncThreadStore async = new ExecutorAsyncThreadStore(recordingStore(new HashMap<>()), tasks);

        assertThatThrownBy(() -> async.get("t", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("window");
        assertThatThrownBy(() -> async.get("\uD800", MessageWindow.last(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.fork("t", -1, "u")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("throughSequence");
        assertThatThrownBy(() -> async.fork("t", 0, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newThreadId");
        assertThatThrownBy(() -> async.fork(null, 0, "u")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> async.deleteExpired(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxThreads");
        assertThatThrownBy(() -> async.deleteExpired(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("fileStore");
        assertThatThrownBy(() -> async.summaries(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> async.threads(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> async.count(null)).isInstanceOf(NullPointerException.class);
        assertThat(tasks.tasks).as("nothing was scheduled").isEmpty();
    }

    @Test
    void theDefaultExecutorRunsOnABoundedPoolOfNamedDaemonThreads() throws Exception {
        Executor executor = ExecutorAsyncThreadStore.defaultExecutor();
        int bound = ExecutorAsyncThreadStore.DEFAULT_THREADS;
        int tasks = 3 * bound;
        CountDownLatch allThreadsBusy = new CountDownLatch(bound);
        CountDownLatch done = new CountDownLatch(tasks);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger waitedInVain = new AtomicInteger();
        for (int i = 0; i < tasks; i++) {
            executor.execute(() -> {
                threads.add(Thread.currentThread());
                allThreadsBusy.countDown();
                try {
                    // An unbounded pool would start a thread per task; a bounded one fills up, then reuses them.
                    if (!allThreadsBusy.await(60, TimeUnit.SECONDS)) {
                        waitedInVain.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(120, TimeUnit.SECONDS)).as("every task ran").isTrue();

        assertThat(waitedInVain).as("the pool had room for %d tasks at once", bound).hasValue(0);
        assertThat(threads).as("threads used for %d simultaneous blocking tasks", tasks).hasSizeLessThanOrEqualTo(bound);
        assertThat(threads).allSatisfy(t -> {
            assertThat(t.getName()).matches("threadstore-async-\\d+");
            assertThat(t.isDaemon()).as("%s is a daemon", t.getName()).isTrue();
        });
        assertThat(bound).isBetween(16, Math.max(16, 2 * Runtime.getRuntime().availableProcessors()));
    }
}
