package dev.threadstore.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON value rules that every record and every backend applies the same way: which Java values are
 * JSON, their one canonical form, and what "equal" means for attribute and source queries.
 *
 * <p>A JSON value is {@code null}, a {@link String}, a {@link Boolean}, a number, a {@link List} of JSON
 * values or a {@link Map} from {@code String} to JSON values. Numbers are canonicalised: every integral
 * type ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, and a {@code BigInteger} that fits)
 * becomes {@link Long}; {@code Float}, {@code Double} and {@code BigDecimal} become {@link Double}, and
 * {@code -0.0} becomes {@code 0.0} (JSON has no negative zero, and PostgreSQL's {@code jsonb} drops its
 * sign). So a value written as {@code 42} always reads back as {@code 42L}, and every backend returns the
 * value a save returned. Non-finite doubles,
 * strings holding an unpaired UTF-16 surrogate, and nesting deeper than {@value #MAX_DEPTH} are rejected:
 * no backend could store them faithfully.
 *
 * <p>Canonical copies are unmodifiable, keep insertion order and may hold {@code null}, which
 * {@link Map#copyOf} cannot. All methods are thread-safe.
 */
public final class JsonValues {

    /** The deepest nesting of lists and maps a value may have. */
    public static final int MAX_DEPTH = 128;

    private JsonValues() {
    }

    /**
     * Validates a JSON object and returns its canonical, unmodifiable deep copy.
     *
     * @param map the object; its keys must be non-null strings
     * @param what what the map is, for the error message (e.g. {@code "thread attributes"})
     * @return the canonical copy, unmodifiable all the way down
     * @throws NullPointerException if {@code map} is null
     * @throws IllegalArgumentException if a key or value is not JSON, naming the key and the bad type
     */
    public static Map<String, Object> copyOf(Map<String, ?> map, String what) {
        Objects.requireNonNull(map, what);
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) Objects.requireNonNull(canonical(map, what, 0));
        return copy;
    }

    /**
     * Validates a single JSON value and returns its canonical, unmodifiable deep copy.
     *
     * @param value the value, possibly null
     * @param what what the value is, for the error message
     * @return the canonical copy
     * @throws IllegalArgumentException if the value is not JSON
     */
    public static @Nullable Object canonical(@Nullable Object value, String what) {
        return canonical(value, what, 0);
    }

    /**
     * Checks that a string can be stored by every backend: it holds no unpaired UTF-16 surrogate.
     *
     * @param value the string
     * @param what what the string is, for the error message
     * @return the string
     * @throws IllegalArgumentException if it holds an unpaired surrogate
     */
    public static String checkText(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException(what + " holds an unpaired UTF-16 surrogate at index " + i
                        + "; it is not valid Unicode and cannot be stored");
            }
            if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(what + " holds an unpaired UTF-16 surrogate at index " + i
                        + "; it is not valid Unicode and cannot be stored");
            }
        }
        return value;
    }

    /**
     * Typed JSON equality as attribute queries use it: numbers compare by numeric value ({@code 42}
     * equals {@code 42L} and {@code 42.0}, not {@code "42"}); booleans are not numbers; lists compare
     * element by element in order; maps compare key by key. Both sides are canonicalised first.
     *
     * @param a a JSON value
     * @param b a JSON value
     * @return whether they are the same JSON value
     */
    public static boolean jsonEquals(@Nullable Object a, @Nullable Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number && b instanceof Number) {
            return compareNumbers((Number) a, (Number) b) == 0;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !jsonEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!jsonEquals(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Number || b instanceof Number) {
            return false;
        }
        return a.equals(b);
    }

    /**
     * Whether a JSON object matches a query: for every query key, the object's value at that key is
     * {@linkplain #jsonEquals JSON-equal} to the query's, where a {@code null} query value matches both
     * a missing key and a JSON {@code null}. An empty query matches every object.
     *
     * @param object the stored object
     * @param query the query
     * @return whether all query entries match
     */
    public static boolean matches(Map<String, ?> object, Map<String, ?> query) {
        for (Map.Entry<String, ?> e : query.entrySet()) {
            Object actual = object.get(e.getKey());
            if (e.getValue() == null) {
                if (actual != null) {
                    return false;
                }
            } else if (!jsonEquals(actual, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static int compareNumbers(Number a, Number b) {
        if (a instanceof Long && b instanceof Long) {
            return Long.compare(a.longValue(), b.longValue());
        }
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        }
        if (n instanceof BigInteger) {
            return new BigDecimal((BigInteger) n);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    private static @Nullable Object canonical(@Nullable Object value, String what, int depth) {
        if (value instanceof String) {
            return checkText((String) value, what);
        }
        if (value == null || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            return finite(big.doubleValue(), what);
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return finite(((Number) value).doubleValue(), what);
        }
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException(what + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, (int) (map.size() / 0.75f) + 1));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException(what + " has a key that is not a string: "
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
                }
                String key = checkText((String) e.getKey(), what + " key");
                copy.put(key, canonical(e.getValue(), what + "." + abbreviate(key), depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            List<Object> copy = new ArrayList<>(list.size());
            int i = 0;
            for (Object element : list) {
                copy.add(canonical(element, what + "[" + i++ + "]", depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(what + " holds a " + value.getClass().getName()
                + ", which is not a JSON value; use String, Long, Double, Boolean, null, List or Map<String, ?>");
    }

    private static Double finite(double d, String what) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(what + " is " + d + ", which JSON cannot represent");
        }
        return d == 0.0 ? 0.0 : d; // -0.0 == 0.0: one zero, without a sign
    }

    private static String abbreviate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 37) + "...";
    }
}
