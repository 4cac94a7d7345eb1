package dev.threadstore.springboot;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ThreadStore} that runs every operation of another store inside a Micrometer {@link Observation} named
 * {@value ThreadStoreObservationConvention#NAME}: with Spring Boot's actuator each one is timed (and traced when a
 * tracer is configured), tagged as {@link ThreadStoreObservationConvention} says. An operation that throws records
 * its exception in the observation and throws it unchanged.
 *
 * <p>Observed: every data operation, each once (a {@code save} with a {@code FileStore} is one {@code save}
 * observation). Not observed: {@link #databaseUrl()}, {@link #dataSource()}, {@link #unwrap}, {@link #close()},
 * which only delegate. {@link #async()} views run their calls through this store, so they are observed too.
 *
 * <p>Thread-safe as the delegate is. The starter wraps its own and the application's {@code ThreadStore} beans in it
 * when an {@link ObservationRegistry} bean exists.
 */
public final class ObservedThreadStore implements ThreadStore {

    private static final ThreadStoreObservationConvention DEFAULT_CONVENTION = new ThreadStoreObservationConvention();

    private final ThreadStore delegate;
    private final ObservationRegistry registry;
    private final @Nullable ThreadStoreObservationConvention convention;
    private final String databaseSystem;

    /**
     * Observes a store with the default {@link ThreadStoreObservationConvention}.
     *
     * @param delegate the store that does the work; closed by {@link #close()}
     * @param registry where observations go
     * @throws NullPointerException if an argument is null
     */
    public ObservedThreadStore(ThreadStore delegate, ObservationRegistry registry) {
        this(delegate, registry, null);
    }

    /**
     * Observes a store with a convention of the caller's.
     *
     * @param delegate the store that does the work; closed by {@link #close()}
     * @param registry where observations go
     * @param convention names and tags the observations instead of the default one, or null for the default
     * @throws NullPointerException if {@code delegate} or {@code registry} is null
     */
    public ObservedThreadStore(ThreadStore delegate, ObservationRegistry registry,
                               @Nullable ThreadStoreObservationConvention convention) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.convention = convention;
        this.databaseSystem = databaseSystem(delegate);
    }

    /**
     * The OpenTelemetry {@code db.system.name} of a store: {@code postgresql}, {@code sqlite}, or its URL's scheme;
     * {@code memory} for a store without a database URL.
     */
    static String databaseSystem(ThreadStore store) {
        return store.databaseUrl().map(url -> {
            String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')) : url;
            scheme = scheme.toLowerCase(Locale.ROOT);
            int plus = scheme.indexOf('+');
            if (plus >= 0) {
                scheme = scheme.substring(0, plus);
            }
            return scheme.equals("postgres") ? "postgresql" : scheme;
        }).orElse("memory");
    }

    /** @return the observed store */
    public ThreadStore delegate() {
        return delegate;
    }

    private <T> T observe(String operation, @Nullable String threadId, Supplier<T> work) {
        ThreadStoreObservationContext context = new ThreadStoreObservationContext(databaseSystem, operation, threadId);
        return Observation.createNotStarted(convention, DEFAULT_CONVENTION, () -> context, registry).observe(work);
    }

    @Override
    public ChatThread save(ChatThread thread) {
        return observe("save", thread == null ? null : thread.id(), () -> delegate.save(thread));
    }

    @Override
    public ChatThread save(ChatThread thread, FileStore fileStore) {
        return observe("save", thread == null ? null : thread.id(), () -> delegate.save(thread, fileStore));
    }

    @Override
    public Optional<ChatThread> get(String threadId) {
        return observe("get", threadId, () -> delegate.get(threadId));
    }

    @Override
    public Optional<ChatThread> get(String threadId, MessageWindow window) {
        return observe("get", threadId, () -> delegate.get(threadId, window));
    }

    @Override
    public ChatThread fork(String threadId, int throughSequence, String newThreadId) {
        return observe("fork", threadId, () -> delegate.fork(threadId, throughSequence, newThreadId));
    }

    @Override
    public boolean delete(String threadId) {
        return observe("delete", threadId, () -> delegate.delete(threadId));
    }

    @Override
    public boolean delete(String threadId, FileStore fileStore) {
        return observe("delete", threadId, () -> delegate.delete(threadId, fileStore));
    }

    @Override
    public List<String> collectOrphans(FileStore fileStore, Duration minAge) {
        return observe("collectOrphans", null, () -> delegate.collectOrphans(fileStore, minAge));
    }

    @Override
    public List<ChatThread> list(int limit, int offset) {
        return observe("list", null, () -> delegate.list(limit, offset));
    }

    @Override
    public List<ChatThread> findByAttributes(Map<String, ?> attributes) {
        return observe("findByAttributes", null, () -> delegate.findByAttributes(attributes));
    }

    @Override
    public List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) {
        return observe("findBySource", null, () -> delegate.findBySource(sourceName, properties));
    }

    @Override
    public List<ChatThread> listRecent(int limit) {
        return observe("listRecent", null, () -> delegate.listRecent(limit));
    }

    @Override
    public List<ChatThread> listRecent() {
        return observe("listRecent", null, delegate::listRecent);
    }

    @Override
    public Page<ThreadSummary> summaries(ThreadQuery query) {
        return observe("summaries", null, () -> delegate.summaries(query));
    }

    @Override
    public Page<ChatThread> threads(ThreadQuery query) {
        return observe("threads", null, () -> delegate.threads(query));
    }

    @Override
    public long count(ThreadQuery query) {
        return observe("count", null, () -> delegate.count(query));
    }

    @Override
    public int deleteExpired(int maxThreads) {
        return observe("deleteExpired", null, () -> delegate.deleteExpired(maxThreads));
    }

    @Override
    public int deleteExpired(int maxThreads, FileStore fileStore) {
        return observe("deleteExpired", null, () -> delegate.deleteExpired(maxThreads, fileStore));
    }

    @Override
    public Optional<ChatThread> getThreadByMessageId(String messageId) {
        return observe("getThreadByMessageId", null, () -> delegate.getThreadByMessageId(messageId));
    }

    @Override
    public List<Message> append(String threadId, List<Message> messages) {
        return observe("append", threadId, () -> delegate.append(threadId, messages));
    }

    @Override
    public Optional<String> databaseUrl() {
        return delegate.databaseUrl();
    }

    @Override
    public Optional<DataSource> dataSource() {
        return delegate.dataSource();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return delegate.unwrap(type);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "ObservedThreadStore[" + delegate + "]";
    }
}
