package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    @Test
    void integersBecomeLongAndDecimalsDouble() {
        Map<String, Object> copy = JsonValues.copyOf(Map.of("i", 42, "s", (short) 1, "b", (byte) 2, "l", 7L,
                "f", 1.5f, "d", 2.5, "bd", new BigDecimal("3.25"), "bi", BigInteger.TEN), "attributes");

        assertThat(copy.get("i")).isEqualTo(42L);
        assertThat(copy.get("s")).isEqualTo(1L);
        assertThat(copy.get("b")).isEqualTo(2L);
        assertThat(copy.get("l")).isEqualTo(7L);
        assertThat(copy.get("f")).isEqualTo(1.5);
        assertThat(copy.get("d")).isEqualTo(2.5);
        assertThat(copy.get("bd")).isEqualTo(3.25);
        assertThat(copy.get("bi")).isEqualTo(10L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void nullValuesAreKeptAndCopiesAreUnmodifiableAllTheWayDown() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("n", null);
        List<Object> list = new ArrayList<>(Arrays.asList(1, null, "x"));
        Map<String, Object> source = new HashMap<>();
        source.put("nested", nested);
        source.put("list", list);

        Map<String, Object> copy = JsonValues.copyOf(source, "attributes");
        nested.put("later", 1);
        list.add("later");

        assertThat(((Map<String, Object>) copy.get("nested")).keySet()).containsExactly("n");
        assertThat((List<Object>) copy.get("list")).containsExactly(1L, null, "x");
        assertThatThrownBy(() -> copy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) copy.get("nested");
        assertThatThrownBy(() -> inner.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nonJsonValuesAreRejectedNamingTheKeyAndType() {
        assertThatThrownBy(() -> JsonValues.copyOf(Map.of("when", new java.util.Date()), "thread attributes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thread attributes.when")
                .hasMessageContaining("java.util.Date");
        assertThatThrownBy(() -> JsonValues.copyOf(Map.of("x", Double.NaN), "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonValues.copyOf(Map.of("x", Map.of(1, 2)), "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a string");
    }

    @Test
    void unpairedSurrogatesAreRejectedInKeysAndValues() {
        assertThatThrownBy(() -> JsonValues.copyOf(Map.of("k", "bad \uD800 text"), "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> JsonValues.copyOf(Map.of("\uDC00", "v"), "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        assertThat(JsonValues.copyOf(Map.of("emoji \uD83D\uDE00", "\u0000 ok"), "a")).containsKey("emoji \uD83D\uDE00");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        Object deep = "leaf";
        for (int i = 0; i < 10_000; i++) {
            deep = List.of(deep);
        }
        Object value = deep;
        assertThatThrownBy(() -> JsonValues.copyOf(Map.of("deep", value), "attributes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper than");
    }

    @Test
    void numbersCompareByValueButNotWithStringsOrBooleans() {
        assertThat(JsonValues.jsonEquals(42L, 42L)).isTrue();
        assertThat(JsonValues.jsonEquals(42L, 42.0)).isTrue();
        assertThat(JsonValues.jsonEquals(42, 42.0)).isTrue();
        assertThat(JsonValues.jsonEquals(42L, "42")).isFalse();
        assertThat(JsonValues.jsonEquals(true, 1L)).isFalse();
        assertThat(JsonValues.jsonEquals(0.1, 0.1)).isTrue();
        assertThat(JsonValues.jsonEquals(List.of(1, Map.of("a", 2.0)), List.of(1L, Map.of("a", 2L)))).isTrue();
        assertThat(JsonValues.jsonEquals(List.of(1, 2), List.of(2, 1))).isFalse();
        assertThat(JsonValues.jsonEquals(Map.of("a", 1), Map.of("a", 1, "b", 2))).isFalse();
    }

    @Test
    void aNullQueryValueMatchesAMissingKeyOrJsonNull() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("k", null);
        Map<String, Object> query = new HashMap<>();
        query.put("k", null);

        assertThat(JsonValues.matches(Map.of(), query)).isTrue();
        assertThat(JsonValues.matches(withNull, query)).isTrue();
        assertThat(JsonValues.matches(Map.of("k", 1), query)).isFalse();
        assertThat(JsonValues.matches(Map.of("a", 1, "b", "x"), Map.of("a", 1.0, "b", "x"))).isTrue();
        assertThat(JsonValues.matches(Map.of("a", 1), Map.of())).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void negativeZeroBecomesZeroAtEveryDepth() {
        Map<String, Object> copy = JsonValues.copyOf(Map.of("d", -0.0, "f", -0.0f, "bd", new BigDecimal("-0.0"),
                "nested", List.of(Map.of("deep", List.of(-0.0)))), "attributes");

        assertPositiveZero(copy.get("d"));
        assertPositiveZero(copy.get("f"));
        assertPositiveZero(copy.get("bd"));
        Map<String, Object> inner = ((List<Map<String, Object>>) copy.get("nested")).get(0);
        assertPositiveZero(((List<Object>) inner.get("deep")).get(0));
        assertThat(copy).isEqualTo(JsonValues.copyOf(Map.of("d", 0.0, "f", 0.0, "bd", 0.0,
                "nested", List.of(Map.of("deep", List.of(0.0)))), "attributes"));
        assertThat(JsonValues.canonical(-0.0, "value")).isEqualTo(0.0);
        assertThat(JsonValues.canonical(-1.5, "value")).isEqualTo(-1.5);
    }

    static void assertPositiveZero(Object value) {
        assertThat(value).isInstanceOf(Double.class);
        assertThat(Double.doubleToRawLongBits((Double) value)).as("%s is +0.0", value).isZero();
    }
}
