package com.example.toystore;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadStore;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.AttachmentReferences;
import dev.threadstore.spi.JsonValues;
import dev.threadstore.spi.Retention;
import dev.threadstore.spi.ThreadQueries;
import dev.threadstore.spi.ThreadRestore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A third-party backend written against the public API alone: a map of immutable threads behind one
 * lock. It exists to prove that {@code threadstore-api} plus {@code threadstore-tck} are enough to
 * write a backend and check it, so it favours obviously correct over fast (every call takes the lock;
 * listings sort every thread).
 */
final class ToyThreadStore implements ThreadStore, ThreadRestore {

    /** Ids in Unicode code point order. */
    private static final Comparator<String> CODE_POINTS = (a, b) -> java.util.Arrays.compare(a.codePoints().toArray(),
            b.codePoints().toArray());

    private static final Comparator<ChatThread> LIST_ORDER = Comparator.comparing(ChatThread::updatedAt)
            .reversed()
            .thenComparing(Comparator.comparing(ChatThread::createdAt).reversed())
            .thenComparing(ChatThread::id, CODE_POINTS);

    /** Every stored thread, expired ones too until deleteExpired or a write removes them. */
    private final Map<String, ChatThread> threads = new HashMap<>();
    private final Clock clock;
    private final Retention retention;
    private volatile boolean closed;

    ToyThreadStore() {
        this(Clock.systemUTC());
    }

    /** A store that stamps updatedAt from the given clock. */
    ToyThreadStore(Clock clock) {
        this(clock, Retention.none());
    }

    /** A store that stamps updatedAt from the given clock and gives threads expiries by the retention rule. */
    ToyThreadStore(Clock clock, Retention retention) {
        this.clock = clock;
        this.retention = retention;
    }

    /** The live thread of that id: expired threads are as good as deleted. Called under the lock. */
    private @Nullable ChatThread live(String threadId) {
        ChatThread thread = threads.get(threadId);
        return thread == null || thread.isExpiredAt(now()) ? null : thread;
    }

    @Override
    public ChatThread save(ChatThread thread) {
        Objects.requireNonNull(thread, "thread");
        checkOpen();
        if (thread.window() != null) {
            throw new IllegalArgumentException("Thread '" + thread.id() + "' is windowed (" + thread.window()
                    + "): it holds only some of its messages, so it cannot be saved");
        }
        if (thread.hasPendingAttachments()) {
            throw new IllegalArgumentException("Thread '" + thread.id() + "' holds a pending attachment; a FileStore "
                    + "is required to store its bytes: use save(thread, fileStore)");
        }
        synchronized (this) {
            ChatThread stored = live(thread.id());
            long storedVersion = stored == null ? -1 : stored.version();
            if (thread.version() == 0 ? stored != null : storedVersion != thread.version()) {
                throw ConcurrentUpdateException.versionConflict(thread.id(), thread.version(), storedVersion);
            }
            int next = thread.maxSequence();
            List<Message> messages = new ArrayList<>(thread.messages().size());
            for (Message m : thread.messages()) {
                messages.add(metadataOnly(m.sequence() == 0 ? m.withSequence(++next) : m));
            }
            messages.sort(Comparator.comparingInt(Message::sequence));
            ChatThread saved = thread.toBuilder()
                    .messages(messages)
                    .createdAt(stored == null ? thread.createdAt() : stored.createdAt())
                    .updatedAt(now())
                    .version(stored == null ? 1 : stored.version() + 1)
                    .expiresAt(retention.onSave(thread.expiresAt(), now()))
                    .build();
            threads.put(saved.id(), saved);
            return saved;
        }
    }

    /** Restore, as a third-party backend writes it from the SPI's javadoc alone. */
    @Override
    public Outcome restore(ChatThread thread, boolean replace) {
        ChatThread restored = ThreadRestore.checkRestorable(thread);
        checkOpen();
        synchronized (this) {
            ChatThread stored = live(restored.id());
            if (stored != null && stored.equals(restored)) {
                return Outcome.UNCHANGED;
            }
            if (stored != null && !replace) {
                throw new ConcurrentUpdateException(restored.id(), "Thread '" + restored.id()
                        + "' is stored with other content; nothing was restored");
            }
            threads.put(restored.id(), restored);
            return stored == null ? Outcome.CREATED : Outcome.REPLACED;
        }
    }

    @Override
    public Optional<ChatThread> get(String threadId) {
        JsonValues.checkText(Objects.requireNonNull(threadId, "threadId"), "threadId");
        checkOpen();
        synchronized (this) {
            return Optional.ofNullable(live(threadId));
        }
    }

    @Override
    public ChatThread fork(String threadId, int throughSequence, String newThreadId) {
        JsonValues.checkText(Objects.requireNonNull(threadId, "threadId"), "threadId");
        JsonValues.checkText(Objects.requireNonNull(newThreadId, "newThreadId"), "newThreadId");
        checkOpen();
        if (newThreadId.isBlank()) {
            throw new IllegalArgumentException("newThreadId must not be blank");
        }
        if (throughSequence < 0) {
            throw new IllegalArgumentException("throughSequence must not be negative, got " + throughSequence);
        }
        synchronized (this) {
            ChatThread original = live(threadId);
            if (original == null) {
                throw new ThreadNotFoundException(threadId);
            }
            if (live(newThreadId) != null) {
                throw new ConcurrentUpdateException(newThreadId, "A thread '" + newThreadId + "' exists; cannot fork"
                        + " onto it");
            }
            if (throughSequence > original.maxSequence()) {
                throw new IllegalArgumentException("throughSequence " + throughSequence + " is past the last sequence"
                        + " of thread '" + threadId + "'");
            }
            Map<String, Object> attributes = new java.util.LinkedHashMap<>(original.attributes());
            attributes.put("forkedFrom", Map.of("threadId", threadId, "sequence", (long) throughSequence));
            Instant now = now();
            ChatThread fork = original.toBuilder()
                    .id(newThreadId)
                    .messages(original.messages().stream().filter(m -> m.sequence() <= throughSequence).toList())
                    .attributes(attributes)
                    .createdAt(now)
                    .updatedAt(now)
                    .version(1)
                    .expiresAt(retention.onSave(null, now))
                    .build();
            threads.put(newThreadId, fork);
            return fork;
        }
    }

    @Override
    public boolean delete(String threadId) {
        JsonValues.checkText(Objects.requireNonNull(threadId, "threadId"), "threadId");
        checkOpen();
        synchronized (this) {
            boolean existed = live(threadId) != null;
            threads.remove(threadId);
            return existed;
        }
    }

    /**
     * Decides which files go under the same lock as the delete, so a save that adds a file to this thread either
     * commits before (its file is seen and deleted) or fails after (and removes its own file). The API's default
     * reads the thread and deletes it in two steps, between which such a save's file would be lost track of.
     */
    @Override
    public boolean delete(String threadId, FileStore fileStore) {
        JsonValues.checkText(Objects.requireNonNull(threadId, "threadId"), "threadId");
        Objects.requireNonNull(fileStore, "fileStore");
        checkOpen();
        Map<String, String> unreferenced = new HashMap<>();
        boolean existed;
        synchronized (this) {
            existed = live(threadId) != null;
            ChatThread removed = threads.remove(threadId);
            if (removed == null) {
                return false;
            }
            unreferenced.putAll(unreferencedFiles(removed));
        }
        unreferenced.forEach((storagePath, fileId) -> fileStore.delete(fileId, storagePath));
        return existed;
    }

    /** The files of a removed thread that no remaining thread references. Called under the lock. */
    private Map<String, String> unreferencedFiles(ChatThread removed) {
        Map<String, String> files = new HashMap<>(AttachmentReferences.storedFiles(removed));
        for (ChatThread other : threads.values()) {
            files.keySet().removeAll(AttachmentReferences.storedFiles(other).keySet());
        }
        return files;
    }

    @Override
    public int deleteExpired(int maxThreads) {
        Retention.checkMaxThreads(maxThreads);
        checkOpen();
        synchronized (this) {
            return removeExpired(maxThreads).size();
        }
    }

    @Override
    public int deleteExpired(int maxThreads, FileStore fileStore) {
        Retention.checkMaxThreads(maxThreads);
        Objects.requireNonNull(fileStore, "fileStore");
        checkOpen();
        Map<String, String> unreferenced = new HashMap<>();
        int deleted;
        synchronized (this) {
            List<ChatThread> removed = removeExpired(maxThreads);
            for (ChatThread thread : removed) {
                unreferenced.putAll(unreferencedFiles(thread));
            }
            deleted = removed.size();
        }
        unreferenced.forEach((storagePath, fileId) -> fileStore.delete(fileId, storagePath));
        return deleted;
    }

    /** Removes up to maxThreads expired threads, oldest expiry first. Called under the lock. */
    private List<ChatThread> removeExpired(int maxThreads) {
        Instant now = now();
        List<ChatThread> expired = threads.values().stream()
                .filter(t -> t.isExpiredAt(now))
                .sorted(Comparator.comparing((ChatThread t) -> Objects.requireNonNull(t.expiresAt()))
                        .thenComparing(ChatThread::id, CODE_POINTS))
                .limit(maxThreads)
                .toList();
        expired.forEach(t -> threads.remove(t.id()));
        return expired;
    }

    @Override
    public List<ChatThread> list(int limit, int offset) {
        checkOpen();
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative, got limit " + limit
                    + " and offset " + offset);
        }
        List<ChatThread> all = sorted(t -> true);
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return List.copyOf(all.subList(from, to));
    }

    @Override
    public List<ChatThread> findByAttributes(Map<String, ?> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        checkOpen();
        Map<String, Object> query = JsonValues.copyOf(attributes, "attribute query");
        return sorted(t -> JsonValues.matches(t.attributes(), query));
    }

    @Override
    public List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) {
        JsonValues.checkText(Objects.requireNonNull(sourceName, "sourceName"), "sourceName");
        Objects.requireNonNull(properties, "properties");
        checkOpen();
        Map<String, Object> query = JsonValues.copyOf(properties, "source property query");
        return sorted(t -> t.source() != null && t.source().name().equals(sourceName)
                && JsonValues.matches(t.source().properties(), query));
    }

    @Override
    public List<ChatThread> listRecent(int limit) {
        if (limit < 0) {
            checkOpen();
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return list(limit, 0);
    }

    @Override
    public List<ChatThread> listRecent() {
        checkOpen();
        return sorted(t -> true);
    }

    /** Sorts every matching thread and skips to the cursor: obviously correct, not fast. */
    @Override
    public Page<ThreadSummary> summaries(ThreadQuery query) {
        Page<ChatThread> page = threads(query);
        return new Page<>(page.items().stream().map(ThreadSummary::of).toList(), page.nextCursor());
    }

    @Override
    public Page<ChatThread> threads(ThreadQuery query) {
        Objects.requireNonNull(query, "query");
        checkOpen();
        ThreadQueries.Position start = ThreadQueries.start(query);
        List<ChatThread> after = sorted(t -> ThreadQueries.matches(query, t.attributes(), t.source(), t.updatedAt())
                && ThreadQueries.isAfter(start, position(t)));
        return ThreadQueries.page(query, after.subList(0, Math.min(after.size(), query.limit() + 1)),
                ToyThreadStore::position);
    }

    @Override
    public long count(ThreadQuery query) {
        Objects.requireNonNull(query, "query");
        checkOpen();
        return sorted(t -> ThreadQueries.matches(query, t.attributes(), t.source(), t.updatedAt())).size();
    }

    private static ThreadQueries.Position position(ChatThread t) {
        return new ThreadQueries.Position(t.updatedAt(), t.createdAt(), t.id());
    }

    @Override
    public Optional<ChatThread> getThreadByMessageId(String messageId) {
        JsonValues.checkText(Objects.requireNonNull(messageId, "messageId"), "messageId");
        checkOpen();
        return sorted(t -> t.message(messageId).isPresent()).stream().findFirst();
    }

    @Override
    public List<Message> append(String threadId, List<Message> messages) {
        JsonValues.checkText(Objects.requireNonNull(threadId, "threadId"), "threadId");
        Objects.requireNonNull(messages, "messages");
        checkOpen();
        Set<String> ids = new HashSet<>();
        for (Message m : messages) {
            Objects.requireNonNull(m, "message");
            if (m.hasPendingAttachments()) {
                throw new IllegalArgumentException("Message '" + m.id() + "' holds a pending attachment; store it "
                        + "with save(thread, fileStore) instead of append");
            }
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("Two messages with id '" + m.id() + "' in one append call");
            }
        }
        synchronized (this) {
            ChatThread stored = live(threadId);
            if (stored == null) {
                throw new ThreadNotFoundException(threadId);
            }
            if (messages.isEmpty()) {
                return List.of();
            }
            int next = stored.maxSequence();
            List<Message> result = new ArrayList<>(messages.size());
            List<Message> added = new ArrayList<>();
            for (Message m : messages) {
                Message candidate = metadataOnly(m);
                Optional<Message> existing = stored.message(m.id());
                if (existing.isPresent()) {
                    if (!existing.get().equals(candidate.withSequence(existing.get().sequence()))) {
                        throw new ConcurrentUpdateException(threadId, "Message '" + m.id() + "' is already in thread '"
                                + threadId + "' with different content; nothing was appended. get() the thread to see "
                                + "the stored message, or append yours under a new id.");
                    }
                    result.add(existing.get());
                } else {
                    Message placed = candidate.withSequence(++next);
                    added.add(placed);
                    result.add(placed);
                }
            }
            if (!added.isEmpty()) {
                List<Message> all = new ArrayList<>(stored.messages());
                all.addAll(added);
                threads.put(threadId, stored.toBuilder().messages(all).updatedAt(now()).version(stored.version() + 1)
                        .expiresAt(retention.onAppend(stored.expiresAt(), now())).build());
            }
            return List.copyOf(result);
        }
    }

    @Override
    public Optional<String> databaseUrl() {
        checkOpen();
        return Optional.empty();
    }

    @Override
    public Optional<DataSource> dataSource() {
        checkOpen();
        return Optional.empty();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        Objects.requireNonNull(type, "type");
        checkOpen();
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The live threads that pass the filter, in listing order. */
    private synchronized List<ChatThread> sorted(Predicate<ChatThread> filter) {
        Instant now = now();
        return threads.values().stream().filter(t -> !t.isExpiredAt(now)).filter(filter).sorted(LIST_ORDER)
                .collect(Collectors.toUnmodifiableList());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("ThreadStore is closed");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The message as a database would keep it: attachment metadata, never the bytes. */
    private static Message metadataOnly(Message m) {
        if (m.attachments().stream().allMatch(a -> a.content() == null)) {
            return m;
        }
        List<Attachment> attachments = m.attachments().stream()
                .map(a -> new Attachment(a.filename(), null, a.mimeType(), a.attributes(), a.fileId(), a.storagePath(),
                        a.storageBackend(), a.status(), a.size(), a.sha256()))
                .collect(Collectors.toList());
        return m.toBuilder().attachments(attachments).build();
    }
}
