package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ContentPart;
import dev.threadstore.Message;
import dev.threadstore.MessageSource;
import dev.threadstore.StorageException;
import dev.threadstore.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each JSON shape's encoder and decoder, as a pair: what one writes the other reads back equal. */
class JsonShapesTest {

    private static final Column COLUMN = new Column("t1", "m1", "messages", "shape");

    private static <T> T roundTrip(JsonShapes.Shape<T> shape, T value) {
        return shape.decode(JsonText.read(JsonText.write(shape.encode(value)), COLUMN), COLUMN);
    }

    @Test
    void everyShapeOfThousandsOfGeneratedMessagesReadsBackEqual() {
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        AlikeMessages generate = new AlikeMessages(seed);
        int nonEmpty = 0;
        for (int i = 0; i < 5_000; i++) {
            Message m = generate.message();
            String as = "seed " + seed + " (rerun with -Dthreadstore.seed=" + seed + "), case " + i;
            assertThat(roundTrip(JsonShapes.PARTS, m.parts())).as(as).isEqualTo(m.parts());
            assertThat(roundTrip(JsonShapes.TOOL_CALLS, m.toolCalls())).as(as).isEqualTo(m.toolCalls());
            assertThat(roundTrip(JsonShapes.OBJECT, m.attributes())).as(as).isEqualTo(m.attributes());
            assertThat(roundTrip(JsonShapes.OBJECT, m.metrics())).as(as).isEqualTo(m.metrics());
            assertThat(roundTrip(JsonShapes.REACTIONS, m.reactions())).as(as).isEqualTo(m.reactions());
            if (m.source() != null) {
                assertThat(roundTrip(JsonShapes.MESSAGE_SOURCE, m.source())).as(as).isEqualTo(m.source());
            }
            nonEmpty += m.parts().isEmpty() || m.toolCalls().isEmpty() || m.attributes().isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("messages with parts, tool calls and attributes, seed " + seed).isGreaterThan(100);
    }

    @Test
    void theStoredJsonOfEachShapeIsTheDocumentedOne() {
        assertThat(JsonText.write(JsonShapes.PARTS.encode(List.of(new ContentPart.Text("a"), new ContentPart.ImageUrl("u")))))
                .isEqualTo("[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image_url\",\"url\":\"u\"}]");
        assertThat(JsonText.write(JsonShapes.TOOL_CALLS.encode(List.of(new ToolCall("c1", "function", "f", "{}")))))
                .isEqualTo("[{\"id\":\"c1\",\"type\":\"function\",\"function\":\"f\",\"arguments\":\"{}\"}]");
        assertThat(JsonText.write(JsonShapes.MESSAGE_SOURCE.encode(new MessageSource("s", null, null, Map.of()))))
                .isEqualTo("{\"id\":\"s\",\"name\":null,\"type\":null,\"attributes\":{}}");
    }

    @Test
    void aSourceWithoutItsRequiredIdIsTheStoresErrorNamingTheColumn() {
        assertThatThrownBy(() -> JsonShapes.MESSAGE_SOURCE.decode(JsonText.read("{\"name\":\"x\"}", COLUMN), COLUMN))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Thread 't1', message 'm1', column messages.shape")
                .hasMessageContaining("null as \"id\", where a string is required");
    }

    @Test
    void aValueTheRecordsRejectIsTheStoresErrorNotTheirs() {
        assertThatThrownBy(() -> JsonShapes.MESSAGE_SOURCE.decode(JsonText.read("{\"id\":\" \"}", COLUMN), COLUMN))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("a value the records reject")
                .hasMessageContaining("must not be blank");
    }
}
