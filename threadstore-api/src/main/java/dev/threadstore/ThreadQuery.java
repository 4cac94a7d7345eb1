package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which threads {@link ThreadStore#summaries}, {@link ThreadStore#threads} and {@link ThreadStore#count} take,
 * and one page of them: filters in any combination, a page size, and a cursor. Immutable and thread-safe: every
 * setter returns a copy. Results are in listing order ({@code updatedAt} desc, {@code createdAt} desc, id in
 * code point order).
 *
 * <pre>{@code
 * ThreadQuery query = ThreadQuery.all().attributes(Map.of("userId", "u1")).limit(20);
 * Page<ThreadSummary> page = store.summaries(query);
 * Page<ThreadSummary> next = store.summaries(query.after(page.nextCursor()));
 * }</pre>
 */
public final class ThreadQuery {

    /** The page size of {@link #all()}. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page size. */
    public static final int MAX_LIMIT = 1000;

    private static final ThreadQuery ALL = new ThreadQuery(Map.of(), null, Map.of(), null, null, DEFAULT_LIMIT, null);

    private final Map<String, Object> attributes;
    private final @Nullable String sourceName;
    private final Map<String, Object> sourceProperties;
    private final @Nullable Instant updatedAfter;
    private final @Nullable Instant updatedBefore;
    private final int limit;
    private final @Nullable String cursor;

    private ThreadQuery(Map<String, Object> attributes, @Nullable String sourceName,
                        Map<String, Object> sourceProperties, @Nullable Instant updatedAfter,
                        @Nullable Instant updatedBefore, int limit, @Nullable String cursor) {
        this.attributes = attributes;
        this.sourceName = sourceName;
        this.sourceProperties = sourceProperties;
        this.updatedAfter = updatedAfter;
        this.updatedBefore = updatedBefore;
        this.limit = limit;
        this.cursor = cursor;
    }

    /** @return every live thread, newest first, {@value #DEFAULT_LIMIT} per page */
    public static ThreadQuery all() {
        return ALL;
    }

    /**
     * @param attributes top-level entries every thread must match, by typed JSON equality as
     *     {@link ThreadStore#findByAttributes}; empty matches every thread
     * @return a copy with this attribute filter (replacing any earlier one)
     * @throws IllegalArgumentException if a key is null or a value is not a JSON value
     * @throws NullPointerException if {@code attributes} is null
     */
    public ThreadQuery attributes(Map<String, ?> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        return new ThreadQuery(JsonValues.copyOf(attributes, "attribute query"), sourceName, sourceProperties,
                updatedAfter, updatedBefore, limit, cursor);
    }

    /**
     * @param name the source name every thread must have
     * @param properties source properties to match as {@link ThreadStore#findBySource}; empty matches any
     * @return a copy with this source filter (replacing any earlier one)
     * @throws IllegalArgumentException if a property is not a JSON value or the name not valid text
     * @throws NullPointerException if {@code name} or {@code properties} is null
     */
    public ThreadQuery source(String name, Map<String, ?> properties) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(properties, "properties");
        return new ThreadQuery(attributes, JsonValues.checkText(name, "source name"),
                JsonValues.copyOf(properties, "source property query"), updatedAfter, updatedBefore, limit, cursor);
    }

    /**
     * @param t exclusive lower bound of {@code updatedAt}
     * @return a copy with this bound
     * @throws NullPointerException if {@code t} is null
     */
    public ThreadQuery updatedAfter(Instant t) {
        Objects.requireNonNull(t, "t");
        return new ThreadQuery(attributes, sourceName, sourceProperties, t, updatedBefore, limit, cursor);
    }

    /**
     * @param t exclusive upper bound of {@code updatedAt}
     * @return a copy with this bound
     * @throws NullPointerException if {@code t} is null
     */
    public ThreadQuery updatedBefore(Instant t) {
        Objects.requireNonNull(t, "t");
        return new ThreadQuery(attributes, sourceName, sourceProperties, updatedAfter, t, limit, cursor);
    }

    /**
     * @param limit the page size, 1 to {@value #MAX_LIMIT}
     * @return a copy with this page size
     * @throws IllegalArgumentException if the limit is out of range
     */
    public ThreadQuery limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return new ThreadQuery(attributes, sourceName, sourceProperties, updatedAfter, updatedBefore, limit, cursor);
    }

    /**
     * @param cursor a {@link Page#nextCursor()} of a previous page of this same query (same filters; the limit may
     *     differ), or null for the first page. It is checked when the query runs: a cursor of another query, or
     *     forged, makes the store throw {@link IllegalArgumentException}.
     * @return a copy that starts after the cursor's position
     */
    public ThreadQuery after(@Nullable String cursor) {
        return new ThreadQuery(attributes, sourceName, sourceProperties, updatedAfter, updatedBefore, limit, cursor);
    }

    /** @return the attribute filter; empty for none */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** @return the source name filter, or null for none */
    public @Nullable String sourceName() {
        return sourceName;
    }

    /** @return the source property filter (only with a {@link #sourceName()}); empty for none */
    public Map<String, Object> sourceProperties() {
        return sourceProperties;
    }

    /** @return the exclusive lower bound of {@code updatedAt}, or null */
    public @Nullable Instant updatedAfter() {
        return updatedAfter;
    }

    /** @return the exclusive upper bound of {@code updatedAt}, or null */
    public @Nullable Instant updatedBefore() {
        return updatedBefore;
    }

    /** @return the page size */
    public int limit() {
        return limit;
    }

    /** @return the cursor the page starts after, or null for the first page */
    public @Nullable String cursor() {
        return cursor;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ThreadQuery)) {
            return false;
        }
        ThreadQuery q = (ThreadQuery) o;
        return limit == q.limit && attributes.equals(q.attributes) && Objects.equals(sourceName, q.sourceName)
                && sourceProperties.equals(q.sourceProperties) && Objects.equals(updatedAfter, q.updatedAfter)
                && Objects.equals(updatedBefore, q.updatedBefore) && Objects.equals(cursor, q.cursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attributes, sourceName, sourceProperties, updatedAfter, updatedBefore, limit, cursor);
    }

    @Override
    public String toString() {
        return "ThreadQuery[attributes=" + attributes + ", source=" + sourceName + " " + sourceProperties
                + ", updatedAfter=" + updatedAfter + ", updatedBefore=" + updatedBefore + ", limit=" + limit
                + ", after=" + cursor + "]";
    }
}
