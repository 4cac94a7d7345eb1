package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NulSafeTextTest {

    private static final Gson GSON = new GsonBuilder().serializeNulls()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

    @Test
    void textWithNulAndEscapeCharactersRoundTripsAndHoldsNoNul() {
        for (String text : List.of("", "plain", "\u0000", "\u0001", "a\u0000b\u0001c", "\u00010", "\u00011",
                "\u0001\u0000\u0001", "end\u0001", "\u0000\u0000", "é😀\u0000")) {
            String stored = NulSafeText.encode(text);
            assertThat(stored).doesNotContain("\u0000");
            assertThat(NulSafeText.decode(stored)).isEqualTo(text);
        }
    }

    @Test
    void textWithoutSpecialCharactersIsStoredUnchanged() {
        String text = "ordinary text, \"quotes\", \\backslashes\\ and ünïcödé";
        assertThat(NulSafeText.encode(text)).isSameAs(text);
        assertThat(NulSafeText.decode(text)).isSameAs(text);
    }

    @Test
    void encodingKeepsCodePointOrder() {
        List<String> texts = new ArrayList<>(List.of("a", "a\u0000", "a\u0000\u0000", "a\u00000", "a\u0001",
                "a\u00010", "a\u00011", "a\u0002", "a0", "b", "\u0000", "\u0001z", ""));
        texts.sort(Comparator.naturalOrder());
        List<String> encoded = new ArrayList<>(texts.stream().map(NulSafeText::encode).toList());
        List<String> sorted = new ArrayList<>(encoded);
        sorted.sort(Comparator.naturalOrder());
        assertThat(sorted).isEqualTo(encoded);
    }

    @Test
    void jsonStringsAndKeysAreEncodedAndDecoded() {
        Map<String, Object> value = Map.of("k\u0000ey", List.of("v\u0000", Map.of("\u0001", "x\u0001")),
                "plain", "text");
        String stored = NulSafeText.encodeJson(GSON.toJson(value));
        assertThat(stored).doesNotContain("\\u0000").doesNotContain("\u0000");
        assertThat(GSON.fromJson(NulSafeText.decodeJson(stored), Object.class)).isEqualTo(value);
    }

    @Test
    void nonIntegralNumbersAreWrittenSoTheyStayDoubles() {
        assertThat(NulSafeText.encodeJson("[1.0E10,42,1.5E-7,-2.5,1.0E300,9223372036854775807,0.1]"))
                .isEqualTo("[10000000000.0,42,0.00000015,-2.5," + "1" + "0".repeat(300) + ".0,9223372036854775807,0.1]");
        Object back = GSON.fromJson(NulSafeText.decodeJson(NulSafeText.encodeJson(
                GSON.toJson(List.of(1.0E10, 42L, 1.0E300, 1.0E-300, -0.5)))), Object.class);
        assertThat(back).isEqualTo(List.of(1.0E10, 42L, 1.0E300, 1.0E-300, -0.5));
    }

    @Test
    void jsonNullsLiteralsAndNestingSurviveTheRewrite() {
        String json = "{\"a\":null,\"b\":true,\"c\":false,\"d\":[],\"e\":{},\"f\":[[null]]}";
        assertThat(NulSafeText.encodeJson(json)).isEqualTo(json);
        assertThat(NulSafeText.encodeJson("[\"\\u0000\\\\u0000\\u0001\"]"))
                .isEqualTo("[\"\\u00010\\\\u0000\\u00011\"]");
        assertThat(NulSafeText.decodeJson("[\"\\u00010\\\\u0000\\u00011\"]"))
                .isEqualTo("[\"\\u0000\\\\u0000\\u0001\"]");
        assertThat(Arrays.asList(NulSafeText.encodeJson("null"), NulSafeText.encodeJson("\"s\"")))
                .containsExactly("null", "\"s\"");
    }
}
