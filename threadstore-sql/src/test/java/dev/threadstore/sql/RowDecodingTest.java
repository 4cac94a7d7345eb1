package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.StorageException;
import dev.threadstore.spi.JsonValues;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.Rows.MessageRow;
import dev.threadstore.sql.Rows.ThreadRow;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rows the store wrote are decoded once: an empty JSON column costs no decoding and no parse, and a JSON object is
 * parsed into the canonical form the records keep without copying or checking it again. A row changed outside
 * threadstore is still refused, naming the column.
 */
class RowDecodingTest {

    private static final Instant T = Instant.parse("2025-03-04T05:06:07.123456Z");

    /** Stores JSON as it is, and counts the JSON columns it is asked to decode. */
    static final class CountingDialect implements Dialect {
        final AtomicInteger jsonDecodes = new AtomicInteger();

        @Override
        public String name() {
            return "Counting";
        }

        @Override
        public String describe(StoreUri uri) {
            return "counting";
        }

        @Override
        public String backend() {
            return "counting";
        }

        @Override
        public void configure(HikariConfig config, StoreUri uri) {
            throw new UnsupportedOperationException("codec tests open no pool");
        }

        @Override
        public String changelog() {
            return "none";
        }

        @Override
        public String mapperXml() {
            return "none";
        }

        @Override
        public Failure classify(SQLException e) {
            return Failure.OTHER;
        }

        @Override
        public String decodeJson(String column) {
            jsonDecodes.incrementAndGet();
            return column;
        }
    }

    private final CountingDialect dialect = new CountingDialect();
    private final RowCodec codec = new RowCodec(dialect);

    private MessageRow row(Message m) {
        return codec.messageRow("t1", m, RowCodec.digest(m));
    }

    @Test
    void emptyJsonColumnsAreNeitherDecodedNorParsed() {
        Message plain = Message.user("hello").withSequence(1);
        MessageRow row = row(plain);
        assertThat(List.of(row.parts(), row.toolCalls(), row.attributes(), row.reactions(), row.metrics()))
                .containsExactly("[]", "[]", "{}", "{}", "{}");
        dialect.jsonDecodes.set(0);

        Message decoded = codec.message(row, List.of());
        ChatThread thread = codec.thread(new ThreadRow("t1", "title", "{}", null, null, T, T, 1, null), List.of(decoded));

        assertThat(decoded).isEqualTo(plain);
        assertThat(thread.attributes()).isEmpty();
        assertThat(dialect.jsonDecodes).as("JSON columns the dialect decoded").hasValue(0);
    }

    @Test
    void aJsonObjectIsParsedOnceIntoTheFormTheRecordKeeps() {
        Message m = Message.user("hello").withSequence(1).withAttribute("n", 42).withAttribute("nested", Map.of("x", 1.5));
        Message decoded = codec.message(row(m), List.of());

        assertThat(decoded).isEqualTo(m);
        assertThat(JsonValues.copyOf(decoded.attributes(), "again")).isSameAs(decoded.attributes());
        assertThat(decoded.attributes().get("n")).isEqualTo(42L);
    }

    @Test
    void aRowChangedOutsideTheStoreIsStillRefusedNamingTheColumn() {
        MessageRow good = row(Message.user("hello").withSequence(1));
        List<MessageRow> bad = new ArrayList<>();
        bad.add(with(good, "{}", good.toolCalls(), good.attributes()));            // parts: an object
        bad.add(with(good, good.parts(), "{}", good.attributes()));                // tool_calls: an object
        bad.add(with(good, good.parts(), good.toolCalls(), "[]"));                 // attributes: an array
        bad.add(with(good, good.parts(), good.toolCalls(), "{\"k\":\"\\ud800\"}")); // an unpaired surrogate
        List<String> columns = List.of("parts", "tool_calls", "attributes", "attributes");
        for (int i = 0; i < bad.size(); i++) {
            MessageRow row = bad.get(i);
            assertThatThrownBy(() -> codec.message(row, List.of())).isInstanceOf(StorageException.class)
                    .hasMessageContaining("messages." + columns.get(i)).hasMessageContaining(good.id());
        }
        assertThatThrownBy(() -> codec.thread(new ThreadRow("t1", null, "[]", null, null, T, T, 1, null), List.of()))
                .isInstanceOf(StorageException.class).hasMessageContaining("threads.attributes");
    }

    private static MessageRow with(MessageRow r, String parts, String toolCalls, String attributes) {
        return new MessageRow(r.threadId(), r.id(), r.sequence(), r.role(), r.content(), parts, r.name(),
                r.toolCallId(), toolCalls, attributes, r.timestamp(), r.source(), r.reactions(), r.metrics(), r.digest());
    }
}
