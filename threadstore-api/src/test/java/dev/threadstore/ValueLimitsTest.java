package dev.threadstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The bounds of {@link ValueLimits}, checked on every record field they apply to. */
class ValueLimitsTest {

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, four bytes of UTF-8

    @Test
    void theInstantBoundsAreTheFirstAndLastMicrosecondOfYearsOneTo9999() {
        assertThat(ValueLimits.MIN_INSTANT).isEqualTo(FIRST);
        assertThat(ValueLimits.MAX_INSTANT).isEqualTo(LAST);
    }

    /** Every Instant field of every record, as a function building the record with that field set. */
    private static Map<String, Function<Instant, Object>> instantFields() {
        Map<String, Function<Instant, Object>> fields = new LinkedHashMap<>();
        fields.put("createdAt", t -> ChatThread.builder().createdAt(t).updatedAt(LAST).build());
        fields.put("updatedAt", t -> ChatThread.builder().createdAt(FIRST).updatedAt(t).build());
        fields.put("timestamp", t -> Message.builder(Role.USER).content("x").timestamp(t).build());
        fields.put("createdAt ", t -> new StoredFile("id", "f", "text/plain", "p", "local", t, 1, "00"));
        return fields;
    }

    /** Every indexed key of every record, as a function building the record with that key. */
    private static Map<String, Function<String, Object>> keyFields() {
        Map<String, Function<String, Object>> fields = new LinkedHashMap<>();
        fields.put("thread id", id -> ChatThread.builder().id(id).build());
        fields.put("message id", id -> Message.builder(Role.USER).id(id).content("x").build());
        fields.put("message toolCallId", id -> Message.tool(id, "calc", "42"));
        fields.put("tool call id", id -> ToolCall.function(id, "f", "{}"));
        fields.put("thread source name", name -> ThreadSource.of(name));
        fields.put("attachment storagePath", path -> new Attachment("a.txt", null, "text/plain", Map.of(), "f1", path,
                "local", AttachmentStatus.STORED, 1, null));
        return fields;
    }

    @Test
    void instantsAtBothEndsOfTheRangeAreKept() {
        instantFields().forEach((field, build) -> {
            assertThat(build.apply(FIRST)).as(field).isNotNull();
            assertThat(build.apply(LAST)).as(field).isNotNull();
            assertThat(build.apply(LAST.plusNanos(999))).as("%s truncated to microseconds", field).isNotNull();
        });
        assertThat(ChatThread.builder().createdAt(FIRST).updatedAt(LAST).build().updatedAt()).isEqualTo(LAST);
    }

    @Test
    void anInstantOutsideTheRangeIsRejectedNamingTheFieldAndTheRange() {
        List<Instant> outside = List.of(FIRST.minusNanos(1000), LAST.plusNanos(1000), Instant.MIN, Instant.MAX,
                Instant.EPOCH.minusSeconds(62_200_000_000L * 10));
        instantFields().forEach((field, build) -> {
            for (Instant t : outside) {
                assertThatThrownBy(() -> build.apply(t)).as("%s = %s", field, t)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(field.strip())
                        .hasMessageContaining("0001-01-01T00:00:00Z")
                        .hasMessageContaining("9999-12-31T23:59:59.999999Z");
            }
        });
    }

    @Test
    void theRangeIsWhatTheConstantsSay() {
        assertThat(ValueLimits.MIN_INSTANT).isEqualTo(FIRST);
        assertThat(ValueLimits.MAX_INSTANT).isEqualTo(LAST);
        assertThat(ValueLimits.MAX_KEY_LENGTH).isEqualTo(255);
    }

    @Test
    void keysOfTwoHundredFiftyFiveCharactersAreAcceptedAndLongerOnesRejected() {
        keyFields().forEach((field, build) -> {
            for (String key : List.of("k".repeat(255), EMOJI.repeat(255), "k".repeat(254) + EMOJI)) {
                assertThat(build.apply(key)).as("%s of %d code points", field, key.codePointCount(0, key.length()))
                        .isNotNull();
            }
            for (String key : List.of("k".repeat(256), EMOJI.repeat(256), "k".repeat(255) + EMOJI, "k".repeat(3000))) {
                assertThatThrownBy(() -> build.apply(key)).as("%s of %d code points", field,
                                key.codePointCount(0, key.length()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(field)
                        .hasMessageContaining("at most 255");
            }
        });
    }

    @Test
    void nonIndexedStringsHaveNoLengthLimit() {
        String longText = EMOJI.repeat(10_000);
        assertThat(ChatThread.builder().title(longText).attributes(Map.of(longText, longText)).build().title())
                .isEqualTo(longText);
        assertThat(MessageSource.of(longText, longText, null).id()).isEqualTo(longText);
    }

    @Test
    @SuppressWarnings("unchecked")
    void negativeZeroIsZeroInEveryJsonValueARecordHolds() {
        Map<String, Object> json = Map.of("z", -0.0, "nested", Map.of("list", List.of(-0.0f)));
        Attachment attachment = new Attachment("a.txt", null, null, json, null, null, null, AttachmentStatus.FAILED, 0, null);
        Message message = Message.builder(Role.USER).content("x").attributes(json).metrics(json)
                .source(new MessageSource("u", null, null, json)).attachments(List.of(attachment)).build();
        ChatThread thread = ChatThread.builder().attributes(json).source(new ThreadSource("slack", json))
                .messages(List.of(message)).build();

        List<Map<String, Object>> all = List.of(thread.attributes(), thread.source().properties(),
                message.attributes(), message.metrics(), message.source().attributes(),
                message.attachments().get(0).attributes());
        for (Map<String, Object> map : all) {
            assertThat(Double.doubleToRawLongBits((Double) map.get("z"))).as("%s", map).isZero();
            Object nested = ((List<Object>) ((Map<String, Object>) map.get("nested")).get("list")).get(0);
            assertThat(Double.doubleToRawLongBits((Double) nested)).as("%s", map).isZero();
        }
    }
}
