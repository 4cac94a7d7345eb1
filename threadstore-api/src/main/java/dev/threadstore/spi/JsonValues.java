package dev.threadstore.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
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
     * Validates a JSON object and returns its canonical, unmodifiable deep copy. A map this class returned (from
     * here, {@link #canonical} or nested in one of those) is returned as it is: it is checked and cannot change.
     *
     * @param map the object; its keys must be non-null strings
     * @param what what the map is, for the error message (e.g. {@code "thread attributes"})
     * @return the canonical copy, unmodifiable all the way down
     * @throws NullPointerException if {@code map} is null
     * @throws IllegalArgumentException if a key or value is not JSON, naming the key and the bad type
     */
    public static Map<String, Object> copyOf(Map<String, ?> map, String what) {
        Objects.requireNonNull(map, what);
        if (map instanceof JsonObject object) {
            return object; // a canonical copy already: checked, unmodifiable all the way down, at most MAX_DEPTH deep
        }
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
     * The canonical form, checked without building the names an error message needs; when the value is not JSON,
     * the named path runs and throws the error naming where.
     */
    private static @Nullable Object canonical(@Nullable Object value, String what, int depth) {
        try {
            return quick(value, depth);
        } catch (NotJson e) {
            return named(value, what, depth);
        }
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

    private static @Nullable Object named(@Nullable Object value, String what, int depth) {
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
        if (value instanceof JsonObject object && depth + object.height < MAX_DEPTH) {
            return object;
        }
        if (value instanceof JsonArray array && depth + array.height < MAX_DEPTH) {
            return array;
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
                copy.put(key, named(e.getValue(), what + "." + abbreviate(key), depth + 1));
            }
            return JsonObject.of(copy);
        }
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            List<Object> copy = new ArrayList<>(list.size());
            int i = 0;
            for (Object element : list) {
                copy.add(named(element, what + "[" + i++ + "]", depth + 1));
            }
            return JsonArray.of(copy);
        }
        throw new IllegalArgumentException(what + " holds a " + value.getClass().getName()
                + ", which is not a JSON value; use String, Long, Double, Boolean, null, List or Map<String, ?>");
    }

    /** As {@link #named}, throwing {@link NotJson} (no message, no stack) where that throws a named error. */
    private static @Nullable Object quick(@Nullable Object value, int depth) {
        if (value instanceof String string) {
            if (!isText(string)) {
                throw NotJson.INSTANCE;
            }
            return string;
        }
        if (value == null || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            return quickFinite(big.doubleValue());
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return quickFinite(((Number) value).doubleValue());
        }
        if (value instanceof JsonObject object && depth + object.height < MAX_DEPTH) {
            return object;
        }
        if (value instanceof JsonArray array && depth + array.height < MAX_DEPTH) {
            return array;
        }
        if (depth >= MAX_DEPTH) {
            throw NotJson.INSTANCE;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return JsonObject.EMPTY;
            }
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, (int) (map.size() / 0.75f) + 1));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key) || !isText(key)) {
                    throw NotJson.INSTANCE;
                }
                copy.put(key, quick(e.getValue(), depth + 1));
            }
            return JsonObject.of(copy);
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return JsonArray.EMPTY;
            }
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(quick(element, depth + 1));
            }
            return JsonArray.of(copy);
        }
        throw NotJson.INSTANCE;
    }

    private static Double quickFinite(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw NotJson.INSTANCE;
        }
        return d == 0.0 ? 0.0 : d;
    }

    /** @return whether the string holds no unpaired UTF-16 surrogate (what {@link #checkText} checks) */
    private static boolean isText(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
        }
        return true;
    }

    /** Thrown by {@link #quick} for a value that is not JSON; {@link #named} then says where. */
    private static final class NotJson extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotJson INSTANCE = new NotJson();

        private NotJson() {
            super(null, null, false, false);
        }
    }

    /** @return the height of a canonical value: 0 for a scalar or a container holding none, else 1 + the highest child's */
    private static int heightOf(@Nullable Object value) {
        if (value instanceof JsonObject object) {
            return object.height + 1;
        }
        if (value instanceof JsonArray array) {
            return array.height + 1;
        }
        return 0;
    }

    /**
     * A canonical JSON object: an unmodifiable view of a map no one else holds, whose values are canonical. Reads
     * exactly as {@link Collections#unmodifiableMap} of a {@link LinkedHashMap}; the class only marks it as checked.
     */
    private static final class JsonObject extends AbstractMap<String, Object> {
        static final JsonObject EMPTY = new JsonObject(new LinkedHashMap<>(), 0);

        private final Map<String, Object> map;
        /** How deep its containers nest below it: 0 when it holds none. */
        final int height;

        private JsonObject(Map<String, Object> copy, int height) {
            this.map = Collections.unmodifiableMap(copy);
            this.height = height;
        }

        static JsonObject of(Map<String, Object> copy) {
            int height = 0;
            for (Object v : copy.values()) {
                height = Math.max(height, heightOf(v));
            }
            return new JsonObject(copy, height);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public boolean containsValue(Object value) {
            return map.containsValue(value);
        }

        @Override
        public @Nullable Object get(Object key) {
            return map.get(key);
        }

        @Override
        public Object getOrDefault(Object key, Object defaultValue) {
            return map.getOrDefault(key, defaultValue);
        }

        @Override
        public Set<String> keySet() {
            return map.keySet();
        }

        @Override
        public Collection<Object> values() {
            return map.values();
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return map.entrySet();
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            map.forEach(action);
        }

        @Override
        public boolean equals(Object o) {
            return o == this || map.equals(o);
        }

        @Override
        public int hashCode() {
            return map.hashCode();
        }

        @Override
        public String toString() {
            return map.toString();
        }

        @Override
        public Object put(String key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putAll(Map<? extends String, ?> m) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object remove(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object putIfAbsent(String key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean replace(String key, Object oldValue, Object newValue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object replace(String key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object computeIfAbsent(String key, Function<? super String, ?> f) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> f) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object compute(String key, BiFunction<? super String, ? super Object, ?> f) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> f) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * A canonical JSON array: an unmodifiable view of a list no one else holds, whose elements are canonical. Reads
     * exactly as {@link Collections#unmodifiableList} of an {@link ArrayList}; the class only marks it as checked.
     */
    private static final class JsonArray extends AbstractList<Object> implements RandomAccess {
        static final JsonArray EMPTY = new JsonArray(new ArrayList<>(), 0);

        private final List<Object> list;
        /** How deep its containers nest below it: 0 when it holds none. */
        final int height;

        private JsonArray(List<Object> copy, int height) {
            this.list = Collections.unmodifiableList(copy);
            this.height = height;
        }

        static JsonArray of(List<Object> copy) {
            int height = 0;
            for (Object v : copy) {
                height = Math.max(height, heightOf(v));
            }
            return new JsonArray(copy, height);
        }

        @Override
        public Object get(int index) {
            return list.get(index);
        }

        @Override
        public int size() {
            return list.size();
        }

        @Override
        public boolean contains(Object o) {
            return list.contains(o);
        }

        @Override
        public int indexOf(Object o) {
            return list.indexOf(o);
        }

        @Override
        public int lastIndexOf(Object o) {
            return list.lastIndexOf(o);
        }

        @Override
        public Object[] toArray() {
            return list.toArray();
        }

        @Override
        public <T> T[] toArray(T[] a) {
            return list.toArray(a);
        }

        @Override
        public Iterator<Object> iterator() {
            return list.iterator();
        }

        @Override
        public ListIterator<Object> listIterator() {
            return list.listIterator();
        }

        @Override
        public ListIterator<Object> listIterator(int index) {
            return list.listIterator(index);
        }

        @Override
        public List<Object> subList(int fromIndex, int toIndex) {
            return list.subList(fromIndex, toIndex);
        }

        @Override
        public void forEach(Consumer<? super Object> action) {
            list.forEach(action);
        }

        @Override
        public boolean equals(Object o) {
            return o == this || list.equals(o);
        }

        @Override
        public int hashCode() {
            return list.hashCode();
        }

        @Override
        public String toString() {
            return list.toString();
        }

        @Override
        public boolean add(Object o) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(int index, Object o) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean addAll(Collection<?> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean addAll(int index, Collection<?> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object set(int index, Object o) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object remove(int index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(Object o) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeAll(Collection<?> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean retainAll(Collection<?> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeIf(Predicate<? super Object> filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceAll(UnaryOperator<Object> operator) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sort(@Nullable Comparator<? super Object> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException();
        }
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
