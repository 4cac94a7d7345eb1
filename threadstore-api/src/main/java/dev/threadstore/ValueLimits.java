package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The bounds within which every backend stores a value exactly, enforced by the records' constructors so
 * that a value no backend could keep is rejected before any I/O, the same way on every backend.
 *
 * <ul>
 *   <li><b>Instants</b> ({@link ChatThread#createdAt()}, {@link ChatThread#updatedAt()},
 *       {@link Message#timestamp()}, {@link StoredFile#createdAt()}) are truncated to microseconds and must
 *       lie between {@link #MIN_INSTANT} ({@code 0001-01-01T00:00:00Z}) and {@link #MAX_INSTANT}
 *       ({@code 9999-12-31T23:59:59.999999Z}), both included: years 1 to 9999, which PostgreSQL's
 *       {@code timestamptz} and SQLite's integer microseconds both hold exactly.</li>
 *   <li><b>Keys</b>, the ids and names a backend indexes ({@link ChatThread#id()}, {@link Message#id()},
 *       {@link Message#toolCallId()}, {@link ToolCall#id()}, {@link ThreadSource#name()},
 *       {@link Attachment#storagePath()}), are at most {@value #MAX_KEY_LENGTH} characters (Unicode code
 *       points, so at most 1,020 bytes of UTF-8): far below the size at which a database index refuses an
 *       entry (about 2,700 bytes in PostgreSQL). Attribute and source-property keys and values have no such
 *       limit: PostgreSQL indexes them through hashed GIN entries, and SQLite bounds no index entry.</li>
 *   <li><b>Text</b>: every string of every record is valid UTF-16 (no unpaired surrogate), so that every
 *       backend can encode it; see {@link JsonValues#checkText}.</li>
 * </ul>
 *
 * <p>A lookup by a key longer than {@value #MAX_KEY_LENGTH} characters finds nothing (no such key can be
 * stored): {@link ThreadStore#get} and {@link ThreadStore#getThreadByMessageId} return empty,
 * {@link ThreadStore#findBySource} an empty list, {@link ThreadStore#delete(String)} {@code false}, and
 * {@link ThreadStore#append} throws {@link ThreadNotFoundException}.
 *
 * <p>All methods are static and thread-safe.
 */
public final class ValueLimits {

    // From epoch seconds, not Instant.parse: parsing would load java.time's whole formatting machinery (about 60
    // classes) the first time a record is built in a fresh JVM. ValueLimitsTest checks both against the text.

    /** The earliest instant a record accepts: {@code 0001-01-01T00:00:00Z}. */
    public static final Instant MIN_INSTANT = Instant.ofEpochSecond(-62_135_596_800L);

    /** The latest instant a record accepts: {@code 9999-12-31T23:59:59.999999Z}. */
    public static final Instant MAX_INSTANT = Instant.ofEpochSecond(253_402_300_799L, 999_999_000L);

    /** The most characters (Unicode code points) an indexed id or name may have. */
    public static final int MAX_KEY_LENGTH = 255;

    private ValueLimits() {
    }

    /**
     * Truncates an instant to microseconds and checks that it lies in the stored range.
     *
     * @param value the instant
     * @param field the record field, for the message (e.g. {@code "createdAt"})
     * @return the instant truncated to microseconds
     * @throws NullPointerException if {@code value} is null, naming the field
     * @throws IllegalArgumentException if it lies before {@link #MIN_INSTANT} or after {@link #MAX_INSTANT},
     *     naming the field and the range
     */
    public static Instant checkInstant(Instant value, String field) {
        Instant truncated = Objects.requireNonNull(value, field).truncatedTo(ChronoUnit.MICROS);
        if (truncated.isBefore(MIN_INSTANT) || truncated.isAfter(MAX_INSTANT)) {
            throw new IllegalArgumentException(field + " is " + value + ", outside the range every backend stores"
                    + " exactly: " + MIN_INSTANT + " to " + MAX_INSTANT);
        }
        return truncated;
    }

    /**
     * Checks an indexed id or name: valid UTF-16 and at most {@value #MAX_KEY_LENGTH} code points.
     *
     * @param value the id or name
     * @param field what it is, for the message (e.g. {@code "thread id"})
     * @return the value
     * @throws NullPointerException if {@code value} is null, naming the field
     * @throws IllegalArgumentException if it holds an unpaired surrogate or is too long
     */
    public static String checkKey(String value, String field) {
        JsonValues.checkText(Objects.requireNonNull(value, field), field);
        if (isTooLong(value)) {
            throw new IllegalArgumentException(field + " is " + value.codePointCount(0, value.length())
                    + " characters long; at most " + MAX_KEY_LENGTH + " are allowed (ids and names are index keys"
                    + " on every backend)");
        }
        return value;
    }

    /**
     * @param key a valid UTF-16 string
     * @return whether it has more than {@value #MAX_KEY_LENGTH} code points, so that no record can hold it as a key
     * @throws NullPointerException if {@code key} is null
     */
    public static boolean isTooLong(String key) {
        return key.length() > MAX_KEY_LENGTH && key.codePointCount(0, key.length()) > MAX_KEY_LENGTH;
    }
}
