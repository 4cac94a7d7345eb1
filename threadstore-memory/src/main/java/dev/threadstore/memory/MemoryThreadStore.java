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
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.ValueLimits;
import dev.threadstore.spi.AttachmentReferences;
import dev.threadstore.spi.Forks;
import dev.threadstore.spi.JsonValues;
import dev.threadstore.spi.ListOrder;
import dev.threadstore.spi.StoreWrites;
import dev.threadstore.spi.ThreadQueries;
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
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link ThreadStore}: threads as immutable versions in a Caffeine cache, written
 * atomically per thread, with an index from message id to thread. See the design notes below.
 */
final class MemoryThreadStore implements ThreadStore, AttachmentReferences {

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
     * Append without copying. A StoredThread keeps its messages as a prefix of an array that the versions
     * made by append share: the next version writes the new messages past the end of the current one and
     * publishes a longer prefix. So append neither reads nor copies the thread's messages; sequences are
     * max + 1, ... where max is the last slot's sequence, and the per-array id -> slot map answers "does
     * this thread already hold that message id" in constant time. save replaces the whole version (a new
     * array), since the caller hands over the whole thread anyway.
     *
     * getThreadByMessageId. A MessageIndex maps message id -> ids of the threads holding it. It is changed
     * inside the same compute as the thread (save: the difference of message ids; append: the added ones;
     * delete: all), and by Caffeine's eviction listener, which runs atomically with the eviction. Pairs are
     * counted, so an eviction reported around a compute that re-creates the thread cannot undo it. Lookups
     * check each candidate thread against its current version, so a moment's lag is harmless.
     *
     * Queries. list, findByAttributes and findBySource scan every thread and sort in list order
     * (updatedAt desc, createdAt desc, id by code point as ListOrder and the SQL collations give);
     * attribute matching is JsonValues.matches, the rule every backend shares. A scan is the honest cost
     * of an in-memory store without secondary indexes, and keeps this class easy to check against the
     * contract. (summaries, threads and count walk the listOrder index instead: see "Pages".)
     *
     * Pages. summaries, threads and count walk listOrder, a skip list of (updatedAt, createdAt, id) positions
     * kept inside each write's compute: the new position is added before the old one is removed, so a reader
     * never misses a thread that is being rewritten, and a reader checks each position against the thread's
     * current version (a stale position is skipped). A page starts with tailSet(cursor position) and stops after
     * limit + 1 matches, so its cost does not grow with the number of threads before it.
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
    /** Every stored version's position in listing order; see the design notes, "Pages". */
    private final ConcurrentSkipListSet<ThreadQueries.Position> listOrder =
            new ConcurrentSkipListSet<>(ThreadQueries.Position.ORDER);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Clock clock;

    MemoryThreadStore(MemoryStoreOptions options) {
        this(options, Clock.systemUTC());
    }

    /** A store that stamps every updatedAt from the given clock (the TCK's tie-break tests use a fixed one). */
    MemoryThreadStore(MemoryStoreOptions options, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = options.applyTo(Caffeine.newBuilder())
                .executor(Runnable::run)
                .<String, StoredThread>evictionListener((threadId, evicted, cause) -> {
                    if (threadId != null && evicted != null) {
                        messageIndex.remove(threadId, evicted.messageIds());
                        listOrder.remove(evicted.position());
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
            long storedVersion = current == null ? -1 : current.version();
            boolean versionMatches = thread.version() == 0 ? current == null : storedVersion == thread.version();
            if (!versionMatches) {
                throw ConcurrentUpdateException.versionConflict(threadId, thread.version(), storedVersion);
            }
            StoredThread next = StoredThread.of(storedForm(thread, messages, current, now()));
            Set<String> before = current == null ? Set.of() : new HashSet<>(current.messageIds());
            Set<String> after = new HashSet<>(next.messageIds());
            messageIndex.remove(threadId, difference(before, after));
            messageIndex.add(threadId, difference(after, before));
            reindex(current, next);
            return next;
        });
        return saved.toThread();
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
            if (current == null) {
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
            StoredThread next = current.withAppended(added, now());
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
        return Optional.ofNullable(cache.getIfPresent(threadId)).map(StoredThread::toThread);
    }

    @Override
    public Optional<ChatThread> get(String threadId, MessageWindow window) {
        requireOpen();
        StoreWrites.checkKey(threadId, "threadId");
        Objects.requireNonNull(window, "window");
        return Optional.ofNullable(cache.getIfPresent(threadId)).map(thread -> thread.toThread(window));
    }

    /**
     * The fork is made from one immutable version of the original, read before the new id's compute (which
     * touches no other entry), and published atomically by that compute.
     */
    @Override
    public ChatThread fork(String threadId, int throughSequence, String newThreadId) {
        requireOpen();
        Forks.checkArguments(threadId, throughSequence, newThreadId);
        StoredThread original = cache.getIfPresent(threadId);
        if (original == null) {
            throw new ThreadNotFoundException(threadId);
        }
        StoredThread forked = threads.compute(newThreadId, (id, current) -> {
            if (current != null) {
                throw Forks.idTaken(id);
            }
            Forks.checkThroughSequence(threadId, throughSequence, original.maxSequence());
            StoredThread next = StoredThread.of(Forks.fork(original.toThread(), throughSequence, id, now()));
            messageIndex.add(id, next.messageIds());
            reindex(null, next);
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
                existed.set(true);
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
        threads.compute(threadId, (id, current) -> {
            if (current != null) {
                messageIndex.remove(id, current.messageIds());
                reindex(current, null);
                Map<String, String> files = new LinkedHashMap<>(AttachmentReferences.storedFiles(current.toThread()));
                files.keySet().removeAll(referencedOutside(id, files.keySet()));
                unreferenced.set(files);
            }
            return null;
        });
        if (unreferenced.get() == null) {
            return false;
        }
        AttachmentReferences.deleteFiles(fileStore, unreferenced.get());
        return true;
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
        return inListOrder(all -> true).skip(offset).limit(limit).map(StoredThread::toThread).toList();
    }

    @Override
    public List<ChatThread> listRecent(int limit) {
        return list(limit, 0);
    }

    @Override
    public List<ChatThread> listRecent() {
        requireOpen();
        return inListOrder(all -> true).map(StoredThread::toThread).toList();
    }

    @Override
    public List<ChatThread> findByAttributes(Map<String, ?> attributes) {
        requireOpen();
        Objects.requireNonNull(attributes, "attributes");
        Map<String, Object> query = JsonValues.copyOf(attributes, "attribute query");
        return inListOrder(thread -> JsonValues.matches(thread.attributes(), query))
                .map(StoredThread::toThread).toList();
    }

    @Override
    public List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) {
        requireOpen();
        StoreWrites.checkKey(sourceName, "sourceName");
        Objects.requireNonNull(properties, "properties");
        Map<String, Object> query = JsonValues.copyOf(properties, "source property query");
        return inListOrder(thread -> {
            ThreadSource source = thread.source();
            return source != null && source.name().equals(sourceName) && JsonValues.matches(source.properties(), query);
        }).map(StoredThread::toThread).toList();
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
        long count = 0;
        for (ThreadQueries.Position position : listOrder) {
            StoredThread thread = current(position);
            if (thread != null && matches(query, thread)) {
                count++;
            }
        }
        return count;
    }

    /** Up to limit + 1 current versions that match, in listing order after the query's cursor. */
    private List<StoredThread> pageOf(ThreadQuery query) {
        ThreadQueries.Position start = ThreadQueries.start(query);
        Instant before = query.updatedBefore();
        if (before != null && (start == null || start.updatedAt().isAfter(before))) {
            start = new ThreadQueries.Position(before, ValueLimits.MIN_INSTANT, "");
        }
        List<StoredThread> found = new ArrayList<>(query.limit() + 1);
        for (ThreadQueries.Position position : start == null ? listOrder : listOrder.tailSet(start, false)) {
            if (query.updatedAfter() != null && !position.updatedAt().isAfter(query.updatedAfter())) {
                break;
            }
            StoredThread thread = current(position);
            if (thread != null && matches(query, thread)) {
                found.add(thread);
                if (found.size() > query.limit()) {
                    break;
                }
            }
        }
        return found;
    }

    /** The thread at this position, if the position is still its current version's. */
    private @Nullable StoredThread current(ThreadQueries.Position position) {
        StoredThread thread = cache.policy().getIfPresentQuietly(position.id()); // listing is not an access
        return thread != null && thread.position().equals(position) ? thread : null;
    }

    private static boolean matches(ThreadQuery query, StoredThread thread) {
        return ThreadQueries.matches(query, thread.attributes(), thread.source(), thread.updatedAt());
    }

    /** Inside a thread's compute: the new version's position goes in before the old one goes out. */
    private void reindex(@Nullable StoredThread before, @Nullable StoredThread after) {
        if (after != null) {
            listOrder.add(after.position());
        }
        if (before != null && (after == null || !before.position().equals(after.position()))) {
            listOrder.remove(before.position());
        }
    }

    @Override
    public Optional<ChatThread> getThreadByMessageId(String messageId) {
        requireOpen();
        StoreWrites.checkKey(messageId, "messageId");
        return messageIndex.threadIds(messageId).stream()
                .map(cache::getIfPresent)
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

    /** The Caffeine {@link Cache} that holds the threads, for statistics and inspection; nothing else. */
    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        requireOpen();
        Objects.requireNonNull(type, "type");
        return type == Cache.class ? Optional.of(type.cast(cache)) : Optional.empty();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cache.invalidateAll();
            messageIndex.clear();
            listOrder.clear();
        }
    }

    /** @return how many positions the listing index holds (for tests) */
    int indexedPositions() {
        return listOrder.size();
    }

    /** @return how many message ids the index holds (for tests) */
    int indexedMessageIds() {
        return messageIndex.size();
    }

    private Stream<StoredThread> inListOrder(Predicate<StoredThread> filter) {
        return threads.values().stream().filter(filter).sorted(LIST_ORDER);
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

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.removeAll(b);
        return result;
    }

    /** Attachments are stored as metadata: any bytes a non-pending attachment still carries are dropped. */
}
