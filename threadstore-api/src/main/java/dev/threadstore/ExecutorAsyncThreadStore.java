package dev.threadstore;

import dev.threadstore.spi.Forks;
import dev.threadstore.spi.JsonValues;
import dev.threadstore.spi.Retention;
import dev.threadstore.spi.StoreWrites;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs each blocking call on an executor. Arguments are checked and copied on the caller's thread, as the
 * blocking methods check them: a null argument throws {@link NullPointerException} and an invalid one
 * {@link IllegalArgumentException} at the call, not inside a future, and the caller may change or clear
 * its lists and maps as soon as the call returns. What only the store can judge (a closed store, a
 * version conflict, a missing thread) completes the future exceptionally.
 */
final class ExecutorAsyncThreadStore implements AsyncThreadStore {

    /** Threads of the default executor: enough for blocking I/O on a few connection pools, never more. */
    static final int DEFAULT_THREADS = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());

    private final ThreadStore store;
    private final Executor executor;

    ExecutorAsyncThreadStore(ThreadStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    static Executor defaultExecutor() {
        return DefaultPool.EXECUTOR;
    }

    @Override
    public ThreadStore sync() {
        return store;
    }

    @Override
    public CompletableFuture<ChatThread> save(ChatThread thread) {
        Objects.requireNonNull(thread, "thread");
        return run(() -> store.save(thread));
    }

    @Override
    public CompletableFuture<ChatThread> save(ChatThread thread, FileStore fileStore) {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(fileStore, "fileStore");
        return run(() -> store.save(thread, fileStore));
    }

    @Override
    public CompletableFuture<List<String>> collectOrphans(FileStore fileStore, Duration minAge) {
        Objects.requireNonNull(fileStore, "fileStore");
        Objects.requireNonNull(minAge, "minAge");
        return run(() -> store.collectOrphans(fileStore, minAge));
    }

    @Override
    public CompletableFuture<Optional<ChatThread>> get(String threadId) {
        StoreWrites.checkKey(threadId, "threadId");
        return run(() -> store.get(threadId));
    }

    @Override
    public CompletableFuture<Boolean> delete(String threadId) {
        StoreWrites.checkKey(threadId, "threadId");
        return run(() -> store.delete(threadId));
    }

    @Override
    public CompletableFuture<Boolean> delete(String threadId, FileStore fileStore) {
        StoreWrites.checkKey(threadId, "threadId");
        Objects.requireNonNull(fileStore, "fileStore");
        return run(() -> store.delete(threadId, fileStore));
    }

    @Override
    public CompletableFuture<List<ChatThread>> list(int limit, int offset) {
        requireNotNegative(limit, "limit");
        requireNotNegative(offset, "offset");
        return run(() -> store.list(limit, offset));
    }

    @Override
    public CompletableFuture<List<ChatThread>> list() {
        return run(store::list);
    }

    @Override
    public CompletableFuture<List<ChatThread>> findByAttributes(Map<String, ?> attributes) {
        Map<String, Object> query = JsonValues.copyOf(attributes, "attributes");
        return run(() -> store.findByAttributes(query));
    }

    @Override
    public CompletableFuture<List<ChatThread>> findBySource(String sourceName, Map<String, ?> properties) {
        StoreWrites.checkKey(sourceName, "sourceName");
        Map<String, Object> query = JsonValues.copyOf(properties, "properties");
        return run(() -> store.findBySource(sourceName, query));
    }

    @Override
    public CompletableFuture<List<ChatThread>> listRecent(int limit) {
        requireNotNegative(limit, "limit");
        return run(() -> store.listRecent(limit));
    }

    @Override
    public CompletableFuture<List<ChatThread>> listRecent() {
        return run(store::listRecent);
    }

    @Override
    public CompletableFuture<Optional<ChatThread>> getThreadByMessageId(String messageId) {
        StoreWrites.checkKey(messageId, "messageId");
        return run(() -> store.getThreadByMessageId(messageId));
    }

    @Override
    public CompletableFuture<List<Message>> append(String threadId, List<Message> messages) {
        StoreWrites.messagesToAppend(threadId, messages); // checks them at the call, as append would
        List<Message> copy = List.copyOf(messages);
        return run(() -> store.append(threadId, copy));
    }

    @Override
    public CompletableFuture<Optional<ChatThread>> get(String threadId, MessageWindow window) {
        StoreWrites.checkKey(threadId, "threadId");
        Objects.requireNonNull(window, "window");
        return run(() -> store.get(threadId, window));
    }

    @Override
    public CompletableFuture<ChatThread> fork(String threadId, int throughSequence, String newThreadId) {
        Forks.checkArguments(threadId, throughSequence, newThreadId);
        return run(() -> store.fork(threadId, throughSequence, newThreadId));
    }

    @Override
    public CompletableFuture<Integer> deleteExpired(int maxThreads) {
        Retention.checkMaxThreads(maxThreads);
        return run(() -> store.deleteExpired(maxThreads));
    }

    @Override
    public CompletableFuture<Integer> deleteExpired(int maxThreads, FileStore fileStore) {
        Retention.checkMaxThreads(maxThreads);
        Objects.requireNonNull(fileStore, "fileStore");
        return run(() -> store.deleteExpired(maxThreads, fileStore));
    }

    @Override
    public CompletableFuture<Page<ThreadSummary>> summaries(ThreadQuery query) {
        Objects.requireNonNull(query, "query");
        return run(() -> store.summaries(query));
    }

    @Override
    public CompletableFuture<Page<ChatThread>> threads(ThreadQuery query) {
        Objects.requireNonNull(query, "query");
        return run(() -> store.threads(query));
    }

    @Override
    public CompletableFuture<Long> count(ThreadQuery query) {
        Objects.requireNonNull(query, "query");
        return run(() -> store.count(query));
    }

    private <T> CompletableFuture<T> run(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, executor);
    }

    private static void requireNotNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    /**
     * The shared default executor, started lazily: a fixed pool of {@link #DEFAULT_THREADS} daemon threads
     * named {@code threadstore-async-N}, idle ones ending after a minute. Fixed rather than one virtual thread
     * per task: JDBC drivers block inside {@code synchronized} code, which on Java 21 to 23 pins a virtual
     * thread to its carrier, so a few slow queries could stall every virtual thread of the application.
     */
    private static final class DefaultPool {
        static final ExecutorService EXECUTOR = newPool();

        private static ExecutorService newPool() {
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_THREADS, DEFAULT_THREADS, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread thread = new Thread(task, "threadstore-async-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
