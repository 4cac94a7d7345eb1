package com.example.toystore;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.Page;
import dev.threadstore.Role;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadSummary;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.JsonValues;
import dev.threadstore.spi.ThreadRestore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A {@link ToyThreadStore} with one deliberate, realistic bug, for checking that the TCK catches it. The
 * flaws are the ones Tyler shipped, the ones a mutation run of the TCK found it missed, and others a hurried
 * backend author makes. Each is a thin layer over a correct toy store.
 */
final class BrokenToyThreadStore implements ThreadStore {

    /** The bug this store has. */
    enum Flaw {
        /** Drops system messages on save and append, as Tyler did. */
        DROPS_SYSTEM_MESSAGES,
        /** Renumbers sequences 1..n on every save, as Tyler did. */
        RENUMBERS_SEQUENCES,
        /** Saves without checking the version: last writer wins. */
        IGNORES_VERSIONS,
        /** Compares numbers in queries as doubles, so longs above 2^53 that round alike match. */
        COMPARES_NUMBERS_AS_DOUBLES,
        /** Matches map and list source properties by containment, not equality. */
        SOURCE_QUERY_BY_CONTAINMENT,
        /** Its message-id index keeps one thread per id: the last writer wins, and removing it forgets the id. */
        MESSAGE_INDEX_KEEPS_ONE_THREAD,
        /** Caches message-id lookups and clears the cache on save and delete but not on append. */
        LOOKUP_CACHE_IGNORES_APPEND,
        /** Breaks ties in listings by id descending. */
        TIES_BY_ID_DESCENDING,
        /** Breaks ties in listings by createdAt ascending. */
        TIES_BY_CREATED_AT_ASCENDING,
        /** Accepts a save whose version is ahead of the stored one ({@code >=} instead of {@code ==}). */
        ACCEPTS_VERSION_AHEAD,
        /** Decides whether a message changed by its content alone, so other edits are silently lost. */
        DIRTY_CHECK_COMPARES_CONTENT_ONLY,
        /** Returns listings as mutable lists. */
        RETURNS_MUTABLE_LISTS,
        /** Keeps message timestamps to the millisecond, like a DATETIME(3) column. */
        TRUNCATES_TIMESTAMPS_TO_MILLIS,
        /** Reads integral attribute values back as doubles, like Gson's default number policy. */
        READS_LONGS_AS_DOUBLES,
        /** Treats a re-append with the same content but other fields as a retry instead of a conflict. */
        APPEND_CONFLICT_CHECKS_CONTENT_ONLY,
        /** Appends a batch message by message, so a conflict halfway leaves the first ones written. */
        APPEND_IS_NOT_ATOMIC,
        /** Stores a null title as the empty string. */
        NULL_TITLE_BECOMES_EMPTY,
        /** Says a delete found the thread even when it did not. */
        DELETE_ALWAYS_TRUE,
        /** Keeps working after close. */
        CLOSE_DOES_NOTHING,
        /** Drops attribute keys whose value is null, so a JSON null becomes a missing key. */
        DROPS_NULL_ATTRIBUTES,
        /** Compares query values by their text, so "42" matches 42 and "true" matches true. */
        QUERY_COMPARES_TEXT,
        /** Knows nothing of retention: saves drop the expiry, so nothing ever expires. */
        IGNORES_EXPIRY,
        /** Purges every expired thread at once, whatever maxThreads says. */
        PURGE_IGNORES_MAX_THREADS,
        /** "Restores" through save, so the thread gets the store's version and update time instead of its own. */
        RESTORE_STAMPS_ITS_OWN_VERSION;

        static Flaw of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        /** @return the URL path naming this flaw, e.g. {@code drops-system-messages} */
        String path() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final Comparator<String> CODE_POINTS = (a, b) -> java.util.Arrays.compare(a.codePoints().toArray(),
            b.codePoints().toArray());

    private final ToyThreadStore delegate;
    private final Flaw flaw;
    private final Map<String, String> messageIndex = new HashMap<>();
    private final Map<String, Optional<ChatThread>> lookupCache = new HashMap<>();

    BrokenToyThreadStore(Flaw flaw, Clock clock) {
        this.flaw = flaw;
        this.delegate = new ToyThreadStore(clock);
    }

    @Override
    public synchronized ChatThread save(ChatThread thread) {
        Objects.requireNonNull(thread, "thread");
        ChatThread t = thread;
        Optional<ChatThread> stored = delegate.get(t.id());
        switch (flaw) {
            case DROPS_SYSTEM_MESSAGES -> t = t.toBuilder().messages(withoutSystem(t.messages())).build();
            case IGNORES_EXPIRY -> t = t.withExpiresAt(null);
            case RENUMBERS_SEQUENCES -> t = t.toBuilder().messages(renumbered(t.messages())).build();
            case IGNORES_VERSIONS -> t = t.toBuilder().version(stored.map(ChatThread::version).orElse(0L)).build();
            case ACCEPTS_VERSION_AHEAD -> {
                if (stored.isPresent() && t.version() > stored.get().version()) {
                    t = t.toBuilder().version(stored.get().version()).build();
                }
            }
            case DIRTY_CHECK_COMPARES_CONTENT_ONLY -> {
                if (stored.isPresent()) {
                    t = t.toBuilder().messages(keepStoredWhenContentIsSame(t.messages(), stored.get())).build();
                }
            }
            case TRUNCATES_TIMESTAMPS_TO_MILLIS -> t = t.toBuilder().messages(t.messages().stream()
                    .map(m -> m.toBuilder().timestamp(m.timestamp().truncatedTo(ChronoUnit.MILLIS)).build()).toList()).build();
            case READS_LONGS_AS_DOUBLES -> t = t.toBuilder().attributes(longsAsDoubles(t.attributes())).build();
            case NULL_TITLE_BECOMES_EMPTY -> t = t.title() == null ? t.withTitle("") : t;
            case DROPS_NULL_ATTRIBUTES -> t = t.toBuilder().attributes(withoutNulls(t.attributes())).build();
            default -> {
            }
        }
        ChatThread saved = delegate.save(t);
        lookupCache.clear();
        stored.ifPresent(s -> s.messages().forEach(m -> {
            if (saved.message(m.id()).isEmpty()) {
                messageIndex.remove(m.id());
            }
        }));
        saved.messages().forEach(m -> messageIndex.put(m.id(), saved.id()));
        return saved;
    }

    @Override
    public synchronized List<Message> append(String threadId, List<Message> messages) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(messages, "messages");
        List<Message> batch = messages;
        List<Message> result;
        switch (flaw) {
            case DROPS_SYSTEM_MESSAGES -> result = delegate.append(threadId, withoutSystem(batch));
            case TRUNCATES_TIMESTAMPS_TO_MILLIS -> result = delegate.append(threadId, batch.stream()
                    .map(m -> m.toBuilder().timestamp(m.timestamp().truncatedTo(ChronoUnit.MILLIS)).build()).toList());
            case APPEND_CONFLICT_CHECKS_CONTENT_ONLY -> {
                ChatThread stored = delegate.get(threadId).orElse(null);
                List<Message> fixed = new ArrayList<>();
                for (Message m : batch) {
                    Optional<Message> same = stored == null ? Optional.empty() : stored.message(m.id());
                    fixed.add(same.isPresent() && Objects.equals(same.get().content(), m.content()) ? same.get() : m);
                }
                result = delegate.append(threadId, fixed);
            }
            case APPEND_IS_NOT_ATOMIC -> {
                List<Message> out = new ArrayList<>();
                for (Message m : batch) {
                    out.addAll(delegate.append(threadId, List.of(m)));
                }
                result = List.copyOf(out);
            }
            default -> result = delegate.append(threadId, batch);
        }
        if (flaw != Flaw.LOOKUP_CACHE_IGNORES_APPEND) {
            lookupCache.clear();
        }
        result.forEach(m -> messageIndex.put(m.id(), threadId));
        return result;
    }

    @Override
    public synchronized Optional<ChatThread> get(String threadId) {
        return delegate.get(threadId);
    }

    @Override
    public synchronized ChatThread fork(String threadId, int throughSequence, String newThreadId) {
        ChatThread fork = delegate.fork(threadId, throughSequence, newThreadId);
        lookupCache.clear();
        fork.messages().forEach(m -> messageIndex.put(m.id(), newThreadId));
        return fork;
    }

    @Override
    public synchronized Page<ThreadSummary> summaries(ThreadQuery query) {
        return delegate.summaries(query);
    }

    @Override
    public synchronized Page<ChatThread> threads(ThreadQuery query) {
        return delegate.threads(query);
    }

    @Override
    public synchronized long count(ThreadQuery query) {
        return delegate.count(query);
    }

    @Override
    public synchronized boolean delete(String threadId) {
        Optional<ChatThread> stored = delegate.get(threadId);
        boolean existed = delegate.delete(threadId);
        lookupCache.clear();
        stored.ifPresent(s -> s.messages().forEach(m -> messageIndex.remove(m.id(), threadId)));
        return flaw == Flaw.DELETE_ALWAYS_TRUE || existed;
    }

    @Override
    public synchronized List<ChatThread> list(int limit, int offset) {
        List<ChatThread> all = ordered(delegate.listRecent());
        if (limit < 0 || offset < 0) {
            return delegate.list(limit, offset);
        }
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return result(all.subList(from, to));
    }

    @Override
    public synchronized List<ChatThread> findByAttributes(Map<String, ?> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        List<ChatThread> found = switch (flaw) {
            case COMPARES_NUMBERS_AS_DOUBLES, QUERY_COMPARES_TEXT -> filter(delegate.findByAttributes(Map.of()),
                    t -> looseMatches(t.attributes(), JsonValues.copyOf(attributes, "query")));
            default -> delegate.findByAttributes(attributes);
        };
        return result(ordered(found));
    }

    @Override
    public synchronized List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(properties, "properties");
        List<ChatThread> found = switch (flaw) {
            case COMPARES_NUMBERS_AS_DOUBLES, SOURCE_QUERY_BY_CONTAINMENT, QUERY_COMPARES_TEXT -> filter(
                    delegate.findBySource(sourceName, Map.of()),
                    t -> looseMatches(t.source().properties(), JsonValues.copyOf(properties, "query")));
            default -> delegate.findBySource(sourceName, properties);
        };
        return result(ordered(found));
    }

    @Override
    public synchronized List<ChatThread> listRecent(int limit) {
        if (limit < 0) {
            return delegate.listRecent(limit);
        }
        return list(limit, 0);
    }

    @Override
    public synchronized List<ChatThread> listRecent() {
        return result(ordered(delegate.listRecent()));
    }

    @Override
    public synchronized Optional<ChatThread> getThreadByMessageId(String messageId) {
        Optional<ChatThread> correct = delegate.getThreadByMessageId(messageId);
        return switch (flaw) {
            case MESSAGE_INDEX_KEEPS_ONE_THREAD -> Optional.ofNullable(messageIndex.get(messageId)).flatMap(delegate::get)
                    .filter(t -> t.message(messageId).isPresent());
            case LOOKUP_CACHE_IGNORES_APPEND -> lookupCache.computeIfAbsent(messageId, id -> correct);
            case TIES_BY_ID_DESCENDING, TIES_BY_CREATED_AT_ASCENDING -> ordered(delegate.listRecent()).stream()
                    .filter(t -> t.message(messageId).isPresent()).findFirst();
            default -> correct;
        };
    }

    @Override
    public synchronized int deleteExpired(int maxThreads) {
        return delegate.deleteExpired(purgeLimit(maxThreads));
    }

    @Override
    public synchronized int deleteExpired(int maxThreads, FileStore fileStore) {
        return delegate.deleteExpired(purgeLimit(maxThreads), fileStore);
    }

    private int purgeLimit(int maxThreads) {
        return flaw == Flaw.PURGE_IGNORES_MAX_THREADS && maxThreads > 0 ? Integer.MAX_VALUE : maxThreads;
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
        if (type == ThreadRestore.class && flaw == Flaw.RESTORE_STAMPS_ITS_OWN_VERSION) {
            ThreadRestore restoreBySaving = (thread, replace) -> {
                Optional<ChatThread> stored = delegate.get(thread.id());
                delegate.save(thread.toBuilder().version(stored.map(ChatThread::version).orElse(0L)).build());
                return stored.isEmpty() ? ThreadRestore.Outcome.CREATED : ThreadRestore.Outcome.REPLACED;
            };
            return Optional.of(type.cast(restoreBySaving));
        }
        return delegate.unwrap(type);
    }

    @Override
    public void close() {
        if (flaw != Flaw.CLOSE_DOES_NOTHING) {
            delegate.close();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private List<ChatThread> result(List<ChatThread> threads) {
        return flaw == Flaw.RETURNS_MUTABLE_LISTS ? new ArrayList<>(threads) : List.copyOf(threads);
    }

    /** The threads in this store's (possibly wrong) list order. */
    private List<ChatThread> ordered(List<ChatThread> threads) {
        Comparator<ChatThread> order = switch (flaw) {
            case TIES_BY_ID_DESCENDING -> Comparator.comparing(ChatThread::updatedAt).reversed()
                    .thenComparing(Comparator.comparing(ChatThread::createdAt).reversed())
                    .thenComparing(ChatThread::id, CODE_POINTS.reversed());
            case TIES_BY_CREATED_AT_ASCENDING -> Comparator.comparing(ChatThread::updatedAt).reversed()
                    .thenComparing(ChatThread::createdAt).thenComparing(ChatThread::id, CODE_POINTS);
            default -> null;
        };
        if (order == null) {
            return threads;
        }
        List<ChatThread> sorted = new ArrayList<>(threads);
        sorted.sort(order);
        return sorted;
    }

    private static List<ChatThread> filter(List<ChatThread> threads, Predicate<ChatThread> keep) {
        return threads.stream().filter(keep).collect(Collectors.toList());
    }

    /** A hurried matcher: numbers as doubles, text as text, maps and lists by containment, per the flaw. */
    private boolean looseMatches(Map<String, ?> object, Map<String, ?> query) {
        for (Map.Entry<String, ?> e : query.entrySet()) {
            Object want = e.getValue();
            Object have = object.get(e.getKey());
            if (want == null ? have != null : !looseEquals(have, want)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private boolean looseEquals(Object have, Object want) {
        if (have == null) {
            return false;
        }
        if (flaw == Flaw.QUERY_COMPARES_TEXT && !(want instanceof Map) && !(want instanceof List)) {
            return String.valueOf(have).equals(String.valueOf(want)) || JsonValues.matches(Map.of("k", have), Map.of("k", want));
        }
        if (flaw == Flaw.COMPARES_NUMBERS_AS_DOUBLES && have instanceof Number && want instanceof Number
                && !(have instanceof Boolean)) {
            return ((Number) have).doubleValue() == ((Number) want).doubleValue();
        }
        if (flaw == Flaw.SOURCE_QUERY_BY_CONTAINMENT && have instanceof Map && want instanceof Map) {
            return looseMatches((Map<String, ?>) have, (Map<String, ?>) want);
        }
        if (flaw == Flaw.SOURCE_QUERY_BY_CONTAINMENT && have instanceof List && want instanceof List) {
            return ((List<?>) have).containsAll((List<?>) want);
        }
        return JsonValues.matches(Map.of("k", have), Map.of("k", want));
    }

    private static List<Message> withoutSystem(List<Message> messages) {
        return messages.stream().filter(m -> m.role() != Role.SYSTEM).collect(Collectors.toList());
    }

    private static List<Message> renumbered(List<Message> messages) {
        List<Message> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparingInt(m -> m.sequence() == 0 ? Integer.MAX_VALUE : m.sequence()));
        List<Message> renumbered = new ArrayList<>();
        for (Message m : sorted) {
            renumbered.add(m.withSequence(renumbered.size() + 1));
        }
        return renumbered;
    }

    private static List<Message> keepStoredWhenContentIsSame(List<Message> messages, ChatThread stored) {
        List<Message> result = new ArrayList<>();
        for (Message m : messages) {
            Optional<Message> old = stored.message(m.id());
            boolean sameContent = old.isPresent() && old.get().sequence() == m.sequence()
                    && Objects.equals(old.get().content(), m.content());
            result.add(sameContent ? old.get() : m);
        }
        return result;
    }

    private static Map<String, Object> longsAsDoubles(Map<String, ?> attributes) {
        Map<String, Object> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, v instanceof Long ? (Object) ((Long) v).doubleValue() : v));
        return copy;
    }

    private static Map<String, Object> withoutNulls(Map<String, ?> attributes) {
        Map<String, Object> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
