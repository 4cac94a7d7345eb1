package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.StorageException;
import dev.threadstore.ThreadStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rows changed by hand outside threadstore are reported as the store's own error, naming where they are. */
class SqliteCorruptRowTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "messages    | parts       | [1]",
        "messages    | parts       | [{\"type\":\"video\",\"url\":\"x\"}]",
        "messages    | parts       | [{\"type\":\"text\",\"text\":null}]",
        "messages    | parts       | {}",
        "messages    | tool_calls  | [{\"id\":1,\"type\":\"function\",\"function\":\"f\",\"arguments\":\"{}\"}]",
        "messages    | tool_calls  | [{\"id\":\"c\"}]",
        "messages    | role        | ROBOT",
        "messages    | attributes  | not json",
        "messages    | attributes  | [1]",
        "messages    | reactions   | {\"+1\":\"bob\"}",
        "messages    | reactions   | {\"+1\":[1]}",
        "messages    | source      | {\"id\":null}",
        "messages    | source      | {\"id\":\"s\",\"type\":\"ALIEN\"}",
        "messages    | source      | {\"id\":\"s\",\"attributes\":[]}",
        "messages    | metrics     | 42",
        "attachments | status      | LOST",
        "attachments | attributes  | \"x\"",
        "attachments | size        | -1",
    })
    void aHandEditedColumnIsAStorageErrorNamingThreadMessageAndColumn(String table, String column, String value)
            throws SQLException {
        Path file = dir.resolve("threads.db");
        ChatThread saved;
        try (ThreadStore store = ThreadStore.create("sqlite:" + file)) {
            Attachment attachment = new Attachment("a.txt", null, "text/plain", Map.of(), "f1", "f1/a.txt", "file",
                    AttachmentStatus.STORED, 3, null);
            saved = store.save(ChatThread.create().withMessage(Message.user("hi").withAttachment(attachment)));
        }
        String messageId = saved.messages().get(0).id();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET " + column + " = ?")) {
            s.setString(1, value);
            s.executeUpdate();
        }
        try (ThreadStore store = ThreadStore.create("sqlite:" + file)) {
            assertThatThrownBy(() -> store.get(saved.id()))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(saved.id())
                    .hasMessageContaining(messageId)
                    .hasMessageContaining(column);
            assertThatThrownBy(store::listRecent).isInstanceOf(StorageException.class).hasMessageContaining(column);
        }
    }
}
