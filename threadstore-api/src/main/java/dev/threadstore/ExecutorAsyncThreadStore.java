package dev.threadstore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs each blocking call on an executor. Arguments are checked for null on the caller's thread, so a
 * programming error surfaces at the call, not inside a future.
 */
final class ExecutorAsyncThreadStore implements AsyncThreadStore {

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
        Objects.requireNonNull(threadId, "threadId");
        return run(() -> store.get(threadId));
    }

    @Override
    public CompletableFuture<Boolean> delete(String threadId) {
        Objects.requireNonNull(threadId, "threadId");
        return run(() -> store.delete(threadId));
    }

    @Override
    public CompletableFuture<Boolean> delete(String threadId, FileStore fileStore) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(fileStore, "fileStore");
        return run(() -> store.delete(threadId, fileStore));
    }

    @Override
    public CompletableFuture<List<ChatThread>> list(int limit, int offset) {
        return run(() -> store.list(limit, offset));
    }

    @Override
    public CompletableFuture<List<ChatThread>> list() {
        return run(store::list);
    }

    @Override
    public CompletableFuture<List<ChatThread>> findByAttributes(Map<String, ?> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        return run(() -> store.findByAttributes(attributes));
    }

    @Override
    public CompletableFuture<List<ChatThread>> findBySource(String sourceName, Map<String, ?> properties) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(properties, "properties");
        return run(() -> store.findBySource(sourceName, properties));
    }

    @Override
    public CompletableFuture<List<ChatThread>> listRecent(int limit) {
        return run(() -> store.listRecent(limit));
    }

    @Override
    public CompletableFuture<List<ChatThread>> listRecent() {
        return run(store::listRecent);
    }

    @Override
    public CompletableFuture<Optional<ChatThread>> getThreadByMessageId(String messageId) {
        Objects.requireNonNull(messageId, "messageId");
        return run(() -> store.getThreadByMessageId(messageId));
    }

    @Override
    public CompletableFuture<List<Message>> append(String threadId, List<Message> messages) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(messages, "messages");
        return run(() -> store.append(threadId, messages));
    }

    private <T> CompletableFuture<T> run(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, executor);
    }

    /** A lazily started pool of daemon threads, sized for blocking I/O. */
    private static final class DefaultPool {
        static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public java.lang.Thread newThread(Runnable r) {
                java.lang.Thread t = new java.lang.Thread(r, "threadstore-async-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        });
    }
}
