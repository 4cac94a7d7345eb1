package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database from before the message-count changeset (issue 12), filled, then opened by this code: the changeset
 * backfills every thread's counts and leaves every thread intact.
 */
class SqliteSummaryUpgradeTest {

    @TempDir
    Path dir;

    @Test
    void theCountsChangesetBackfillsADatabaseWithDataInIt() throws Exception {
        Path db = dir.resolve("threads.db");
        List<ChatThread> saved = new ArrayList<>();
        try (ThreadStore store = ThreadStore.create("sqlite:" + db)) {
            saved.add(store.save(ChatThread.builder().id("empty").build()));
            saved.add(store.save(ChatThread.builder().id("three").build()
                    .withMessages(List.of(Message.user("a"), Message.user("b"), Message.user("c")))));
            saved.add(store.save(ChatThread.builder().id("gaps").build().toBuilder()
                    .messages(List.of(Message.user("x").withSequence(4), Message.user("y").withSequence(9))).build()));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE threads DROP COLUMN message_count");
            s.execute("ALTER TABLE threads DROP COLUMN last_sequence");
            s.execute("DELETE FROM DATABASECHANGELOG WHERE ID = '4-thread-message-counts'");
        }

        try (ThreadStore store = ThreadStore.create("sqlite:" + db)) {
            for (ChatThread thread : saved) {
                assertThat(store.get(thread.id())).contains(thread);
            }
            assertThat(store.summaries(ThreadQuery.all()).items())
                    .containsExactlyInAnyOrderElementsOf(saved.stream().map(ThreadSummary::of).toList());
            store.append("gaps", List.of(Message.user("z")));
            assertThat(store.summaries(ThreadQuery.all()).items().get(0))
                    .isEqualTo(ThreadSummary.of(store.get("gaps").orElseThrow()));
        }
    }
}
