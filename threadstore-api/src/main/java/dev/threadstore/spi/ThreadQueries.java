package dev.threadstore.spi;

import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What every backend shares to run a {@link ThreadQuery}: the keyset position a cursor stands for, the cursor's
 * encoding, the filter as a predicate, and how a page is cut. A backend reads at most {@code limit + 1} items
 * after {@link #start(ThreadQuery)} in {@link Position#ORDER} and hands them to {@link #page}.
 *
 * <p>Cursor. Opaque, URL-safe text (base64url without padding) holding the last item's key (updatedAt and
 * createdAt in epoch microseconds, and id) and a check: a hash of the key and of the query's filters. A cursor
 * whose text was edited, or that was made by a query with other filters, fails the check and is refused with an
 * {@link IllegalArgumentException}. The check detects mistakes, not attackers: a cursor only ever says where a
 * page starts, and any start shows only threads the query matches.
 */
public final class ThreadQueries {

    private static final String VERSION = "c1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final HexFormat HEX = HexFormat.of();

    private ThreadQueries() {
    }

    /**
     * A thread's place in listing order.
     *
     * @param updatedAt the thread's updatedAt
     * @param createdAt the thread's createdAt
     * @param id the thread's id
     */
    public record Position(Instant updatedAt, Instant createdAt, String id) {

        /** Listing order: updatedAt desc, createdAt desc, id in code point order. */
        public static final Comparator<Position> ORDER = Comparator
                .comparing(Position::updatedAt, Comparator.reverseOrder())
                .thenComparing(Position::createdAt, Comparator.reverseOrder())
                .thenComparing(Position::id, ListOrder.CODE_POINT);

        /**
         * Checks that nothing is null.
         *
         * @throws NullPointerException if a component is null
         */
        public Position {
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * @param query a query
     * @return the position its page starts after, or null for the first page
     * @throws IllegalArgumentException if the cursor is malformed, edited, or from a query with other filters
     * @throws NullPointerException if {@code query} is null
     */
    public static @Nullable Position start(ThreadQuery query) {
        String cursor = query.cursor();
        if (cursor == null) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw notACursor(cursor, "it is not base64url text");
        }
        if (parts.length != 5 || !parts[0].equals(VERSION)) {
            throw notACursor(cursor, "it is not a threadstore cursor");
        }
        if (!parts[4].equals(check(query, parts[1], parts[2], parts[3]))) {
            throw notACursor(cursor, "it was made by a query with other filters, or edited");
        }
        try {
            return new Position(instant(parts[1]), instant(parts[2]),
                    new String(DECODER.decode(parts[3]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw notACursor(cursor, "its position cannot be read");
        }
    }

    /**
     * @param query the query the page belongs to
     * @param last the last item's position
     * @return the cursor of the page after {@code last}
     * @throws NullPointerException if an argument is null
     */
    public static String cursorAfter(ThreadQuery query, Position last) {
        String updated = Long.toString(micros(last.updatedAt()));
        String created = Long.toString(micros(last.createdAt()));
        String id = ENCODER.encodeToString(last.id().getBytes(StandardCharsets.UTF_8));
        String text = String.join("\n", VERSION, updated, created, id, check(query, updated, created, id));
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Cuts a page from the items read after the start: the first {@code limit}, and a cursor when there were more.
     *
     * @param query the query
     * @param items up to {@code limit + 1} items in listing order, after {@link #start}
     * @param position an item's position
     * @param <T> the item type
     * @return the page, with a cursor when {@code items} holds more than the query's limit
     * @throws NullPointerException if an argument is null
     */
    public static <T> Page<T> page(ThreadQuery query, List<T> items, Function<T, Position> position) {
        if (items.size() <= query.limit()) {
            return new Page<>(items, null);
        }
        List<T> page = new ArrayList<>(items.subList(0, query.limit()));
        return new Page<>(page, cursorAfter(query, position.apply(page.get(page.size() - 1))));
    }

    /**
     * The query's filters, cursor and limit aside, as a predicate over a thread's fields.
     *
     * @param query the query
     * @param attributes the thread's attributes
     * @param source the thread's source, or null
     * @param updatedAt the thread's updatedAt
     * @return whether the thread matches
     * @throws NullPointerException if an argument other than {@code source} is null
     */
    public static boolean matches(ThreadQuery query, Map<String, ?> attributes, @Nullable ThreadSource source,
                                  Instant updatedAt) {
        if (query.updatedAfter() != null && !updatedAt.isAfter(query.updatedAfter())) {
            return false;
        }
        if (query.updatedBefore() != null && !updatedAt.isBefore(query.updatedBefore())) {
            return false;
        }
        if (query.sourceName() != null && (source == null || !source.name().equals(query.sourceName())
                || !JsonValues.matches(source.properties(), query.sourceProperties()))) {
            return false;
        }
        return JsonValues.matches(attributes, query.attributes());
    }

    /**
     * @param position a position, or null for the start of the listing
     * @param candidate a thread's position
     * @return whether a thread at {@code candidate} comes after it in listing order (always, after null)
     * @throws NullPointerException if {@code candidate} is null
     */
    public static boolean isAfter(@Nullable Position position, Position candidate) {
        java.util.Objects.requireNonNull(candidate, "candidate");
        return position == null || Position.ORDER.compare(candidate, position) > 0;
    }

    private static IllegalArgumentException notACursor(String cursor, String why) {
        String shown = cursor.length() > 80 ? cursor.substring(0, 80) + "…" : cursor;
        return new IllegalArgumentException("cursor '" + shown + "' does not belong to this query: " + why
                + ". Pass the nextCursor of a previous page of the same query, or null for the first page.");
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static Instant instant(String micros) {
        return Instant.EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS);
    }

    private static String check(ThreadQuery query, String updated, String created, String id) {
        String text = String.join("\u0000", fingerprint(query), updated, created, id);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(hash, 0, 8); // the first 8 bytes, as String.format("%02x") gave them
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The filters in a canonical form: map keys sorted, numbers by value (42, 42L and 42.0 alike). */
    private static String fingerprint(ThreadQuery query) {
        return canonical(query.attributes()) + "|" + query.sourceName() + "|" + canonical(query.sourceProperties())
                + "|" + query.updatedAfter() + "|" + query.updatedBefore();
    }

    private static String canonical(@Nullable Object value) {
        if (value instanceof Map) {
            StringBuilder out = new StringBuilder("{");
            new TreeMap<>((Map<?, ?>) value).forEach((k, v) ->
                    out.append(k.toString().length()).append(':').append(k).append('=').append(canonical(v)).append(','));
            return out.append('}').toString();
        }
        if (value instanceof List) {
            StringBuilder out = new StringBuilder("[");
            for (Object v : (List<?>) value) {
                out.append(canonical(v)).append(',');
            }
            return out.append(']').toString();
        }
        if (value instanceof Number) {
            return "n" + new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof String) {
            return "s" + ((String) value).length() + ":" + value;
        }
        return String.valueOf(value);
    }
}
