package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * A canonical copy is checked once: handed back to {@link JsonValues#copyOf}, alone or nested in a new value, it is
 * kept as it is, yet every value comes out as the full check makes it and every bad value is refused with the same
 * message. Generated from a seeded random (rerun with {@code -Dthreadstore.seed=…}).
 */
class CanonicalJsonTest {

    private final long seed = Long.getLong("threadstore.seed", System.nanoTime());
    private final SplittableRandom random = new SplittableRandom(seed);

    private Object value(int depth) {
        int kind = random.nextInt(depth > 3 ? 7 : 10);
        switch (kind) {
            case 0: return "s" + random.nextInt(5);
            case 1: return random.nextInt(10);
            case 2: return random.nextInt(10) / 4.0;
            case 3: return random.nextBoolean();
            case 4: return null;
            case 5: return random.nextInt(40) == 0 ? "bad \uD800" : new BigDecimal("-0.0");
            case 6: return random.nextInt(40) == 0 ? new Object() : (long) random.nextInt(3);
            case 7: {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(reuse(value(depth + 1)));
                }
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put("k" + random.nextInt(6), reuse(value(depth + 1)));
                }
                return map;
            }
        }
    }

    /** Sometimes replaces a map or list with its canonical copy, so that a value mixes checked and new parts. */
    private Object reuse(Object value) {
        if ((value instanceof Map || value instanceof List) && random.nextBoolean()) {
            try {
                return JsonValues.canonical(value, "part");
            } catch (IllegalArgumentException e) {
                return value; // a bad part stays as it is, to be refused with the whole
            }
        }
        return value;
    }

    /** The value with every container a plain, fresh one: what a caller who never met a canonical copy passes. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        return value;
    }

    private static String outcome(Object value, Object[] result) {
        try {
            result[0] = JsonValues.canonical(value, "attributes");
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void valuesMixingCheckedAndNewPartsComeOutAsTheFullCheckMakesThem() {
        int refused = 0;
        int reused = 0;
        for (int c = 0; c < 20_000; c++) {
            Object value = value(0);
            Object[] mixed = new Object[1];
            Object[] fresh = new Object[1];
            String mixedProblem = outcome(value, mixed);
            String freshProblem = outcome(plain(value), fresh);
            if (!Objects.equals(mixedProblem, freshProblem) || !Objects.equals(mixed[0], fresh[0])) {
                throw new AssertionFailedError("Case " + c + " of seed " + seed + " (rerun with -Dthreadstore.seed="
                        + seed + "): " + value + " gave " + mixed[0] + " / " + mixedProblem + ", the full check "
                        + fresh[0] + " / " + freshProblem);
            }
            if (mixedProblem != null) {
                refused++;
                continue;
            }
            if (mixed[0] != null && String.valueOf(mixed[0]).equals(String.valueOf(fresh[0]))
                    && JsonValues.canonical(mixed[0], "again") == mixed[0] && (mixed[0] instanceof Map || mixed[0] instanceof List)) {
                reused++;
            }
        }
        assertThat(refused).as("refused values, seed " + seed).isGreaterThan(100);
        assertThat(reused).as("canonical values kept as they are, seed " + seed).isGreaterThan(2_000);
    }

    @Test
    void aCanonicalCopyIsKeptAsItIsAndAnyOtherMapIsCopied() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("a", 1);
        source.put("b", new ArrayList<>(List.of(Map.of("c", 2.5))));
        Map<String, Object> copy = JsonValues.copyOf(source, "attributes");

        assertThat(JsonValues.copyOf(copy, "again")).isSameAs(copy);
        assertThat(JsonValues.canonical(copy.get("b"), "again")).isSameAs(copy.get("b"));
        assertThat(JsonValues.copyOf(Map.of("outer", copy), "outer").get("outer")).isSameAs(copy);

        Map<String, Object> wrapped = Collections.unmodifiableMap(source);
        assertThat(JsonValues.copyOf(wrapped, "attributes")).isNotSameAs(wrapped).isEqualTo(copy);
        source.put("a", 2);
        assertThat(copy.get("a")).isEqualTo(1L);
    }

    @Test
    void aCanonicalCopyReadsAsAnUnmodifiableLinkedHashMap() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("z", null);
        source.put("a", List.of(1, "x"));
        Map<String, Object> copy = JsonValues.copyOf(source, "attributes");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("z", null);
        expected.put("a", List.of(1L, "x"));

        assertThat(copy).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(copy);
        assertThat(copy.toString()).isEqualTo(expected.toString());
        assertThat(copy.keySet()).containsExactly("z", "a");
        assertThat(copy.containsKey("z")).isTrue();
        assertThat(copy.containsKey(null)).isFalse();
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) copy.get("a");
        assertThat(list.contains(null)).isFalse();
        assertThat(list.subList(0, 1)).containsExactly(1L);

        List<Runnable> mutators = List.of(() -> copy.put("n", 1), () -> copy.putAll(Map.of()), () -> copy.remove("z"),
                copy::clear, () -> copy.replaceAll((k, v) -> v), () -> copy.putIfAbsent("z", 1),
                () -> copy.remove("q", 1), () -> copy.replace("q", 1), () -> copy.replace("q", 1, 2),
                () -> copy.computeIfAbsent("z", k -> 1), () -> copy.computeIfPresent("q", (k, v) -> v),
                () -> copy.compute("q", (k, v) -> v), () -> copy.merge("q", 1, (a, b) -> a),
                () -> copy.entrySet().iterator().next().setValue(1), () -> copy.keySet().clear(),
                () -> copy.values().clear(), () -> list.add(1), () -> list.clear(),
                () -> list.set(0, 1), () -> list.removeIf(v -> false),
                () -> list.iterator().remove(), () -> list.sort(null),
                () -> list.subList(0, 1).clear(), () -> list.replaceAll(v -> v));
        for (Runnable mutator : mutators) {
            assertThatThrownBy(mutator::run).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    /** A checked value nested in a new one counts its own depth: the limit holds for the whole, as it always has. */
    @Test
    void theDepthLimitHoldsForCanonicalPartsNestedInNewValues() {
        Object deep = 1L;
        for (int i = 0; i < JsonValues.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        Object checked = JsonValues.canonical(deep, "deep"); // containers at depths 0 to MAX_DEPTH - 1: accepted
        assertThat(JsonValues.canonical(checked, "again")).isSameAs(checked);

        String expected = null;
        try {
            JsonValues.copyOf(Map.of("k", deep), "attributes");
        } catch (IllegalArgumentException e) {
            expected = e.getMessage();
        }
        assertThat(expected).contains("nested deeper than " + JsonValues.MAX_DEPTH);
        assertThatThrownBy(() -> JsonValues.copyOf(Map.of("k", checked), "attributes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
    }
}
