package dev.threadstore.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.Page;
import dev.threadstore.MessageWindow;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.ValueLimits;
import dev.threadstore.spi.AttachmentReferences;
import dev.threadstore.spi.Forks;
import dev.threadstore.spi.JsonValues;
import dev.threadstore.spi.ListOrder;
import dev.threadstore.spi.Retention;
import dev.threadstore.spi.StoreWrites;
import dev.threadstore.spi.ThreadQueries;
import dev.threadstore.spi.ThreadRestore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link ThreadStore}: threads as immutable versions in a Caffeine cache, written
 * atomically per thread, with an index from message id to thread. See the design notes below.
 */
final class MemoryThreadStore implements ThreadStore, AttachmentReferences, ThreadRestore {

    /*
     * Design notes
     *
     * This is the reference implementation of the ThreadStore contract: where the SQL backends and this
     * class disagree, read this class and the TCK to learn what was meant.
     *
     * Storage. Threads live in a Caffeine cache, id -> StoredThread, so that the optional bounds
     * (maximumSize, expireAfterAccess, expireAfterWrite) come for free; unbounded it is a plain concurrent
     * map. A StoredThread is one version of a thread and never changes once published, so every read is a
     * lock-free map lookup and the ChatThread handed out is immutable: results never share mutable state.
     *
     * Writes. Every write to a thread (save, append, delete) runs inside cache.asMap().compute(id, ...),
     * which serialises writers of the same thread and makes each write atomic: the function either returns
     * the next version or throws, and on a throw nothing changes (optimistic-version conflicts, a message
     * re-appended with different content). Writers of different threads do not wait for each other. The
     * remapping functions touch no other cache entry, as Caffeine requires.
     *
     * Append without copying. A StoredThread's messages are a MessageList (dev.threadstore.spi), a prefix of an
     * array that the lists made from one another by plus share: the next version writes the new messages past
     * the end of the current one and publishes a longer prefix. So append neither reads nor copies the thread's
     * messages; sequences are max + 1, ... where max is the list's highest sequence, and the list's id index
     * answers "does this thread already hold that message id" in constant time. save of a thread the caller
     * extended (thread = store.save(thread.withMessage(m))) gets a list that extends the stored one the same way,
     * so it too costs what the new messages cost: the message index learns only the added ids. Any other save
     * compares the two versions' ids.
     *
     * getThreadByMessageId. A MessageIndex maps message id -> ids of the threads holding it. It is changed
     * inside the same compute as the thread (save: the difference of message ids; append: the added ones;
     * delete: all), and by Caffeine's eviction listener, which runs atomically with the eviction. Pairs are
     * counted, so an eviction reported around a compute that re-creates the thread cannot undo it. Lookups
     * check each candidate thread against its current version, so a moment's lag is harmless.
     *
     * Queries. list and listRecent are thin callers of the walk that summaries and threads use (see "Pages"):
     * a ThreadQuery's filter over listOrder, in list order (updatedAt desc, createdAt desc, id by code point as
     * ListOrder and the SQL collations give); attribute matching is JsonValues.matches, the rule every backend
     * shares. findByAttributes, findBySource and count start instead from a FilterIndex, top-level scalar
     * attribute and source entries to thread ids, kept inside each write's compute like listOrder: the
     * smallest candidate set among the query's entries is checked against the whole query and sorted into list
     * order, so a query costs what its candidates cost, not what the store holds. A query with no indexed
     * entry (empty, or only null and structured values) walks. A page uses the index only when the candidates
     * are few; for a common value the walk fills the page sooner.
     *
     * Pages. summaries, threads and count walk listOrder, a skip list of (updatedAt, createdAt, id) positions
     * kept inside each write's compute: the new position is added before the old one is removed, so a reader
     * never misses a thread that is being rewritten, and a reader checks each position against the thread's
     * current version (a stale position is skipped). A page starts with tailSet(cursor position) and stops after
     * limit + 1 matches, so its cost does not grow with the number of threads before it.
     *
     * Retention. A thread whose expiresAt has passed (by the store's clock) stays in the cache, invisible: every
     * read checks it, a write treats it as absent, and deleteExpired purges it. byExpiry orders the threads that
     * have an expiry by (expiresAt, id) and is kept inside each write's compute, like listOrder, so a purge
     * takes the oldest expiries first without a scan. A purge removes each thread in its own compute, which
     * re-checks that the version it found is still the expired one, so concurrent purges and writes never
     * delete a live thread or delete one twice.
     *
     * Bounds. Maintenance (eviction) runs on the calling thread (executor Runnable::run), so no background
     * threads exist and close() has nothing to stop. Listing does not count as access for expireAfterAccess;
     * get, getThreadByMessageId and writes do.
     */

    /** List order: most recently updated first, then most recently created, then id by code point. */
    static final Comparator<StoredThread> LIST_ORDER = Comparator
            .comparing(StoredThread::updatedAt, Comparator.reverseOrder())
            .thenComparing(StoredThread::createdAt, Comparator.reverseOrder())
            .thenComparing(StoredThread::id, ListOrder.CODE_POINT);

    private final Cache<String, StoredThread> cache;
    private final ConcurrentMap<String, StoredThread> threads;
    private final MessageIndex messageIndex = new MessageIndex();
    /** Attribute and source entries to threads; see the design notes, "Queries". */
    private final FilterIndex filterIndex = new FilterIndex();
    /** Every stored version's position in listing order; see the design notes, "Pages". */
    private final ConcurrentSkipListSet<ThreadQueries.Position> listOrder =
            new ConcurrentSkipListSet<>(ThreadQueries.Position.ORDER);
    /** The threads that have an expiry, oldest expiry first; see the design notes, "Retention". */
    private final ConcurrentSkipListSet<Expiry> byExpiry = new ConcurrentSkipListSet<>(Expiry.ORDER);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Clock clock;
    private final Retention retention;

    /** A thread's place in expiry order. */
    private record Expiry(Instant expiresAt, String id) {
        static final Comparator<Expiry> ORDER = Comparator.comparing(Expiry::expiresAt)
                .thenComparing(Expiry::id, ListOrder.CODE_POINT);

        static @Nullable Expiry of(@Nullable StoredThread thread) {
            return thread == null || thread.expiresAt() == null ? null : new Expiry(thread.expiresAt(), thread.id());
        }
    }

    MemoryThreadStore(MemoryStoreOptions options) {
        this(options, Clock.systemUTC());
    }

    /** A store that stamps every updatedAt from the given clock (the TCK's tie-break tests use a fixed one). */
    MemoryThreadStore(MemoryStoreOptions options, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = options.retention();
        this.cache = options.applyTo(Caffeine.newBuilder())
                .executor(Runnable::run)
                .<String, StoredThread>evictionListener((threadId, evicted, cause) -> {
                    if (threadId != null && evicted != null) {
                        messageIndex.remove(threadId, evicted.messageIds());
                        filterIndex.replace(threadId, evicted, null);
                        listOrder.remove(evicted.position());
                        Expiry expiry = Expiry.of(evicted);
                        if (expiry != null) {
                            byExpiry.remove(expiry);
                        }
                    }
                })
                .build();
        this.threads = cache.asMap();
    }

    @Override
    public ChatThread save(ChatThread thread) {
        requireOpen();
        List<Message> messages = StoreWrites.messagesToSave(thread);
        StoredThread saved = threads.compute(thread.id(), (threadId, current) -> {
            Instant now = now();
            StoredThread live = live(current, now); // an expired thread is absent: version 0 replaces it
            long storedVersion = live == null ? -1 : live.version();
            boolean versionMatches = thread.version() == 0 ? live == null : storedVersion == thread.version();
            if (!versionMatches) {
                throw ConcurrentUpdateException.versionConflict(threadId, thread.version(), storedVersion);
            }
            StoredThread next = StoredThread.of(storedForm(thread, messages, live, now)
                    .withExpiresAt(retention.onSave(thread.expiresAt(), now)));
            if (current != null) {
                messageIndex.remove(threadId, current.messageIdsRemovedBy(next));
            }
            messageIndex.add(threadId, next.messageIdsAddedSince(current));
            reindex(current, next);
            return next;
        });
        return saved.toThread();
    }

    /**
     * Publishes the thread as given, in the thread's compute like a save, with the same index upkeep; a live
     * thread equal to it is left as it is, a different one is replaced only when asked.
     */
    @Override
    public Outcome restore(ChatThread thread, boolean replace) {
        requireOpen();
        ChatThread restored = ThreadRestore.checkRestorable(thread);
        AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.CREATED);
        threads.compute(restored.id(), (threadId, current) -> {
            StoredThread live = live(current, now());
            if (live != null && live.toThread().equals(restored)) {
                outcome.set(Outcome.UNCHANGED);
                return current;
            }
            if (live != null && !replace) {
                throw new ConcurrentUpdateException(threadId, "Thread '" + threadId + "' is already stored at version "
                        + live.version() + " with other content; nothing was restored. Restore with replace to"
                        + " overwrite it, or delete it first.");
            }
            outcome.set(live == null ? Outcome.CREATED : Outcome.REPLACED);
            StoredThread next = StoredThread.of(restored);
            if (current != null) {
                messageIndex.remove(threadId, current.messageIdsRemovedBy(next));
            }
            messageIndex.add(threadId, next.messageIdsAddedSince(current));
            reindex(current, next);
            return next;
        });
        return Objects.requireNonNull(outcome.get(), "outcome"); // set on every path of the compute above
    }

    /**
     * The thread as it will be stored: unplaced messages after the highest sequence, messages sorted by
     * sequence, attachment bytes dropped, createdAt kept from the stored version, updatedAt and version stamped.
     */
    private static ChatThread storedForm(ChatThread thread, List<Message> messages, @Nullable StoredThread current,
                                          Instant now) {
        return thread.toBuilder()
                .messages(messages)
                .createdAt(current == null ? thread.createdAt() : current.createdAt())
                .updatedAt(now)
                .version(current == null ? 1 : current.version() + 1)
                .build();
    }

    @Override
    public List<Message> append(String threadId, List<Message> messages) {
        requireOpen();
        List<Message> incoming = StoreWrites.messagesToAppend(threadId, messages);
        AtomicReference<List<Message>> result = new AtomicReference<>(List.of());
        threads.compute(threadId, (id, current) -> {
            Instant now = now();
            if (live(current, now) == null) {
                throw new ThreadNotFoundException(id);
            }
            List<Message> stored = new ArrayList<>(incoming.size());
            List<Message> added = new ArrayList<>(incoming.size());
            int sequence = current.maxSequence();
            for (Message message : incoming) {
                Optional<Message> existing = current.message(message.id());
                if (existing.isEmpty()) {
                    Message placed = message.withSequence(++sequence);
                    added.add(placed);
                    stored.add(placed);
                } else if (existing.get().equals(message.withSequence(existing.get().sequence()))) {
                    stored.add(existing.get());
                } else {
                    throw new ConcurrentUpdateException(id, "Message '" + message.id() + "' is already in thread '"
                            + id + "' with different content; nothing of this append was written. Append it under"
                            + " a new id, or get() the thread to see the stored message.");
                }
            }
            result.set(List.copyOf(stored));
            if (added.isEmpty()) {
                return current;
            }
            StoredThread next = current.withAppended(added, now, retention.onAppend(current.expiresAt(), now));
            messageIndex.add(id, added.stream().map(Message::id).toList());
            reindex(current, next);
            return next;
        });
        return Objects.requireNonNull(result.get());
    }

    @Override
    public Optional<ChatThread> get(String threadId) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        return Optional.ofNullable(live(cache.getIfPresent(threadId), now())).map(StoredThread::toThread);
    }

    @Override
    public Optional<ChatThread> get(String threadId, MessageWindow window) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        Objects.requireNonNull(window, "window");
        return Optional.ofNullable(live(cache.getIfPresent(threadId), now())).map(thread -> thread.toThread(window));
    }

    /**
     * The fork is made from one immutable version of the original, read before the new id's compute (which
     * touches no other entry), and published atomically by that compute.
     */
    @Override
    public ChatThread fork(String threadId, int throughSequence, String newThreadId) {
        requireOpen();
        Forks.checkArguments(threadId, throughSequence, newThreadId);
        StoredThread original = live(cache.getIfPresent(threadId), now());
        if (original == null) {
            throw new ThreadNotFoundException(threadId);
        }
        StoredThread forked = threads.compute(newThreadId, (id, current) -> {
            Instant now = now();
            if (live(current, now) != null) {
                throw Forks.idTaken(id);
            }
            Forks.checkThroughSequence(threadId, throughSequence, original.maxSequence());
            ChatThread fork = Forks.fork(original.toThread(), throughSequence, id, now);
            StoredThread next = StoredThread.of(fork.withExpiresAt(retention.onSave(null, now)));
            if (current != null) {
                messageIndex.remove(id, current.messageIds()); // an expired thread the fork replaces
            }
            messageIndex.add(id, next.messageIds());
            reindex(current, next);
            return next;
        });
        return forked.toThread();
    }

    @Override
    public boolean delete(String threadId) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        AtomicBoolean existed = new AtomicBoolean();
        threads.compute(threadId, (id, current) -> {
            if (current != null) {
                existed.set(live(current, now()) != null); // an expired thread goes too, but did not exist
                messageIndex.remove(id, current.messageIds());
                reindex(current, null);
            }
            return null;
        });
        return existed.get();
    }

    /**
     * Removes the thread and, in the same compute, decides which of its files no other thread references
     * (a scan of the other threads' attachments, as every query here is a scan); the files go after.
     */
    @Override
    public boolean delete(String threadId, FileStore fileStore) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        Objects.requireNonNull(fileStore, "fileStore");
        AtomicReference<Map<String, String>> unreferenced = new AtomicReference<>();
        AtomicBoolean existed = new AtomicBoolean();
        threads.compute(threadId, (id, current) -> {
            if (current != null) {
                existed.set(live(current, now()) != null);
                unreferenced.set(removeKeepingSharedFiles(current));
            }
            return null;
        });
        if (unreferenced.get() == null) {
            return false;
        }
        AttachmentReferences.deleteFiles(fileStore, unreferenced.get());
        return existed.get();
    }

    /**
     * Inside the thread's compute, which then returns null: drops it from the indexes and decides which of its
     * stored files no other thread references.
     *
     * @return storage path to file id of the files to delete once the compute is done
     */
    private Map<String, String> removeKeepingSharedFiles(StoredThread current) {
        messageIndex.remove(current.id(), current.messageIds());
        reindex(current, null);
        Map<String, String> files = new LinkedHashMap<>(AttachmentReferences.storedFiles(current.toThread()));
        files.keySet().removeAll(referencedOutside(current.id(), files.keySet()));
        return files;
    }

    @Override
    public int deleteExpired(int maxThreads) {
        requireOpen();
        Retention.checkMaxThreads(maxThreads);
        return purgeExpired(maxThreads, new LinkedHashMap<>());
    }

    @Override
    public int deleteExpired(int maxThreads, FileStore fileStore) {
        requireOpen();
        Retention.checkMaxThreads(maxThreads);
        Objects.requireNonNull(fileStore, "fileStore");
        Map<String, String> unreferenced = new LinkedHashMap<>();
        int deleted = purgeExpired(maxThreads, unreferenced);
        AttachmentReferences.deleteFiles(fileStore, unreferenced);
        return deleted;
    }

    /**
     * Removes up to {@code maxThreads} expired threads, oldest expiry first, each in its own compute that checks
     * the version it removes is still the expired one (a concurrent write may have renewed it, a concurrent purge
     * removed it). The files of each removed thread that no other thread references join {@code unreferenced};
     * a file shared by two expired threads goes with the second.
     */
    private int purgeExpired(int maxThreads, Map<String, String> unreferenced) {
        Instant now = now();
        int deleted = 0;
        for (Expiry expiry : byExpiry) {
            if (deleted >= maxThreads || expiry.expiresAt().isAfter(now)) {
                break;
            }
            AtomicBoolean removed = new AtomicBoolean();
            threads.computeIfPresent(expiry.id(), (id, current) -> {
                if (!expiry.equals(Expiry.of(current)) || !current.isExpiredAt(now)) {
                    return current;
                }
                unreferenced.putAll(removeKeepingSharedFiles(current));
                removed.set(true);
                return null;
            });
            if (removed.get()) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public Set<String> referencedStoragePaths(Collection<String> storagePaths) {
        requireOpen();
        return referencedOutside(null, storagePaths);
    }

    @Override
    public Optional<Map<String, String>> attachmentFiles(String threadId, long version) {
        requireOpen();
        return Optional.ofNullable(threads.get(threadId))
                .filter(thread -> thread.version() == version)
                .map(thread -> AttachmentReferences.storedFiles(thread.toThread()));
    }

    /** Which of the paths an attachment of a thread other than {@code exceptThreadId} references. */
    private Set<String> referencedOutside(@Nullable String exceptThreadId, Collection<String> storagePaths) {
        Set<String> wanted = new HashSet<>(storagePaths);
        Set<String> found = new HashSet<>();
        if (wanted.isEmpty()) {
            return found;
        }
        for (StoredThread thread : threads.values()) {
            if (thread.id().equals(exceptThreadId)) {
                continue;
            }
            for (String path : AttachmentReferences.storedFiles(thread.toThread()).keySet()) {
                if (wanted.contains(path)) {
                    found.add(path);
                }
            }
        }
        return found;
    }

    @Override
    public List<ChatThread> list(int limit, int offset) {
        requireOpen();
        requireNotNegative(limit, "limit");
        requireNotNegative(offset, "offset");
        return walk(ThreadQuery.all(), null).skip(offset).limit(limit).map(StoredThread::toThread).toList();
    }

    @Override
    public List<ChatThread> listRecent(int limit) {
        return list(limit, 0);
    }

    @Override
    public List<ChatThread> listRecent() {
        requireOpen();
        return walk(ThreadQuery.all(), null).map(StoredThread::toThread).toList();
    }

    @Override
    public List<ChatThread> findByAttributes(Map<String, ?> attributes) {
        requireOpen();
        Objects.requireNonNull(attributes, "attributes");
        Map<String, Object> query = JsonValues.copyOf(attributes, "attribute query");
        return matching(ThreadQuery.all().attributes(query)).map(StoredThread::toThread).toList();
    }

    @Override
    public List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) {
        requireOpen();
        StoreWrites.checkKey(sourceName, "sourceName");
        Objects.requireNonNull(properties, "properties");
        Map<String, Object> query = JsonValues.copyOf(properties, "source property query");
        return matching(ThreadQuery.all().source(sourceName, query)).map(StoredThread::toThread).toList();
    }

    @Override
    public Page<ThreadSummary> summaries(ThreadQuery query) {
        requireOpen();
        Objects.requireNonNull(query, "query");
        return ThreadQueries.page(query, pageOf(query).stream().map(StoredThread::summary).toList(),
                s -> new ThreadQueries.Position(s.updatedAt(), s.createdAt(), s.id()));
    }

    @Override
    public Page<ChatThread> threads(ThreadQuery query) {
        requireOpen();
        Objects.requireNonNull(query, "query");
        return ThreadQueries.page(query, pageOf(query).stream().map(StoredThread::toThread).toList(),
                t -> new ThreadQueries.Position(t.updatedAt(), t.createdAt(), t.id()));
    }

    @Override
    public long count(ThreadQuery query) {
        requireOpen();
        Objects.requireNonNull(query, "query");
        return matching(query).count();
    }

    /**
     * Up to limit + 1 current versions that match, in listing order after the query's cursor: from the filter
     * index when its candidates are few (under an eighth of the threads), else by the walk, which stops once
     * the page is full and so costs little when matches are common.
     */
    private List<StoredThread> pageOf(ThreadQuery query) {
        ThreadQueries.Position start = ThreadQueries.start(query);
        Set<String> candidates = candidates(query);
        if (candidates != null && candidates.size() * 8L <= threads.size()) {
            return fromIndex(query, candidates).filter(t -> ThreadQueries.isAfter(start, t.position()))
                    .limit(query.limit() + 1L).toList();
        }
        return walk(query, start).limit(query.limit() + 1L).toList();
    }

    /** Every live current version that matches the query's filters, in listing order. */
    private Stream<StoredThread> matching(ThreadQuery query) {
        Set<String> candidates = candidates(query);
        return candidates == null ? walk(query, null) : fromIndex(query, candidates);
    }

    /** @return the ids the filter index offers for the query's attribute and source entries; null: none indexed */
    private @Nullable Set<String> candidates(ThreadQuery query) {
        return filterIndex.candidates(query.attributes(), query.sourceName(), query.sourceProperties());
    }

    /** The candidates' live current versions that match the query, sorted into listing order. */
    private Stream<StoredThread> fromIndex(ThreadQuery query, Set<String> candidates) {
        Instant now = now();
        List<StoredThread> found = new ArrayList<>();
        for (String id : candidates) {
            StoredThread thread = cache.policy().getIfPresentQuietly(id); // listing is not an access
            if (thread != null && !thread.isExpiredAt(now) && matches(query, thread)) {
                found.add(thread);
            }
        }
        found.sort(LIST_ORDER);
        return found.stream();
    }

    /**
     * The live current versions that match the query's filters, in listing order after {@code start} (null: from
     * the first), walking listOrder from the later of {@code start} and the query's {@code updatedBefore}, and
     * stopping at its {@code updatedAfter}. Lazy: a caller that takes a page stops the walk there.
     */
    private Stream<StoredThread> walk(ThreadQuery query, ThreadQueries.@Nullable Position start) {
        Instant before = query.updatedBefore();
        if (before != null && (start == null || start.updatedAt().isAfter(before))) {
            start = new ThreadQueries.Position(before, ValueLimits.MIN_INSTANT, "");
        }
        Instant now = now();
        Instant after = query.updatedAfter();
        return (start == null ? listOrder : listOrder.tailSet(start, false)).stream()
                .takeWhile(position -> after == null || position.updatedAt().isAfter(after))
                .map(this::current)
                .filter(thread -> thread != null && !thread.isExpiredAt(now) && matches(query, thread));
    }

    /** The thread at this position, if the position is still its current version's. */
    private @Nullable StoredThread current(ThreadQueries.Position position) {
        StoredThread thread = cache.policy().getIfPresentQuietly(position.id()); // listing is not an access
        return thread != null && thread.position().equals(position) ? thread : null;
    }

    /** @return the thread unless it is null or expired at {@code now} */
    private static @Nullable StoredThread live(@Nullable StoredThread thread, Instant now) {
        return thread == null || thread.isExpiredAt(now) ? null : thread;
    }

    private static boolean matches(ThreadQuery query, StoredThread thread) {
        return ThreadQueries.matches(query, thread.attributes(), thread.source(), thread.updatedAt());
    }

    /** Inside a thread's compute: the new version's position goes in before the old one goes out. */
    private void reindex(@Nullable StoredThread before, @Nullable StoredThread after) {
        StoredThread either = after != null ? after : before;
        if (either != null) {
            filterIndex.replace(either.id(), before, after);
        }
        if (after != null) {
            listOrder.add(after.position());
        }
        if (before != null && (after == null || !before.position().equals(after.position()))) {
            listOrder.remove(before.position());
        }
        Expiry was = Expiry.of(before);
        Expiry is = Expiry.of(after);
        if (is != null) {
            byExpiry.add(is);
        }
        if (was != null && !was.equals(is)) {
            byExpiry.remove(was);
        }
    }

    @Override
    public Optional<ChatThread> getThreadByMessageId(String messageId) {
        requireOpen();
        StoreWrites.checkKey(messageId, "messageId");
        Instant now = now();
        return messageIndex.threadIds(messageId).stream()
                .map(id -> live(cache.getIfPresent(id), now))
                .filter(Objects::nonNull)
                .filter(thread -> thread.message(messageId).isPresent())
                .min(LIST_ORDER)
                .map(StoredThread::toThread);
    }

    @Override
    public Optional<String> databaseUrl() {
        requireOpen();
        return Optional.empty();
    }

    @Override
    public Optional<DataSource> dataSource() {
        requireOpen();
        return Optional.empty();
    }

    /**
     * The Caffeine {@link Cache} that holds the threads, for statistics and inspection, and this store as its
     * {@link ThreadRestore} (so that a store decorating this one can pass it on); nothing else.
     */
    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        requireOpen();
        Objects.requireNonNull(type, "type");
        if (type == ThreadRestore.class) {
            return Optional.of(type.cast(this));
        }
        return type == Cache.class ? Optional.of(type.cast(cache)) : Optional.empty();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cache.invalidateAll();
            messageIndex.clear();
            filterIndex.clear();
            listOrder.clear();
            byExpiry.clear();
        }
    }

    /** @return how many positions the listing index holds (for tests) */
    int indexedPositions() {
        return listOrder.size();
    }

    /** @return how many attribute and source keys the filter index holds (for tests) */
    int indexedFilterKeys() {
        return filterIndex.size();
    }

    /** @return how many message ids the index holds (for tests) */
    int indexedMessageIds() {
        return messageIndex.size();
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


    /** Attachments are stored as metadata: any bytes a non-pending attachment still carries are dropped. */
}
