package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.Page;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.AttachmentReferences;
import dev.threadstore.spi.Forks;
import dev.threadstore.spi.JsonValues;
import dev.threadstore.spi.Retention;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.StoreWrites;
import dev.threadstore.spi.ThreadRestore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ThreadStore} every SQL backend shares, over a {@link Dialect}. A backend's provider calls
 * {@link #open(Dialect, StoreUri)}; everything else about this class is the {@link ThreadStore} contract.
 *
 * <p>Design notes. This class is the facade of a pipeline: {@link SqlStoreOpener} opens the pools, the schema
 * and MyBatis; {@link SqlTransactions} runs every unit of work in one transaction on one pooled connection and
 * translates SQL failures; each write is one operation class returning an outcome record ({@link SaveOperation},
 * {@link AppendOperation}, {@link ForkOperation}, {@link DeleteOperation}, {@link RestoreOperation}); {@link ThreadReads} and
 * {@link SummaryPages} read; {@link RowCodec} converts rows. The facade checks arguments and the store's state,
 * and keeps the optional Caffeine {@link ReadCache} of {@code get} results in step with its own writes. The
 * {@link WriteMemo} remembers what this store last committed per thread, so a save or an append does not read
 * back what it wrote (see the operations), and a {@code get} of such a thread is one primary-key probe that proves
 * the row is still the one written ({@link ThreadReads}).
 */
public final class SqlThreadStore implements ThreadStore, AttachmentReferences, ThreadRestore {

    private final Dialect dialect;
    private final StoreUri uri;
    private final SqlTransactions transactions;
    private final ReadCache cache; // ReadCache.NONE without the cache option
    private final WriteMemo memo = new WriteMemo();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ThreadReads reads;
    private final SummaryPages pages;
    private final AttachmentFiles files;
    private final SaveOperation saves;
    private final AppendOperation appends;
    private final ForkOperation forks;
    private final DeleteOperation deletes;
    private final ExpiredThreads expired;
    private final RestoreOperation restores;

    SqlThreadStore(Dialect dialect, StoreUri uri, SqlTransactions transactions, ReadCache cache, Clock clock,
                   Retention retention) {
        this.dialect = dialect;
        this.uri = uri;
        this.transactions = transactions;
        this.cache = cache;
        RowCodec codec = new RowCodec(dialect);
        CandidateQueries candidates = new CandidateQueries(dialect);
        MessageDigests digests = new MessageDigests();
        MessageWriter writer = new MessageWriter(codec);
        WriteClock writeClock = new WriteClock(clock, retention);
        this.reads = new ThreadReads(transactions, codec, writeClock, memo);
        this.pages = new SummaryPages(transactions, codec, candidates, reads, writeClock);
        this.files = new AttachmentFiles(transactions);
        this.saves = new SaveOperation(transactions, codec, writer, digests, memo, writeClock);
        this.appends = new AppendOperation(transactions, reads, writer, digests, memo, writeClock);
        this.forks = new ForkOperation(transactions, reads, codec, memo, writeClock);
        this.deletes = new DeleteOperation(transactions, memo, writeClock);
        this.expired = new ExpiredThreads(transactions, memo, writeClock);
        this.restores = new RestoreOperation(transactions, reads, codec, writer, digests, memo, writeClock);
    }

    /**
     * Opens a store over a dialect: builds the pool, connects, migrates (or with {@code migrate=false} checks)
     * the schema, loads the mapper XML and runs a statement, all before returning.
     *
     * @param dialect the database's dialect
     * @param uri the store URL with every option merged: those {@link dev.threadstore.spi.StoreOptions} catalogues
     *     for {@link Dialect#backend()} (the pool's {@code poolSize}, {@code maxOverflow} and {@code poolTimeout},
     *     {@code echo}, {@code migrate}, {@code migrationLockTimeout}, {@code cache}, {@code timeToLive} (retention, see {@link Retention}), and the dialect's own)
     * @return the open store; {@code dataSource()} is the pool, {@code unwrap(SqlSessionFactory.class)} the
     *     MyBatis factory
     * @throws StoreConfigurationException for an unknown or invalid option, a wrong location, or a schema that
     *     is behind with {@code migrate=false}
     * @throws StoreUnavailableException if the database cannot be reached, or another process holds the migration
     *     lock longer than {@code migrationLockTimeout}
     */
    public static ThreadStore open(Dialect dialect, StoreUri uri) {
        return open(dialect, uri, Clock.systemUTC());
    }

    /**
     * Opens a store as {@link #open(Dialect, StoreUri)} does, stamping every {@code updatedAt} from the given
     * clock instead of the system's (the TCK's tie-break tests give several threads the same time).
     *
     * @param dialect the database's dialect
     * @param uri the store URL with every option merged
     * @param clock the clock every timestamp the store writes is read from
     * @return the open store
     * @throws StoreConfigurationException as {@link #open(Dialect, StoreUri)}
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public static ThreadStore open(Dialect dialect, StoreUri uri, Clock clock) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(clock, "clock");
        return SqlStoreOpener.open(dialect, uri, clock);
    }

    /**
     * Opens a store on a pool the application owns: reads where it points from a connection's metadata, checks the
     * options and the pool's connections ({@link Dialect#checkApplicationPool}), migrates (or with
     * {@code migrate=false} checks) the schema through it, loads the mapper XML and runs a statement, all before
     * returning. The store borrows connections and returns them; {@link #close()} never closes {@code dataSource}.
     *
     * @param dialect the database's dialect
     * @param dataSource the application's pool, open
     * @param options those the catalogue marks as applying to an application's pool
     *     ({@link dev.threadstore.spi.StoreOptions#applicationPoolNames}: {@code migrate}, {@code migrationLockTimeout},
     *     {@code echo}, {@code cache}, {@code timeToLive}, PostgreSQL's {@code schema}); options that configure a
     *     pool are refused
     * @return the open store; {@code dataSource()} is {@code dataSource}
     * @throws StoreConfigurationException for an option that is unknown, invalid or configures a pool, connections the
     *     dialect refuses, or a schema that is behind with {@code migrate=false}
     * @throws StoreUnavailableException if the database cannot be reached through the pool
     */
    public static ThreadStore open(Dialect dialect, DataSource dataSource, Map<String, String> options) {
        return open(dialect, dataSource, options, Clock.systemUTC());
    }

    /**
     * Opens a store on a pool the application owns as {@link #open(Dialect, DataSource, Map)} does, stamping every
     * {@code updatedAt} from the given clock.
     *
     * @param dialect the database's dialect
     * @param dataSource the application's pool, open; never closed by the store
     * @param options the store's options
     * @param clock the clock every timestamp the store writes is read from
     * @return the open store
     * @throws StoreConfigurationException as {@link #open(Dialect, DataSource, Map)}
     * @throws StoreUnavailableException if the database cannot be reached through the pool
     */
    public static ThreadStore open(Dialect dialect, DataSource dataSource, Map<String, String> options, Clock clock) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        return SqlStoreOpener.openOnApplicationPool(dialect, dataSource, options, clock);
    }

    @Override
    public ChatThread save(ChatThread thread) {
        requireOpen();
        long stamp = cache.stamp();
        ChatThread saved = saves.save(thread).saved();
        cache.written(saved.id(), saved, stamp);
        return saved;
    }

    @Override
    public Outcome restore(ChatThread thread, boolean replace) {
        requireOpen();
        ChatThread restorable = ThreadRestore.checkRestorable(thread);
        long stamp = cache.stamp();
        RestoreOperation.RestoreOutcome outcome = restores.restore(restorable, replace);
        if (outcome.outcome() != Outcome.UNCHANGED) {
            cache.written(restorable.id(), outcome.restored(), stamp);
        }
        return outcome.outcome();
    }

    @Override
    public List<Message> append(String threadId, List<Message> messages) {
        requireOpen();
        List<Message> stored = appends.append(threadId, messages).stored();
        if (!messages.isEmpty()) {
            cache.invalidated(threadId);
        }
        return stored;
    }

    @Override
    public ChatThread fork(String threadId, int throughSequence, String newThreadId) {
        requireOpen();
        Forks.checkArguments(threadId, throughSequence, newThreadId);
        ChatThread forked = forks.fork(threadId, throughSequence, newThreadId).fork();
        cache.invalidated(newThreadId);
        return forked;
    }

    @Override
    public boolean delete(String threadId) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        boolean deleted = deletes.delete(threadId).deleted();
        cache.invalidated(threadId);
        return deleted;
    }

    /** Which of its files no other thread references is decided in the delete's transaction; they go after it. */
    @Override
    public boolean delete(String threadId, FileStore fileStore) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        Objects.requireNonNull(fileStore, "fileStore");
        DeleteOperation.DeleteOutcome outcome = deletes.deleteKeepingSharedFiles(threadId);
        cache.invalidated(threadId);
        if (!outcome.unreferencedFiles().isEmpty()) {
            AttachmentReferences.deleteFiles(fileStore, outcome.unreferencedFiles()); // also an expired thread's
        }
        return outcome.deleted();
    }

    @Override
    public int deleteExpired(int maxThreads) {
        requireOpen();
        return purgeExpired(Retention.checkMaxThreads(maxThreads), null);
    }

    @Override
    public int deleteExpired(int maxThreads, FileStore fileStore) {
        requireOpen();
        return purgeExpired(Retention.checkMaxThreads(maxThreads), Objects.requireNonNull(fileStore, "fileStore"));
    }

    /** One {@link ExpiredThreads} purge; the cache forgets the threads, and the files go after the commit. */
    private int purgeExpired(int maxThreads, @Nullable FileStore fileStore) {
        ExpiredThreads.Purge purge = expired.purge(maxThreads, fileStore != null);
        purge.deleted().forEach(cache::invalidated);
        if (fileStore != null && !purge.unreferencedFiles().isEmpty()) {
            AttachmentReferences.deleteFiles(fileStore, purge.unreferencedFiles());
        }
        return purge.deleted().size();
    }

    @Override
    public Set<String> referencedStoragePaths(Collection<String> storagePaths) {
        requireOpen();
        Objects.requireNonNull(storagePaths, "storagePaths");
        return storagePaths.isEmpty() ? Set.of() : files.referencedStoragePaths(storagePaths);
    }

    @Override
    public Optional<Map<String, String>> attachmentFiles(String threadId, long version) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        return files.ofVersion(threadId, version);
    }

    @Override
    public Optional<ChatThread> get(String threadId) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        Optional<ChatThread> cached = cache.get(threadId);
        if (cached.isPresent()) {
            return cached.filter(thread -> !reads.isExpired(thread));
        }
        long stamp = cache.stamp();
        Optional<ChatThread> found = reads.get(threadId);
        found.ifPresent(thread -> cache.loaded(threadId, thread, stamp));
        return found;
    }

    @Override
    public Optional<ChatThread> get(String threadId, MessageWindow window) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        Objects.requireNonNull(window, "window");
        return window instanceof MessageWindow.All ? get(threadId) : reads.get(threadId, window);
    }

    @Override
    public List<ChatThread> list(int limit, int offset) {
        requireOpen();
        requireNotNegative(limit, "limit");
        requireNotNegative(offset, "offset");
        return limit == 0 ? List.of() : pages.list("list", ThreadQuery.all(), offset, limit);
    }

    @Override
    public List<ChatThread> listRecent(int limit) {
        return list(limit, 0);
    }

    @Override
    public List<ChatThread> listRecent() {
        requireOpen();
        return pages.list("list", ThreadQuery.all(), 0, null);
    }

    @Override
    public List<ChatThread> findByAttributes(Map<String, ?> attributes) {
        requireOpen();
        Objects.requireNonNull(attributes, "attributes");
        return pages.find("find threads by attributes",
                ThreadQuery.all().attributes(JsonValues.copyOf(attributes, "attribute query")));
    }

    @Override
    public List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) {
        requireOpen();
        StoreWrites.checkKey(sourceName, "sourceName");
        Objects.requireNonNull(properties, "properties");
        return pages.find("find threads by source",
                ThreadQuery.all().source(sourceName, JsonValues.copyOf(properties, "source query")));
    }

    @Override
    public Page<ThreadSummary> summaries(ThreadQuery query) {
        requireOpen();
        Objects.requireNonNull(query, "query");
        return pages.summaries(query);
    }

    @Override
    public Page<ChatThread> threads(ThreadQuery query) {
        requireOpen();
        Objects.requireNonNull(query, "query");
        return pages.threads(query);
    }

    @Override
    public long count(ThreadQuery query) {
        requireOpen();
        Objects.requireNonNull(query, "query");
        return pages.count(query);
    }

    @Override
    public Optional<ChatThread> getThreadByMessageId(String messageId) {
        requireOpen();
        StoreWrites.checkKey(messageId, "messageId");
        return reads.getThreadByMessageId(messageId);
    }

    @Override
    public Optional<String> databaseUrl() {
        requireOpen();
        return Optional.of(uri.toString());
    }

    @Override
    public Optional<DataSource> dataSource() {
        requireOpen();
        return Optional.of(transactions.dataSource());
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        requireOpen();
        Objects.requireNonNull(type, "type");
        SqlSessionFactory factory = transactions.factory();
        for (Object candidate : new Object[] {factory, transactions.dataSource(), factory.getConfiguration(), this}) {
            if (type.isInstance(candidate)) {
                return Optional.of(type.cast(candidate));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transactions.close();
            memo.clear();
            cache.clear();
        }
    }

    @Override
    public String toString() {
        return "SqlThreadStore[" + dialect.name() + " " + uri + (closed.get() ? ", closed" : "") + "]";
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("ThreadStore is closed");
        }
    }

    private static void requireNotNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
