package dev.threadstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The export line format: its exact shape, JSON types, and the errors a bad line gives. */
class ThreadJsonTest {

    private static final Instant T = Instant.parse("2026-01-31T12:00:00.123456Z");

    @Test
    void writesEveryFieldInAFixedOrderWithSortedKeys() {
        ChatThread thread = ChatThread.builder().id("t1").title("Support").createdAt(T).updatedAt(T).version(3)
                .attributes(Map.of("z", 1L, "a", 1.0))
                .messages(List.of(Message.builder(Role.USER).id("m1").sequence(1).timestamp(T).content("hi\n\"you\"")
                        .build()))
                .build();

        assertThat(ThreadJson.write(thread)).isEqualTo("{\"format\":\"threadstore-thread\",\"formatVersion\":1,"
                + "\"id\":\"t1\",\"title\":\"Support\",\"createdAt\":\"2026-01-31T12:00:00.123456Z\","
                + "\"updatedAt\":\"2026-01-31T12:00:00.123456Z\",\"version\":3,\"attributes\":{\"a\":1.0,\"z\":1},"
                + "\"source\":null,\"messages\":[{\"id\":\"m1\",\"role\":\"user\",\"sequence\":1,"
                + "\"timestamp\":\"2026-01-31T12:00:00.123456Z\",\"content\":\"hi\\n\\\"you\\\"\",\"parts\":[],"
                + "\"name\":null,\"toolCallId\":null,\"toolCalls\":[],\"attributes\":{},\"source\":null,"
                + "\"attachments\":[],\"reactions\":{},\"metrics\":{}}]}");
    }

    @Test
    void integersAndDecimalsKeepTheirJsonType() {
        ChatThread thread = ChatThread.builder().id("t").createdAt(T)
                .attributes(Map.of("long", Long.MAX_VALUE, "double", 1.0, "tiny", 1e-300, "big", 1e300)).build();

        ChatThread read = ThreadJson.read(ThreadJson.write(thread));

        assertThat(read.attributes()).containsEntry("long", Long.MAX_VALUE).containsEntry("double", 1.0)
                .containsEntry("tiny", 1e-300).containsEntry("big", 1e300);
        assertThat(read.attributes().get("double")).isInstanceOf(Double.class);
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        ChatThread read = ThreadJson.read("{\"format\":\"threadstore-thread\",\"formatVersion\":1,\"id\":\"t\","
                + "\"createdAt\":\"2026-01-31T12:00:00Z\",\"updatedAt\":\"2026-01-31T12:00:00Z\","
                + "\"messages\":[{\"id\":\"m\",\"role\":\"assistant\",\"timestamp\":\"2026-01-31T12:00:00Z\"}]}");

        assertThat(read.title()).isNull();
        assertThat(read.version()).isZero();
        assertThat(read.messages()).singleElement().satisfies(m -> {
            assertThat(m.role()).isEqualTo(Role.ASSISTANT);
            assertThat(m.sequence()).isZero();
            assertThat(m.toolCalls()).isEmpty();
        });
    }

    @Test
    void aBadLineIsRefusedNamingTheField() {
        String head = "{\"format\":\"threadstore-thread\",\"formatVersion\":1,\"id\":\"t9\","
                + "\"createdAt\":\"2026-01-31T12:00:00Z\",\"updatedAt\":\"2026-01-31T12:00:00Z\",";

        assertThatThrownBy(() -> ThreadJson.read("{\"format\":"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid JSON at offset");
        assertThatThrownBy(() -> ThreadJson.read("{\"format\":\"other\",\"formatVersion\":1}"))
                .hasMessageContaining("format is 'other'");
        assertThatThrownBy(() -> ThreadJson.read("{\"format\":\"threadstore-thread\",\"formatVersion\":2}"))
                .hasMessageContaining("formatVersion 2 is not supported").hasMessageContaining("newer threadstore");
        assertThatThrownBy(() -> ThreadJson.read(head + "\"colour\":1}"))
                .hasMessageContaining("unknown field 'colour'");
        assertThatThrownBy(() -> ThreadJson.read(head + "\"messages\":[{\"id\":\"m\",\"role\":\"robot\","
                + "\"timestamp\":\"2026-01-31T12:00:00Z\"}]}"))
                .hasMessageContaining("thread t9: messages[0].role is 'robot', expected one of system, user, assistant, tool");
        assertThatThrownBy(() -> ThreadJson.read(head + "\"messages\":[{\"id\":\"m\",\"role\":\"tool\","
                + "\"timestamp\":\"2026-01-31T12:00:00Z\"}]}"))
                .hasMessageContaining("thread t9").hasMessageContaining("toolCallId");
        assertThatThrownBy(() -> ThreadJson.read(head.replace("\"2026-01-31T12:00:00Z\",\"updatedAt", "\"yesterday\",\"updatedAt") + "\"version\":1}"))
                .hasMessageContaining("createdAt is 'yesterday'");
        assertThatThrownBy(() -> ThreadJson.read(head + "\"version\":\"1\"}"))
                .hasMessageContaining("version must be an integer, got a string");
    }

    @Test
    void expiresAtRoundTripsAfterVersionAndMayBeAbsentOrNull() {
        ChatThread expiring = ChatThread.builder().id("t").createdAt(T).updatedAt(T).expiresAt(T.plusSeconds(60)).build();
        ChatThread forever = expiring.withExpiresAt(null);

        String line = ThreadJson.write(expiring);
        String withoutExpiry = ThreadJson.write(forever);

        assertThat(line).contains("\"version\":0,\"expiresAt\":\"2026-01-31T12:01:00.123456Z\",\"attributes\"");
        assertThat(ThreadJson.read(line)).isEqualTo(expiring);
        assertThat(withoutExpiry).doesNotContain("expiresAt");
        assertThat(ThreadJson.read(withoutExpiry)).isEqualTo(forever);
        assertThat(ThreadJson.read(withoutExpiry.replace("\"version\":0,", "\"version\":0,\"expiresAt\":null,")))
                .isEqualTo(forever);
    }

    @Test
    void aMalformedExpiresAtIsRefusedByName() {
        String line = ThreadJson.write(ChatThread.builder().id("t").createdAt(T).updatedAt(T).build())
                .replace("\"version\":0,", "\"version\":0,\"expiresAt\":\"tomorrow\",");

        assertThatThrownBy(() -> ThreadJson.read(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expiresAt").hasMessageContaining("tomorrow");
    }

    @Test
    void aWindowedThreadIsRefused() {
        ChatThread windowed = ChatThread.builder().id("t").window(MessageWindow.last(2)).build();

        assertThatThrownBy(() -> ThreadJson.write(windowed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("export whole threads");
    }
}
