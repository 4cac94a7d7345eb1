package dev.threadstore.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.Page;
import dev.threadstore.StorageException;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.ThreadStoreException;
import dev.threadstore.spi.AttachmentReferences;
import dev.threadstore.spi.Forks;
import dev.threadstore.spi.JsonValues;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.StoreWrites;
import dev.threadstore.sql.ThreadMapper.AttachmentRow;
import dev.threadstore.sql.ThreadMapper.CandidateQuery;
import dev.threadstore.sql.ThreadMapper.DigestRow;
import dev.threadstore.sql.ThreadMapper.IndexEntry;
import dev.threadstore.sql.ThreadMapper.MessageRow;
import dev.threadstore.sql.ThreadMapper.ThreadHead;
import dev.threadstore.sql.ThreadMapper.ThreadMessageRow;
import dev.threadstore.sql.ThreadMapper.ThreadRow;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ThreadStore} every SQL backend shares, over a {@link Dialect}. A backend's provider calls
 * {@link #open(Dialect, StoreUri)}; everything else about this class is the {@link ThreadStore} contract.
 *
 * <p>Design notes. Every write runs in one transaction on one pooled connection, begun and ended by the
 * dialect. Writes use MyBatis' batch executor, so the rows of one save go to the database in a few round trips.
 * A save locks the thread row ({@code lockThread}, which also reads the update time and, where the dialect can,
 * {@code max(sequence)}), checks the version, then writes just the difference: new messages are inserted,
 * changed ones updated (or deleted and re-inserted when their sequence moved, so the unique sequence index never
 * sees two rows at one place), removed ones deleted. To find the difference it consults the {@link WriteMemo}:
 * when the locked row still shows the version and update time this store last committed, the caller's messages
 * that are the very instances it stored are unchanged without a look, so the database work of a save does not
 * grow with the thread; otherwise it reads the (id, sequence, digest) of the stored messages and compares digests (memoised
 * per instance). Append reads the locked row, the memo or the digests of the ids it appends, never the thread's
 * messages. A {@code get} is one statement (the thread joined to its messages), which reads one snapshot without
 * a transaction; a thread whose messages have attachments is read in the dialect's read transaction. Attribute
 * and source queries ask the dialect for candidates through its index and keep those that
 * {@link JsonValues#matches}, so every backend answers exactly like the reference. The optional Caffeine cache
 * holds {@code get} results and is refreshed or invalidated by this store's own writes.
 */
public final class SqlThreadStore implements ThreadStore, AttachmentReferences {

    private static final Logger LOG = LoggerFactory.getLogger(SqlThreadStore.class);

    private static final Set<String> CORE_OPTIONS = Set.of("poolSize", "maxOverflow", "poolTimeout", "echo", "migrate",
            "migrationLockTimeout", "cache");
    private static final int CHUNK = 500;
    private static final int MAX_INDEXED_ENTRIES = 16;

    private final Dialect dialect;
    private final StoreUri uri;
    private final DataSource dataSource;
    /** The pool this store built, closed with it; null when the store runs on the application's pool. */
    private final @Nullable HikariDataSource ownedPool;
    /** The read replica's pool ({@link Dialect#configureReadReplica}), or null: every read on the primary. */
    private final @Nullable HikariDataSource replicas;
    private final SqlSessionFactory factory;
    private final RowCodec codec;
    private final @Nullable ReadCache cache;
    private final WriteMemo memo = new WriteMemo();
    private final Cache<Message, String> digests = Caffeine.newBuilder().weakKeys().maximumSize(200_000).build();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Clock clock;
    private final ConversationQueries conversation;

    private SqlThreadStore(Dialect dialect, StoreUri uri, DataSource dataSource, @Nullable HikariDataSource ownedPool,
                           @Nullable HikariDataSource replicas, SqlSessionFactory factory, @Nullable ReadCache cache,
                           Clock clock) {
        this.clock = clock;
        this.dialect = dialect;
        this.uri = uri;
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.replicas = replicas;
        this.factory = factory;
        this.codec = new RowCodec(dialect);
        this.cache = cache;
        this.conversation = new ConversationQueries(this, codec);
    }

    /**
     * Opens a store over a dialect: builds the pool, connects, migrates (or with {@code migrate=false} checks)
     * the schema, loads the mapper XML and runs a statement, all before returning.
     *
     * @param dialect the database's dialect
     * @param uri the store URL with every option merged; the core understands {@code poolSize} (default 5),
     *     {@code maxOverflow} (default 10; the pool's maximum is size + overflow), {@code poolTimeout} (seconds
     *     to wait for a connection, default 30), {@code echo} (log SQL at INFO), {@code migrate} (default true;
     *     false only checks the schema and writes nothing), {@code migrationLockTimeout} (seconds to wait for
     *     another process that is migrating the same database, default 60, then
     *     {@code StoreUnavailableException} naming the holder) and {@code cache} (a Caffeine spec, off by
     *     default), plus {@link Dialect#options()}
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
        Set<String> known = new HashSet<>(CORE_OPTIONS);
        known.addAll(dialect.options());
        uri.requireKnownOptions(known, dialect.name());
        int poolSize = uri.intOption("poolSize", 5, 1, 1000);
        int maxOverflow = uri.intOption("maxOverflow", 10, 0, 1000);
        long poolTimeout = uri.longOption("poolTimeout", 30, 1, 86_400);
        boolean echo = uri.booleanOption("echo", false);
        boolean migrate = uri.booleanOption("migrate", true);
        Duration migrationLockTimeout = Duration.ofSeconds(uri.longOption("migrationLockTimeout", 60, 0, 86_400));
        ReadCache cache = uri.option("cache").map(ReadCache::from).orElse(null);

        HikariConfig config = new HikariConfig();
        config.setPoolName("threadstore-" + dialect.name().toLowerCase(java.util.Locale.ROOT));
        config.setMaximumPoolSize(poolSize + maxOverflow);
        config.setMinimumIdle(Math.min(poolSize, poolSize + maxOverflow));
        config.setConnectionTimeout(poolTimeout * 1000);
        config.setInitializationFailTimeout(1);
        config.setAutoCommit(true);
        dialect.configure(config, uri);

        String where = dialect.name() + " database " + dialect.describe(uri);
        if (!migrate && !dialect.mayExist(uri)) {
            throw SchemaMigration.missingDatabase(dialect, uri);
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw openFailure(dialect, where, "connect to", e);
        }
        HikariDataSource replicas = null;
        try {
            dialect.prepare(dataSource, uri);
            int ran = SchemaMigration.run(dialect, dataSource, uri, migrate, migrationLockTimeout);
            SqlSessionFactory factory = sessionFactory(dialect, dataSource, echo);
            replicas = openReplicaPool(dialect, uri, config);
            SqlThreadStore store = new SqlThreadStore(dialect, uri, dataSource, dataSource, replicas, factory, cache, clock);
            store.transaction(false, "check", null, (session, mapper) -> mapper.selectThreadIds(0, 0));
            store.replicaRead("run the first read on the read replica (readUrl) of the store", (session, mapper) -> mapper.selectThreadIds(0, 0));
            LOG.debug("Opened {} ({} changeset(s) ran, pool {}+{}{})", where, ran, poolSize, maxOverflow,
                    replicas == null ? "" : ", read replica pool");
            return store;
        } catch (Exception e) {
            if (replicas != null) {
                replicas.close();
            }
            dataSource.close();
            throw openFailure(dialect, where, "open", e);
        }
    }

    /**
     * Opens a store on a pool the application owns: reads where it points from a connection's metadata, checks the
     * options and the pool's connections ({@link Dialect#checkApplicationPool}), migrates (or with
     * {@code migrate=false} checks) the schema through it, loads the mapper XML and runs a statement, all before
     * returning. The store borrows connections and returns them; {@link #close()} never closes {@code dataSource}.
     *
     * @param dialect the database's dialect
     * @param dataSource the application's pool, open
     * @param options {@code migrate}, {@code migrationLockTimeout}, {@code echo}, {@code cache} and the dialect's
     *     {@link Dialect#applicationPoolOptions()}; options that configure a pool are refused
     * @return the open store; {@code dataSource()} is {@code dataSource}
     * @throws StoreConfigurationException for an option that is unknown, invalid or configures a pool, connections the
     *     dialect refuses, or a schema that is behind with {@code migrate=false}
     * @throws StoreUnavailableException if the database cannot be reached through the pool
     */
    public static ThreadStore open(Dialect dialect, DataSource dataSource, java.util.Map<String, String> options) {
        return open(dialect, dataSource, options, Clock.systemUTC());
    }

    /**
     * Opens a store on a pool the application owns as {@link #open(Dialect, DataSource, java.util.Map)} does,
     * stamping every {@code updatedAt} from the given clock.
     *
     * @param dialect the database's dialect
     * @param dataSource the application's pool, open; never closed by the store
     * @param options the store's options
     * @param clock the clock every timestamp the store writes is read from
     * @return the open store
     * @throws StoreConfigurationException as {@link #open(Dialect, DataSource, java.util.Map)}
     * @throws StoreUnavailableException if the database cannot be reached through the pool
     */
    public static ThreadStore open(Dialect dialect, DataSource dataSource, java.util.Map<String, String> options,
                                   Clock clock) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        ApplicationPool pool = ApplicationPool.inspect(dialect, dataSource, options);
        StoreUri uri = pool.uri();
        boolean echo = uri.booleanOption("echo", false);
        boolean migrate = uri.booleanOption("migrate", true);
        Duration migrationLockTimeout = Duration.ofSeconds(uri.longOption("migrationLockTimeout", 60, 0, 86_400));
        ReadCache cache = uri.option("cache").map(ReadCache::from).orElse(null);
        String where = dialect.name() + " database " + dialect.describe(uri) + " (the application's DataSource)";
        try {
            dialect.prepare(dataSource, uri);
            int ran = SchemaMigration.run(dialect, dataSource, uri, migrate, migrationLockTimeout);
            SqlSessionFactory factory = sessionFactory(dialect, dataSource, echo);
            SqlThreadStore store = new SqlThreadStore(dialect, uri, dataSource, null, null, factory, cache, clock);
            store.transaction(false, "check", null, (session, mapper) -> mapper.selectThreadIds(0, 0));
            LOG.debug("Opened {} ({} changeset(s) ran)", where, ran);
            return store;
        } catch (Exception e) {
            throw openFailure(dialect, where, "open", e);
        }
    }

    /** @return the read replica's pool, connected, when the dialect configures one; null otherwise */
    private static @Nullable HikariDataSource openReplicaPool(Dialect dialect, StoreUri uri, HikariConfig primary) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(primary.getPoolName() + "-replica");
        config.setMaximumPoolSize(primary.getMaximumPoolSize());
        config.setMinimumIdle(primary.getMinimumIdle());
        config.setConnectionTimeout(primary.getConnectionTimeout());
        config.setInitializationFailTimeout(1);
        config.setAutoCommit(true);
        config.setReadOnly(true);
        if (!dialect.configureReadReplica(config, uri)) {
            return null;
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw openFailure(dialect, "read replica (readUrl) " + config.getJdbcUrl().replaceFirst("^jdbc:[a-z]+://", ""),
                    "connect to", e);
        }
    }

    private static RuntimeException openFailure(Dialect dialect, String where, String action, Exception e) {
        if (e instanceof StoreConfigurationException || e instanceof StoreUnavailableException) {
            return (RuntimeException) e;
        }
        SQLException sql = sqlCause(e);
        Dialect.Failure failure = sql == null ? Dialect.Failure.CONFIGURATION : classify(dialect, sql);
        String reason = sql != null ? sql.getMessage() : e.getMessage();
        if (e instanceof ThreadStoreException && sql == null) {
            return (RuntimeException) e;
        }
        String message = "Cannot " + action + " the " + where + ": " + reason;
        if (failure == Dialect.Failure.TRANSIENT) {
            return new StoreUnavailableException(message + ". Check that the database is running and reachable, then retry.", e);
        }
        return new StoreConfigurationException(message + ". Check the URL, the path or credentials, and the permissions.", e);
    }

    private static SqlSessionFactory sessionFactory(Dialect dialect, DataSource dataSource, boolean echo) throws IOException {
        Configuration configuration = new Configuration(new Environment("threadstore", new JdbcTransactionFactory(), dataSource));
        configuration.setCacheEnabled(false);
        configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
        configuration.setJdbcTypeForNull(JdbcType.NULL);
        configuration.getTypeAliasRegistry().registerAlias("ThreadRow", ThreadRow.class);
        configuration.getTypeAliasRegistry().registerAlias("MessageRow", MessageRow.class);
        configuration.getTypeAliasRegistry().registerAlias("AttachmentRow", AttachmentRow.class);
        configuration.getTypeAliasRegistry().registerAlias("DigestRow", DigestRow.class);
        configuration.getTypeAliasRegistry().registerAlias("ThreadHead", ThreadHead.class);
        configuration.getTypeAliasRegistry().registerAlias("ThreadMessageRow", ThreadMessageRow.class);
        configuration.getTypeAliasRegistry().registerAlias("CandidateQuery", CandidateQuery.class);
        configuration.getTypeAliasRegistry().registerAlias("IndexEntry", IndexEntry.class);
        configuration.getTypeAliasRegistry().registerAlias("SummaryRow", ThreadMapper.SummaryRow.class);
        configuration.getTypeAliasRegistry().registerAlias("SummaryQuery", ThreadMapper.SummaryQuery.class);
        if (echo) {
            configuration.addInterceptor(new EchoInterceptor());
        }
        dialect.configure(configuration);
        parse(configuration, SqlThreadStore.class.getClassLoader(), "dev/threadstore/sql/Rows.xml");
        parse(configuration, dialect.getClass().getClassLoader(), dialect.mapperXml());
        return new DefaultSqlSessionFactory(configuration);
    }

    private static void parse(Configuration configuration, ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreConfigurationException("The mapper XML " + resource + " is not on the class path;"
                        + " the backend jar is incomplete");
            }
            new XMLMapperBuilder(in, configuration, resource, configuration.getSqlFragments()).parse();
        }
    }

    @Override
    public ChatThread save(ChatThread thread) {
        requireOpen();
        List<Message> messages = StoreWrites.messagesToSave(thread);
        String id = thread.id();
        long version = thread.version();
        long stamp = cache == null ? 0 : cache.stamp();
        ChatThread saved;
        try {
            saved = transaction(true, "save", id, (session, mapper) -> {
                ThreadHead head = mapper.lockThread(id);
                if (version == 0 && head != null) {
                    throw ConcurrentUpdateException.versionConflict(id, 0, head.version());
                }
                if (version > 0 && (head == null || head.version() != version)) {
                    throw ConcurrentUpdateException.versionConflict(id, version, head == null ? -1 : head.version());
                }
                ChatThread stored = thread.toBuilder()
                        .messages(messages)
                        .createdAt(head == null ? thread.createdAt() : head.createdAt())
                        .updatedAt(stampAfter(head))
                        .version(version + 1)
                        .build();
                ThreadRow row = codec.threadRow(stored);
                if (head == null) {
                    mapper.insertThread(row);
                    for (Message m : messages) {
                        insertMessage(mapper, id, m, digest(m));
                    }
                } else {
                    mapper.updateThread(row);
                    writeDifference(mapper, id, messages, head);
                }
                mapper.setMessageCounts(id, stored.messages().size(), stored.maxSequence());
                checkThreadUpdated(session.flushStatements(), id, version);
                return stored;
            });
        } catch (StorageException e) {
            memo.forget(id);
            SQLException sql = sqlCause(e);
            if (version == 0 && sql != null && classify(dialect, sql) == Dialect.Failure.DUPLICATE_KEY) {
                long stored = transaction(false, "save", id, (session, mapper) -> {
                    ThreadRow row = mapper.selectThread(id);
                    return row == null ? -1L : row.version();
                });
                throw ConcurrentUpdateException.versionConflict(id, 0, stored);
            }
            throw e;
        }
        memo.committed(id, WriteMemo.State.of(saved.version(), saved.updatedAt(), saved.maxSequence(), saved.messages()));
        if (cache != null) {
            cache.written(id, saved, stamp);
        }
        return saved;
    }

    /**
     * A stored message as the write path knows it.
     *
     * @param message the instance this store wrote, or null when only its row is known
     * @param sequence its sequence
     * @param digest its digest; null when the instance is known (then computed only if needed)
     */
    private record Stored(@Nullable Message message, int sequence, @Nullable String digest) {
    }

    /**
     * Whether a message to append is the one already stored under its id: compared with the instance this store
     * wrote when the memo has it, else by digest, else (a digest of an older scheme, never trusted) with the
     * stored row itself.
     */
    private boolean unchanged(ThreadMapper mapper, String threadId, Message candidate, Stored old) {
        if (old.message() != null) {
            return candidate.equals(old.message());
        }
        if (MessageFingerprint.isCurrent(old.digest())) {
            return digest(candidate).equals(old.digest());
        }
        return load(mapper, List.of(threadId)).stream()
                .flatMap(t -> t.messages().stream())
                .anyMatch(candidate::equals);
    }

    private String digestOf(Stored stored) {
        return stored.digest() != null ? stored.digest() : digest(Objects.requireNonNull(stored.message(), "message"));
    }

    /**
     * Writes the difference between the locked thread and the messages to save. When the memo still describes
     * the row, the leading messages that are the very instances last written are skipped without a look, and
     * only the rest is compared; otherwise the stored (id, sequence, digest) rows are read and compared.
     */
    private void writeDifference(ThreadMapper mapper, String threadId, List<Message> messages, ThreadHead head) {
        Optional<WriteMemo.State> state = memo.matching(threadId, head);
        Map<String, Stored> stored = new HashMap<>();
        List<Message> rest = messages;
        if (state.isPresent()) {
            List<Message> before = state.get().messages();
            int same = 0;
            int limit = Math.min(before.size(), messages.size());
            while (same < limit && before.get(same) == messages.get(same)) {
                same++;
            }
            rest = messages.subList(same, messages.size());
            for (Message m : before.subList(same, before.size())) {
                stored.put(m.id(), new Stored(m, m.sequence(), null));
            }
        } else {
            for (DigestRow d : mapper.selectDigests(threadId, null)) {
                stored.put(d.id(), new Stored(null, d.sequence(), d.digest()));
            }
        }
        List<Message> inserts = new ArrayList<>();
        List<String> insertDigests = new ArrayList<>();
        List<Message> updates = new ArrayList<>();
        List<String> updateDigests = new ArrayList<>();
        for (Message m : rest) {
            Stored old = stored.remove(m.id());
            if (old != null && old.message() == m) {
                continue;
            }
            String digest = digest(m);
            if (old == null) {
                inserts.add(m);
                insertDigests.add(digest);
            } else if (!digestOf(old).equals(digest)) {
                if (old.sequence() == m.sequence()) {
                    updates.add(m);
                    updateDigests.add(digest);
                } else {
                    mapper.deleteMessage(threadId, m.id());
                    inserts.add(m);
                    insertDigests.add(digest);
                }
            }
        }
        for (String removed : stored.keySet()) {
            mapper.deleteMessage(threadId, removed);
        }
        for (int i = 0; i < updates.size(); i++) {
            mapper.updateMessage(codec.messageRow(threadId, updates.get(i), updateDigests.get(i)));
        }
        for (Message m : updates) {
            mapper.deleteAttachments(threadId, m.id());
        }
        for (Message m : updates) {
            for (AttachmentRow a : codec.attachmentRows(threadId, m)) {
                mapper.insertAttachment(a);
            }
        }
        for (int i = 0; i < inserts.size(); i++) {
            insertMessage(mapper, threadId, inserts.get(i), insertDigests.get(i));
        }
    }

    /**
     * The locked thread's highest sequence, 0 when it has none: from the lock statement when the dialect reads it
     * there, else from the memo when it describes the row, else one more statement.
     */
    private static int maxSequence(ThreadMapper mapper, String threadId, ThreadHead head, Optional<WriteMemo.State> state) {
        Integer max = head.maxSequence();
        if (max != null && max == -1) {
            max = state.isPresent() ? Integer.valueOf(state.get().maxSequence()) : mapper.selectMaxSequence(threadId);
        }
        return max == null ? 0 : max;
    }

    /** The digest of a message, computed once per instance (records are immutable). */
    private String digest(Message m) {
        return digests.get(m, RowCodec::digest);
    }

    private void insertMessage(ThreadMapper mapper, String threadId, Message m, String digest) {
        mapper.insertMessage(codec.messageRow(threadId, m, digest));
        for (AttachmentRow a : codec.attachmentRows(threadId, m)) {
            mapper.insertAttachment(a);
        }
    }

    private static void checkThreadUpdated(List<BatchResult> results, String id, long version) {
        for (BatchResult result : results) {
            if (result.getMappedStatement().getId().endsWith(".updateThread")) {
                for (int count : result.getUpdateCounts()) {
                    if (count == 0) {
                        throw ConcurrentUpdateException.versionConflict(id, version, -1);
                    }
                }
            }
        }
    }

    @Override
    public List<Message> append(String threadId, List<Message> messages) {
        requireOpen();
        List<Message> incoming = StoreWrites.messagesToAppend(threadId, messages);
        if (incoming.isEmpty()) {
            boolean exists = transaction(false, "append to", threadId,
                    (session, mapper) -> mapper.selectThread(threadId) != null);
            if (!exists) {
                throw new ThreadNotFoundException(threadId);
            }
            return List.of();
        }
        AppendOutcome outcome = transaction(true, "append to", threadId,
                (session, mapper) -> appendLocked(mapper, threadId, incoming));
        if (!outcome.added().isEmpty()) {
            if (outcome.before() != null) {
                memo.committed(threadId, outcome.before().appended(outcome.version(), outcome.updatedAt(),
                        outcome.maxSequence(), outcome.added()));
            } else {
                memo.forget(threadId);
            }
        }
        List<Message> result = outcome.stored();
        if (cache != null) {
            cache.invalidated(threadId);
        }
        return result;
    }

    /**
     * What an append committed.
     *
     * @param stored the messages as stored, in the order given (retried ones as they were already stored)
     * @param added the messages inserted, by sequence; empty when every message was a retry
     * @param before the memo's state of the thread when it matched the locked row, else null
     * @param version the thread's version after the append
     * @param updatedAt the thread's update time after the append
     * @param maxSequence the thread's highest sequence after the append
     */
    private record AppendOutcome(List<Message> stored, List<Message> added, WriteMemo.@Nullable State before,
                                 long version, Instant updatedAt, int maxSequence) {
    }

    /** Appends inside a write transaction: locks the thread, then places each message or checks its retry. */
    private AppendOutcome appendLocked(ThreadMapper mapper, String threadId, List<Message> incoming) {
        ThreadHead head = mapper.lockThread(threadId);
        if (head == null) {
            throw new ThreadNotFoundException(threadId);
        }
        Instant now = stampAfter(head);
        WriteMemo.State state = memo.matching(threadId, head).orElse(null);
        Map<String, Stored> existing = storedOfIds(mapper, threadId, incoming, state);
        List<Message> stored = new ArrayList<>(incoming.size());
        List<Message> added = new ArrayList<>();
        int sequence = maxSequence(mapper, threadId, head, Optional.ofNullable(state));
        for (Message message : incoming) {
            Stored old = existing.get(message.id());
            if (old == null) {
                Message placed = message.withSequence(++sequence);
                added.add(placed);
                stored.add(placed);
            } else {
                Message same = message.withSequence(old.sequence());
                if (!unchanged(mapper, threadId, same, old)) {
                    throw new ConcurrentUpdateException(threadId, "Message '" + message.id() + "' is already in thread '"
                            + threadId + "' with different content; nothing of this append was written. Append it"
                            + " under a new id, or get() the thread to see the stored message.");
                }
                stored.add(old.message() != null ? old.message() : same);
            }
        }
        for (Message m : added) {
            insertMessage(mapper, threadId, m, digest(m));
        }
        if (added.isEmpty()) {
            return new AppendOutcome(List.copyOf(stored), List.of(), state, head.version(), head.updatedAt(), sequence);
        }
        mapper.touchThread(threadId, now, head.version() + 1);
        mapper.addMessageCounts(threadId, added.size(), sequence);
        return new AppendOutcome(List.copyOf(stored), added, state, head.version() + 1, now, sequence);
    }

    /** The stored messages among the ids to append: from the memo when it describes the row, else their digests. */
    private static Map<String, Stored> storedOfIds(ThreadMapper mapper, String threadId, List<Message> incoming,
                                                   WriteMemo.@Nullable State state) {
        Map<String, Stored> existing = new HashMap<>();
        if (state != null) {
            for (Message m : incoming) {
                state.find(m.id()).ifPresent(k -> existing.put(m.id(), new Stored(k, k.sequence(), null)));
            }
            return existing;
        }
        List<String> ids = incoming.stream().map(Message::id).toList();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            for (DigestRow d : mapper.selectDigests(threadId, ids.subList(from, Math.min(ids.size(), from + CHUNK)))) {
                existing.put(d.id(), new Stored(null, d.sequence(), d.digest()));
            }
        }
        return existing;
    }

    /**
     * The update time of a write to a locked thread, read once the lock is held so that commits of one thread are
     * stamped in their commit order: now, or just after the stored time when the clock is behind it.
     */
    private Instant stampAfter(@Nullable ThreadHead head) {
        Instant now = now();
        if (head != null && !now.isAfter(head.updatedAt())) {
            return head.updatedAt().plus(1, ChronoUnit.MICROS);
        }
        return now;
    }

    @Override
    public Optional<ChatThread> get(String threadId) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        long stamp = 0;
        if (cache != null) {
            Optional<ChatThread> cached = cache.get(threadId);
            if (cached.isPresent()) {
                return cached;
            }
            stamp = cache.stamp();
        }
        List<ChatThread> found = statement("get", threadId, mapper -> loadOne(mapper, threadId));
        if (found == null) {
            found = transaction(false, "get", threadId, (session, mapper) -> load(mapper, List.of(threadId)));
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (cache != null) {
            cache.loaded(threadId, found.get(0), stamp);
        }
        return Optional.of(found.get(0));
    }

    @Override
    public Optional<ChatThread> get(String threadId, MessageWindow window) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        Objects.requireNonNull(window, "window");
        return window instanceof MessageWindow.All ? get(threadId) : conversation.get(threadId, window);
    }

    @Override
    public ChatThread fork(String threadId, int throughSequence, String newThreadId) {
        requireOpen();
        Forks.checkArguments(threadId, throughSequence, newThreadId);
        ChatThread forked;
        try {
            forked = conversation.fork(threadId, throughSequence, newThreadId, now());
        } catch (StorageException e) {
            SQLException sql = sqlCause(e);
            if (sql != null && classify(dialect, sql) == Dialect.Failure.DUPLICATE_KEY) {
                throw Forks.idTaken(newThreadId); // another fork or save created the id after our check
            }
            throw e;
        } finally {
            memo.forget(newThreadId);
        }
        if (cache != null) {
            cache.invalidated(newThreadId);
        }
        return forked;
    }

    @Override
    public boolean delete(String threadId) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        boolean deleted = transaction(true, "delete", threadId, (session, mapper) -> {
            ThreadHead head = mapper.lockThread(threadId);
            if (head == null) {
                return false;
            }
            mapper.deleteThread(threadId);
            return true;
        });
        memo.forget(threadId);
        if (cache != null) {
            cache.invalidated(threadId);
        }
        return deleted;
    }

    /**
     * Deletes the thread and, in the same transaction, decides which of its files no other thread references;
     * the files are deleted after the commit.
     */
    @Override
    public boolean delete(String threadId, FileStore fileStore) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        Objects.requireNonNull(fileStore, "fileStore");
        Optional<Map<String, String>> unreferenced = transaction(true, "delete", threadId,
                (session, mapper) -> deleteKeepingSharedFiles(mapper, threadId));
        memo.forget(threadId);
        if (cache != null) {
            cache.invalidated(threadId);
        }
        unreferenced.ifPresent(files -> AttachmentReferences.deleteFiles(fileStore, files));
        return unreferenced.isPresent();
    }

    /**
     * Within a write: locks the thread, reads its attachment files, deletes it (attachments go by cascade), then
     * asks which of those files another thread's attachment still references. The query runs after the delete
     * in the same transaction, so it sees every other thread as of this moment and the lock keeps the thread's
     * own saves out.
     *
     * @return storage path to file id of the files no thread references any more; empty if there was no thread
     */
    private Optional<Map<String, String>> deleteKeepingSharedFiles(ThreadMapper mapper, String threadId) {
        ThreadHead head = mapper.lockThread(threadId);
        if (head == null) {
            return Optional.empty();
        }
        Map<String, String> files = storedFiles(mapper.selectAttachments(List.of(threadId)));
        mapper.deleteThread(threadId);
        if (!files.isEmpty()) {
            files.keySet().removeAll(referenced(mapper, files.keySet()));
        }
        return Optional.of(files);
    }

    @Override
    public Set<String> referencedStoragePaths(Collection<String> storagePaths) {
        requireOpen();
        Objects.requireNonNull(storagePaths, "storagePaths");
        if (storagePaths.isEmpty()) {
            return Set.of();
        }
        return transaction(false, "check attachment references", null,
                (session, mapper) -> referenced(mapper, storagePaths));
    }

    @Override
    public Optional<Map<String, String>> attachmentFiles(String threadId, long version) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        return transaction(false, "read the attachment files of", threadId, (session, mapper) -> {
            ThreadRow row = mapper.selectThread(threadId);
            if (row == null || row.version() != version) {
                return Optional.<Map<String, String>>empty();
            }
            return Optional.of(storedFiles(mapper.selectAttachments(List.of(threadId))));
        });
    }

    /** Which of the storage paths some attachment row references, asked in chunks. */
    private static Set<String> referenced(ThreadMapper mapper, Collection<String> storagePaths) {
        List<String> paths = List.copyOf(new LinkedHashSet<>(storagePaths));
        Set<String> found = new HashSet<>();
        for (int from = 0; from < paths.size(); from += CHUNK) {
            found.addAll(mapper.selectReferencedStoragePaths(paths.subList(from, Math.min(paths.size(), from + CHUNK))));
        }
        return found;
    }

    /** Storage path to file id of the stored attachments among the rows. */
    private static Map<String, String> storedFiles(List<AttachmentRow> rows) {
        Map<String, String> files = new LinkedHashMap<>();
        for (AttachmentRow a : rows) {
            if ("STORED".equals(a.status()) && a.storagePath() != null && a.fileId() != null) {
                files.putIfAbsent(a.storagePath(), a.fileId());
            }
        }
        return files;
    }

    @Override
    public List<ChatThread> list(int limit, int offset) {
        requireOpen();
        requireNotNegative(limit, "limit");
        requireNotNegative(offset, "offset");
        if (limit == 0) {
            return List.of();
        }
        return List.copyOf(replicaRead("list",
                (session, mapper) -> load(mapper, mapper.selectThreadIds(limit, offset))));
    }

    @Override
    public List<ChatThread> listRecent(int limit) {
        return list(limit, 0);
    }

    @Override
    public List<ChatThread> listRecent() {
        requireOpen();
        return List.copyOf(replicaRead("list",
                (session, mapper) -> load(mapper, mapper.selectThreadIds(null, 0))));
    }

    @Override
    public List<ChatThread> findByAttributes(Map<String, ?> attributes) {
        requireOpen();
        Objects.requireNonNull(attributes, "attributes");
        Map<String, Object> query = JsonValues.copyOf(attributes, "attribute query");
        CandidateQuery candidates = candidateQuery(null, query);
        List<ChatThread> threads = replicaRead("find threads by attributes",
                (session, mapper) -> load(mapper, mapper.selectCandidateIds(candidates)));
        threads.removeIf(t -> !JsonValues.matches(t.attributes(), query));
        return List.copyOf(threads);
    }

    @Override
    public List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) {
        requireOpen();
        StoreWrites.checkKey(sourceName, "sourceName");
        Objects.requireNonNull(properties, "properties");
        Map<String, Object> query = JsonValues.copyOf(properties, "source query");
        CandidateQuery candidates = candidateQuery(sourceName, query);
        List<ChatThread> threads = replicaRead("find threads by source",
                (session, mapper) -> load(mapper, mapper.selectCandidateIds(candidates)));
        threads.removeIf(t -> t.source() == null || !t.source().name().equals(sourceName)
                || !JsonValues.matches(t.source().properties(), query));
        return List.copyOf(threads);
    }

    CandidateQuery candidateQuery(@Nullable String sourceName, Map<String, Object> query) {
        Map<String, Object> present = new LinkedHashMap<>();
        List<IndexEntry> entries = new ArrayList<>();
        query.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            present.put(key, value);
            if (value instanceof String) {
                entries.add(new IndexEntry(key, "text", value));
            } else if (value instanceof Number) {
                entries.add(new IndexEntry(key, "number", value));
            } else if (value instanceof Boolean) {
                entries.add(new IndexEntry(key, "boolean", value));
            } else {
                entries.add(new IndexEntry(key, "structured", RowCodec.json(value)));
            }
        });
        return new CandidateQuery(sourceName, dialect.encodeJson(RowCodec.json(present)), indexed(entries));
    }

    /**
     * The entries a key/value index is asked for: scalar ones first (a structured value matches on its key only),
     * at most {@value #MAX_INDEXED_ENTRIES}, so that any number of keys makes a statement the database accepts
     * (SQLite refuses an expression tree deeper than 1000). The candidates are a superset; every one is checked
     * against the whole query.
     */
    private static List<IndexEntry> indexed(List<IndexEntry> entries) {
        List<IndexEntry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing(e -> e.kind().equals("structured")));
        return ordered.size() <= MAX_INDEXED_ENTRIES ? ordered : ordered.subList(0, MAX_INDEXED_ENTRIES);
    }

    @Override
    public Page<ThreadSummary> summaries(ThreadQuery query) {
        requireOpen();
        Objects.requireNonNull(query, "query");
        return conversation.summaries(query);
    }

    @Override
    public Page<ChatThread> threads(ThreadQuery query) {
        requireOpen();
        Objects.requireNonNull(query, "query");
        return conversation.threads(query);
    }

    @Override
    public long count(ThreadQuery query) {
        requireOpen();
        Objects.requireNonNull(query, "query");
        return conversation.count(query);
    }

    @Override
    public Optional<ChatThread> getThreadByMessageId(String messageId) {
        requireOpen();
        StoreWrites.checkKey(messageId, "messageId");
        List<ChatThread> found = transaction(false, "find the thread of message '" + messageId + "'", null,
                (session, mapper) -> {
                    List<String> ids = mapper.selectThreadIdsByMessageId(messageId);
                    return ids.isEmpty() ? new ArrayList<ChatThread>() : load(mapper, ids.subList(0, 1));
                });
        return found.stream().findFirst();
    }

    /**
     * Loads one thread with a single statement (one snapshot, no transaction needed).
     *
     * @return the thread, or none; null when a message has attachments, which need {@link #load} in a read
     *     transaction
     */
    private @Nullable List<ChatThread> loadOne(ThreadMapper mapper, String threadId) {
        List<ThreadMessageRow> rows = mapper.selectThreadWithMessages(threadId);
        if (rows.isEmpty()) {
            return new ArrayList<>();
        }
        List<Message> messages = new ArrayList<>(rows.size());
        for (ThreadMessageRow row : rows) {
            if (row.hasAttachments()) {
                return null;
            }
            MessageRow m = row.message();
            if (m != null) {
                messages.add(codec.message(m, List.of()));
            }
        }
        List<ChatThread> found = new ArrayList<>(1);
        found.add(codec.thread(rows.get(0).thread(), messages));
        return found;
    }

    /** Loads whole threads, in the order of the given ids, skipping ids that no longer exist. */
    List<ChatThread> load(ThreadMapper mapper, List<String> ids) {
        List<ChatThread> threads = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Map<String, ThreadRow> rows = new HashMap<>();
            for (ThreadRow row : mapper.selectThreads(chunk)) {
                rows.put(row.id(), row);
            }
            Map<String, Map<String, List<AttachmentRow>>> attachments = new HashMap<>();
            for (AttachmentRow a : mapper.selectAttachments(chunk)) {
                attachments.computeIfAbsent(a.threadId(), k -> new HashMap<>())
                        .computeIfAbsent(a.messageId(), k -> new ArrayList<>()).add(a);
            }
            Map<String, List<Message>> messages = new HashMap<>();
            for (MessageRow m : mapper.selectMessages(chunk)) {
                List<AttachmentRow> of = attachments.getOrDefault(m.threadId(), Map.of()).getOrDefault(m.id(), List.of());
                messages.computeIfAbsent(m.threadId(), k -> new ArrayList<>()).add(codec.message(m, of));
            }
            for (String id : chunk) {
                ThreadRow row = rows.get(id);
                if (row != null) {
                    threads.add(codec.thread(row, messages.getOrDefault(id, List.of())));
                }
            }
        }
        return threads;
    }

    @Override
    public Optional<String> databaseUrl() {
        requireOpen();
        return Optional.of(uri.toString());
    }

    @Override
    public Optional<DataSource> dataSource() {
        requireOpen();
        return Optional.of(dataSource);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        requireOpen();
        Objects.requireNonNull(type, "type");
        for (Object candidate : new Object[] {factory, dataSource, factory.getConfiguration(), this}) {
            if (type.isInstance(candidate)) {
                return Optional.of(type.cast(candidate));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (ownedPool != null) {
                ownedPool.close();
            }
            if (replicas != null) {
                replicas.close();
            }
            memo.clear();
            if (cache != null) {
                cache.clear();
            }
        }
    }

    @Override
    public String toString() {
        return "SqlThreadStore[" + dialect.name() + " " + uri + (closed.get() ? ", closed" : "") + "]";
    }

    /** One unit of work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(SqlSession session, ThreadMapper mapper) throws SQLException;
    }

    /**
     * Runs work in one transaction on one connection: a write with the batch executor between
     * {@link Dialect#beginWrite} and {@link Dialect#commit}, a read between {@link Dialect#beginRead} and commit.
     * Anything thrown rolls back; SQL failures are translated, threadstore exceptions pass through.
     */
    <T> T transaction(boolean write, String operation, @Nullable String threadId, Work<T> work) {
        return transaction(dataSource, write, operation, threadId, work);
    }

    /**
     * Runs a read that may lag behind the primary (a listing, a query, a count, a summary) in one read transaction
     * on the read replica's pool when the store has one, else as {@link #transaction} does on the primary. Never for
     * a read a write depends on, nor for {@code get}, which must see the caller's own writes.
     */
    <T> T replicaRead(String operation, Work<T> work) {
        return transaction(replicas != null ? replicas : dataSource, false, operation, null, work);
    }

    private <T> T transaction(DataSource source, boolean write, String operation, @Nullable String threadId,
                              Work<T> work) {
        try (Connection connection = source.getConnection();
             SqlSession session = factory.openSession(write ? ExecutorType.BATCH : ExecutorType.SIMPLE, connection)) {
            if (write) {
                dialect.beginWrite(connection);
            } else {
                dialect.beginRead(connection);
            }
            try {
                T result = work.run(session, session.getMapper(ThreadMapper.class));
                session.flushStatements();
                dialect.commit(connection);
                return result;
            } catch (Throwable t) {
                try {
                    dialect.rollback(connection);
                } catch (SQLException | RuntimeException r) {
                    t.addSuppressed(r);
                }
                throw t;
            }
        } catch (SQLException | PersistenceException e) {
            throw translate(operation, threadId, e);
        }
    }

    /** One unit of work of a single statement. */
    @FunctionalInterface
    private interface Read<T> {
        T run(ThreadMapper mapper) throws SQLException;
    }

    /**
     * Runs one read statement in auto-commit mode, without {@link Dialect#beginRead}: a single statement reads
     * one snapshot on every database, so it needs no transaction around it.
     */
    private <T> T statement(String operation, @Nullable String threadId, Read<T> work) {
        try (Connection connection = dataSource.getConnection();
             SqlSession session = factory.openSession(ExecutorType.SIMPLE, connection)) {
            return work.run(session.getMapper(ThreadMapper.class));
        } catch (SQLException | PersistenceException e) {
            throw translate(operation, threadId, e);
        }
    }

    private RuntimeException translate(String operation, @Nullable String threadId, Exception e) {
        SQLException sql = sqlCause(e);
        Dialect.Failure failure = sql == null ? Dialect.Failure.OTHER : classify(dialect, sql);
        String message = "Could not " + operation + (threadId == null ? "" : " thread '" + threadId + "'") + " in the "
                + dialect.name() + " database " + dialect.describe(uri) + ": "
                + (sql == null ? e.getMessage() : sql.getMessage());
        switch (failure) {
            case TRANSIENT:
                return new StoreUnavailableException(message + ". The database is busy or unreachable; retry later.", e);
            case CONFIGURATION:
                return new StoreConfigurationException(message + ". Check the database's location and permissions.", e);
            default:
                return new StorageException(message, e);
        }
    }

    private static Dialect.Failure classify(Dialect dialect, SQLException e) {
        if (e instanceof SQLTransientException) {
            return Dialect.Failure.TRANSIENT;
        }
        return dialect.classify(e);
    }

    private static @Nullable SQLException sqlCause(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException) {
                SQLException sql = (SQLException) t;
                if (sql.getNextException() != null && sql instanceof java.sql.BatchUpdateException) {
                    return sql.getNextException();
                }
                return sql;
            }
        }
        return null;
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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
