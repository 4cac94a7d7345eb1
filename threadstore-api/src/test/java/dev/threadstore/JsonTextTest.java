package dev.threadstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void parsesEveryKindOfValueIntoTheRecordsJsonTypes() {
        Object value = JsonText.parse(" {\"s\": \"a\\\"b\\u00e9\\ud83d\\ude00\\n\", \"i\": 42, \"neg\": -7, \"d\": 1.5, \"e\": 2E3,"
                + " \"t\": true, \"f\": false, \"n\": null, \"l\": [1, [], {}], \"big\": 123456789012345678901234567890} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"b\u00e9\uD83D\uDE00\n");
        expected.put("i", 42L);
        expected.put("neg", -7L);
        expected.put("d", 1.5);
        expected.put("e", 2000.0);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("l", List.of(1L, List.of(), Map.of()));
        expected.put("big", 1.2345678901234568E29);
        assertThat(value).isEqualTo(expected);
        assertThat(List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(List.copyOf(expected.keySet()));
    }

    @Test
    void integersThatFitALongStayLongs() {
        assertThat(JsonText.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(JsonText.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonText.parse("9223372036854775808")).isInstanceOf(Double.class);
        assertThat(JsonText.parse("-0")).isEqualTo(0L);
    }

    @Test
    void rejectsWhatAStrictParserMustReject() {
        for (String bad : List.of("", " ", "[1,]", "{\"a\":1,}", "// c\n1", "'a'", "01", "1.", ".5", "+1", "1e", "[1 2]",
                "{\"a\" 1}", "{a:1}", "\"unterminated", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "tru", "nul",
                "[1] x", "NaN", "Infinity", "1e999", "\"\\ud800\"", "\"\\udc00x\"", "{\"a\":}", "[", "{")) {
            assertThatThrownBy(() -> JsonText.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid JSON at offset");
        }
    }

    @Test
    void aDuplicateKeyKeepsItsLastValue() {
        assertThat(JsonText.parse("{\"a\":1,\"a\":2}")).isEqualTo(Map.of("a", 2L));
    }

    @Test
    void nestingIsLimitedWithoutExhaustingTheStack() {
        String atLimit = "[".repeat(JsonText.MAX_DEPTH) + "]".repeat(JsonText.MAX_DEPTH);
        assertThat(JsonText.parse(atLimit)).isInstanceOf(List.class);

        String tooDeep = "[".repeat(JsonText.MAX_DEPTH + 1) + "]".repeat(JsonText.MAX_DEPTH + 1);
        assertThatThrownBy(() -> JsonText.parse(tooDeep)).hasMessageContaining("nested deeper than " + JsonText.MAX_DEPTH);

        char[] hostile = new char[1_000_000];
        Arrays.fill(hostile, '[');
        assertThatThrownBy(() -> JsonText.parse(new String(hostile))).isInstanceOf(IllegalArgumentException.class);
        String objects = "{\"a\":".repeat(500_000);
        assertThatThrownBy(() -> JsonText.parse(objects)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theParsedValueIsAcceptedByTheRecords() {
        Object parsed = JsonText.parse("{\"k\": [\"\\u0000\", {\"x\": 1e-3}]}");
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("parsed_content", parsed);
        assertThat(Attachment.of(new byte[] {1}, "a.json").withStoredFile(
                new StoredFile("id", "a.json", "application/json", "p", "local", java.time.Instant.now(), 1, "00"),
                attributes).attributes()).containsEntry("parsed_content", parsed);
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        assertThat(JsonText.parse("\uFEFF[true]")).isEqualTo(List.of(true));
    }
}
