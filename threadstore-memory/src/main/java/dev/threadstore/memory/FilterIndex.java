package dev.threadstore.memory;

import dev.threadstore.ThreadSource;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Which threads hold each scalar attribute value and each source (name, and scalar property value): what
 * {@code findByAttributes}, {@code findBySource} and filtered pages start from instead of walking every thread.
 * The keys are top-level entries only, as queries match top-level entries; a string, boolean or number value
 * is indexed, numbers by numeric value (so {@code 42}, {@code 42L} and {@code 42.0} share a key, as
 * {@code JsonValues.jsonEquals} compares them). Structured and null values are not indexed: a query made only
 * of those is answered by the walk.
 *
 * <p>The index answers with candidates, a superset of the matches: the caller checks each candidate's current
 * version against the whole query. Like {@link MessageIndex}, each (key, thread) pair is counted, one per
 * indexed version, so that an eviction reported around a {@code compute} that re-creates the thread cannot
 * remove the new version's entries. The store adds a version's entries and removes its predecessor's inside
 * the thread's {@code compute}; the eviction listener removes an evicted version's. Thread-safe.
 */
final class FilterIndex {

    /**
     * One indexed entry.
     *
     * @param source the source name, or null for an attribute
     * @param key the attribute or source property key; null for "has a source of this name"
     * @param value the canonical value ({@link #canonical}); null with a null key
     */
    record Key(@Nullable String source, @Nullable String key, @Nullable Object value) {
    }

    private final ConcurrentMap<Key, ConcurrentMap<String, Integer>> threadsByKey = new ConcurrentHashMap<>();

    /**
     * Replaces one version's entries with the next one's, for one thread. Entries both versions hold are left
     * alone when the two versions' attributes and source are equal.
     *
     * @param threadId the thread
     * @param before the version being replaced or removed, or null
     * @param after the version being published, or null when the thread goes
     */
    void replace(String threadId, @Nullable StoredThread before, @Nullable StoredThread after) {
        if (before != null && after != null && before.attributes().equals(after.attributes())
                && Objects.equals(before.source(), after.source())) {
            return;
        }
        if (after != null) {
            for (Key key : keys(after.attributes(), after.source())) {
                change(key, threadId, 1);
            }
        }
        if (before != null) {
            for (Key key : keys(before.attributes(), before.source())) {
                change(key, threadId, -1);
            }
        }
    }

    /**
     * The threads that may match an attribute query and, unless {@code sourceName} is null, a source query; the
     * smallest candidate set among the query's indexed entries.
     *
     * @param attributes the attribute entries asked for
     * @param sourceName the source name asked for, or null
     * @param sourceProperties the source property entries asked for (ignored without a source name)
     * @return the candidates' ids, or null when no entry of the query is indexed (the caller walks instead)
     */
    @Nullable Set<String> candidates(Map<String, ?> attributes, @Nullable String sourceName,
                                     Map<String, ?> sourceProperties) {
        List<Key> wanted = new ArrayList<>(queryKeys(null, attributes));
        if (sourceName != null) {
            wanted.add(new Key(sourceName, null, null));
            wanted.addAll(queryKeys(sourceName, sourceProperties));
        }
        if (wanted.isEmpty()) {
            return null;
        }
        Set<String> smallest = null;
        for (Key key : wanted) {
            ConcurrentMap<String, Integer> threads = threadsByKey.get(key);
            if (threads == null) {
                return Set.of();
            }
            if (smallest == null || threads.size() < smallest.size()) {
                smallest = threads.keySet();
            }
        }
        return smallest;
    }

    /** @return how many keys are indexed (for tests) */
    int size() {
        return threadsByKey.size();
    }

    void clear() {
        threadsByKey.clear();
    }

    private void change(Key key, String threadId, int delta) {
        threadsByKey.compute(key, (k, threads) -> {
            ConcurrentMap<String, Integer> held = threads != null ? threads : new ConcurrentHashMap<>();
            held.merge(threadId, delta, (a, b) -> a + b == 0 ? null : a + b);
            return held.isEmpty() ? null : held;
        });
    }

    private static List<Key> keys(Map<String, ?> attributes, @Nullable ThreadSource source) {
        List<Key> keys = new ArrayList<>(queryKeys(null, attributes));
        if (source != null) {
            keys.add(new Key(source.name(), null, null));
            keys.addAll(queryKeys(source.name(), source.properties()));
        }
        return keys;
    }

    private static Collection<Key> queryKeys(@Nullable String source, Map<String, ?> entries) {
        List<Key> keys = new ArrayList<>(entries.size());
        entries.forEach((key, value) -> {
            Object canonical = canonical(value);
            if (canonical != null) {
                keys.add(new Key(source, key, canonical));
            }
        });
        return keys;
    }

    /**
     * @param value a JSON value
     * @return the value as a key: a string or boolean as it is, a number as a {@link BigDecimal} without trailing
     *     zeros (so numerically equal numbers are equal keys); null for null, a map or a list (not indexed)
     */
    static @Nullable Object canonical(@Nullable Object value) {
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return decimal(number).stripTrailingZeros();
        }
        return null;
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
