package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.StorageException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link JsonText} writes and reads exactly what the one-{@code Gson} {@link JsonTextReference} did:
 * the same text for generated values (of the store's types and of others), the same value, with the same types
 * and key order, or the same failure for generated texts, malformed ones included. Rerun a failure with
 * {@code -Dthreadstore.seed=…}.
 */
class JsonTextTest {

    private static final Column COLUMN = new Column("t1", "m1", "messages", "attributes");
    private static final String[] ODD_TEXT = {"", " ", "\"", "\\", "/", "<", ">", "&", "=", "'", "\u2028", "\u2029",
        "\u0000", "\u001f", "\t", "\n", "\r", "\b", "\f", "é", "😀", "\ud800", "null", "true", "1", "-0", "{", "]"};
    private static final String SIGNIFICANT = "{}[]:,\"'\\/#;=-+.eE0123456789 \n\tntfruasNIy";

    private final long seed = Long.getLong("threadstore.seed", System.nanoTime());

    @Test
    void generatedValuesWriteAsTheReferenceWrote() {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 3000; i++) {
            Object value = value(random, 4, i % 3 == 0);
            assertSameWrite(value, "seed " + seed + ", value " + i);
        }
    }

    @Test
    void valuesOfOtherTypesAndNonFiniteNumbersWriteOrFailAsTheReferenceDid() {
        List<@Nullable Object> values = new ArrayList<>(Arrays.asList(null, 1.5f, (short) 3, (byte) -2,
                new BigDecimal("1.10"), new BigInteger("123456789012345678901234567890"), 'c', Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE,
                Long.MIN_VALUE, Integer.MIN_VALUE, new LinkedHashSet<>(List.of("a", "b")), Map.of(1, "one"),
                new TreeMap<>(Map.of("b", 1L, "a", 2L)), List.of(1.5f, "x"), Map.of("k", List.of(Double.NaN)),
                Map.of("when", Instant.EPOCH), new int[] {1, 2}, new String[] {"a"}));
        Map<String, @Nullable Object> nullValue = new HashMap<>();
        nullValue.put("k", null);
        values.add(nullValue);
        values.add(Arrays.asList("a", null));
        for (Object value : values) {
            assertSameWrite(value, String.valueOf(value));
        }
    }

    @Test
    void writtenTextsReadBackAsTheReferenceReadThem() {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 3000; i++) {
            String text = JsonTextReference.write(value(random, 4, false));
            assertSameRead(text, "seed " + seed + ", text " + i);
        }
    }

    @Test
    void damagedAndLenientTextsReadOrFailAsTheReferenceDid() {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            String text = damage(random, JsonTextReference.write(value(random, 3, false)));
            assertSameRead(text, "seed " + seed + ", text " + i);
        }
    }

    @Test
    void handPickedTextsReadOrFailAsTheReferenceDid() {
        for (String text : List.of("", " ", "\n", "null", "null x", "{} x", "1 2", "\"a\" \"b\"", "{\"a\":1,\"a\":2}",
                "{\"a\":1,\"b\":2,\"a\":3}", "{a:1}", "{'a':'b'}", "['a';'b']", "{\"a\"=1}", "{\"a\"=>1}",
                "[1,]", "[,1]", "[1,,2]", "// c\n[1]", "# c\n[1]", "/* c */ 1", "NaN", "-Infinity", "[NaN]", "1e400",
                "[1e400]", "-1e400", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1.0",
                "1E2", "0x10", "01", "-", ".5", "[.5]", "tru", "truex", "[true false]", "{\"a\" 1}", "{\"a\":}",
                "[\"\\u00e9\\n\"]", "\"\\x\"", "\"\\u12\"", "\"open", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
                ")]}'\n[1]", "[1]]", "{}}", "[\"a\",]", "{\"a\":1,}", "{,}", "[null]", "unquoted", "'single'",
                "[" + "[".repeat(300) + "]".repeat(300) + "]", "\ufeff[1]")) {
            assertSameRead(text, text);
        }
    }

    @Test
    void aTextThatIsNotJsonIsACorruptColumnNamingGsonsProblem() {
        assertThatThrownBy(() -> JsonText.read("{\"a\":", COLUMN)).isInstanceOf(StorageException.class)
                .hasMessageContaining("text that is not JSON (")
                .hasMessageContaining(JsonTextReferenceFailure.of("{\"a\":"));
    }

    /** The message of the reference's failure on a text. */
    private static final class JsonTextReferenceFailure {
        static String of(String text) {
            try {
                JsonTextReference.parse(text);
            } catch (RuntimeException e) {
                return String.valueOf(e.getMessage());
            }
            throw new AssertionError("the reference read " + text);
        }
    }

    private static void assertSameWrite(@Nullable Object value, String what) {
        Outcome expected = Outcome.of(() -> JsonTextReference.write(value));
        Outcome actual = Outcome.of(() -> JsonText.write(value));
        assertThat(actual).as(what).isEqualTo(expected);
    }

    private static void assertSameRead(String text, String what) {
        Outcome expected = Outcome.of(() -> describe(JsonTextReference.parse(text)));
        Outcome actual = Outcome.of(() -> describe(JsonText.parse(text)));
        assertThat(actual).as("%s: %s", what, text).isEqualTo(expected);
    }

    /** A result, or the class and message of a failure. */
    private record Outcome(@Nullable String result, @Nullable String failure) {
        interface Call {
            String run();
        }

        static Outcome of(Call call) {
            try {
                return new Outcome(call.run(), null);
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass().getName() + ": " + e.getMessage()
                        + (e.getCause() == null ? "" : " / " + e.getCause().getClass().getName()));
            }
        }
    }

    /** The value with every class and every map's key order, which equals alone would not show. */
    private static String describe(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.getClass().getSimpleName());
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            map.forEach((k, v) -> out.append(describe(k)).append('=').append(describe(v)).append(','));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            out.append('[');
            list.forEach(e -> out.append(describe(e)).append(','));
            return out.append(']').toString();
        }
        return out.append(':').append(value).toString();
    }

    /** A value of the store's JSON types; with {@code wide}, sometimes an {@code Integer} as well. */
    private static @Nullable Object value(SplittableRandom random, int depth, boolean wide) {
        int kind = random.nextInt(depth > 0 ? 9 : 6);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return text(random);
            case 2:
                return random.nextBoolean();
            case 3:
                return wide && random.nextBoolean() ? (Object) random.nextInt() : (Object) number(random);
            case 4:
                return doubleValue(random);
            case 5:
                return random.nextInt(4) == 0 ? Map.of() : text(random);
            case 6:
            case 7: {
                Map<String, @Nullable Object> map = random.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    map.put(text(random), value(random, depth - 1, wide));
                }
                return map;
            }
            default: {
                List<@Nullable Object> list = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    list.add(value(random, depth - 1, wide));
                }
                return list;
            }
        }
    }

    private static long number(SplittableRandom random) {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextLong();
            case 1:
                return random.nextInt(-3, 3);
            case 2:
                return random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            default:
                return random.nextLong(-1_000_000, 1_000_000);
        }
    }

    private static double doubleValue(SplittableRandom random) {
        switch (random.nextInt(5)) {
            case 0:
                return random.nextDouble();
            case 1: {
                double any = Double.longBitsToDouble(random.nextLong()); // any magnitude, subnormals too
                return Double.isFinite(any) ? any : 0.5;
            }
            case 2:
                return random.nextInt(-5, 5); // a whole double: written as 2.0
            case 3:
                return random.nextBoolean() ? -0.0 : 1e21;
            default:
                return random.nextDouble(-1e-5, 1e-5);
        }
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(3)) {
                case 0:
                    text.append(ODD_TEXT[random.nextInt(ODD_TEXT.length)]);
                    break;
                case 1:
                    text.append((char) random.nextInt(0x20, 0x7f));
                    break;
                default:
                    text.append((char) random.nextInt(0x10000));
            }
        }
        return text.toString();
    }

    /** The text cut, with a character dropped, doubled, or replaced or preceded by a JSON-significant one. */
    private static String damage(SplittableRandom random, String text) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits; e++) {
            int at = out.length() == 0 ? 0 : random.nextInt(out.length() + 1);
            char significant = SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length()));
            switch (random.nextInt(6)) {
                case 0:
                    out.setLength(at);
                    break;
                case 1:
                    if (at < out.length()) {
                        out.deleteCharAt(at);
                    }
                    break;
                case 2:
                    if (at < out.length()) {
                        out.insert(at, out.charAt(at));
                    }
                    break;
                case 3:
                    if (at < out.length()) {
                        out.setCharAt(at, significant);
                    }
                    break;
                case 4:
                    out.insert(at, significant);
                    break;
                default:
                    out.append(random.nextBoolean() ? " " + significant : String.valueOf(significant));
            }
        }
        return out.toString();
    }
}
