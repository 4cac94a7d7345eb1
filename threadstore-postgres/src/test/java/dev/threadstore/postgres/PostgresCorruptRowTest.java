package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.StorageException;
import dev.threadstore.ThreadStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rows changed by hand outside threadstore are reported as the store's own error, naming where they are. */
class PostgresCorruptRowTest {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "messages    | parts       | jsonb  | [1]",
        "messages    | parts       | jsonb  | [{\"type\":\"video\",\"url\":\"x\"}]",
        "messages    | parts       | jsonb  | [{\"type\":\"text\",\"text\":null}]",
        "messages    | parts       | jsonb  | {}",
        "messages    | tool_calls  | jsonb  | [{\"id\":1,\"type\":\"function\",\"function\":\"f\",\"arguments\":\"{}\"}]",
        "messages    | role        | text   | ROBOT",
        "messages    | attributes  | jsonb  | [1]",
        "messages    | reactions   | jsonb  | {\"+1\":\"bob\"}",
        "messages    | source      | jsonb  | {\"id\":null}",
        "messages    | source      | jsonb  | {\"id\":\"s\",\"type\":\"ALIEN\"}",
        "messages    | metrics     | jsonb  | 42",
        "attachments | status      | text   | LOST",
        "attachments | attributes  | jsonb  | \"x\"",
        "attachments | size        | bigint | -1",
    })
    void aHandEditedColumnIsAStorageErrorNamingThreadMessageAndColumn(String table, String column, String type,
                                                                       String value) throws SQLException {
        String schema = database.newSchema();
        String url = PostgresTestDatabase.url(schema);
        Attachment attachment = new Attachment("a.txt", null, "text/plain", Map.of(), "f1", "f1/a.txt", "file",
                AttachmentStatus.STORED, 3, null);
        ChatThread saved = database.track(ThreadStore.create(url))
                .save(ChatThread.create().withMessage(Message.user("hi").withAttachment(attachment)));
        String messageId = saved.messages().get(0).id();
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO \"" + schema + "\"");
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE " + table + " SET " + column + " = CAST(? AS " + type + ")")) {
                p.setString(1, value);
                p.executeUpdate();
            }
        }
        ThreadStore store = database.track(ThreadStore.create(url));
        assertThatThrownBy(() -> store.get(saved.id()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(saved.id())
                .hasMessageContaining(messageId)
                .hasMessageContaining(column);
        assertThatThrownBy(store::listRecent).isInstanceOf(StorageException.class).hasMessageContaining(column);
    }
}
