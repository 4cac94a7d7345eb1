package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.ThreadRestore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore and the SQL store's own memories of a thread: the read cache and the write memo. */
class SqliteRestoreTest {

    @TempDir
    Path dir;

    private String url() {
        return "sqlite:" + dir.resolve("threads.db");
    }

    @Test
    void aCachedCopyIsNotServedAfterARestore() {
        try (ThreadStore store = ThreadStore.create(url() + "?cache=maximumSize=100,expireAfterWrite=60s")) {
            ThreadRestore restore = ThreadRestore.of(store).orElseThrow();
            ChatThread saved = store.save(ChatThread.builder().id("t").build().withMessage(Message.user("one")));
            assertThat(store.get("t")).contains(saved); // now cached
            ChatThread other = saved.toBuilder().title("Restored").version(9)
                    .messages(List.of(Message.user("two").withSequence(3))).build();

            assertThat(restore.restore(other, true)).isEqualTo(ThreadRestore.Outcome.REPLACED);

            assertThat(store.get("t")).contains(other);
            try (ThreadStore uncached = ThreadStore.create(url())) {
                assertThat(uncached.get("t")).contains(other);
            }
        }
    }

    /**
     * The write memo trusts a thread row that shows the version and update time it remembers; a restore that writes
     * other messages under the same version and time must not leave it trusting the old ones, or the next save would
     * compute its difference against messages that are no longer there.
     */
    @Test
    void aSaveAfterARestoreAtTheSameVersionAndTimeWritesAgainstTheRestoredMessages() {
        try (ThreadStore store = ThreadStore.create(url())) {
            ThreadRestore restore = ThreadRestore.of(store).orElseThrow();
            ChatThread saved = store.save(ChatThread.builder().id("t").build().withMessage(Message.user("one")));
            Message edited = saved.messages().get(0).toBuilder().content("one, edited").build();
            ChatThread restored = saved.toBuilder()
                    .messages(List.of(edited, Message.user("two").withSequence(2))).build();

            assertThat(restore.restore(restored, true)).isEqualTo(ThreadRestore.Outcome.REPLACED);
            ChatThread next = store.save(store.get("t").orElseThrow().withTitle("Next"));

            assertThat(store.get("t")).contains(next);
            assertThat(next.messages()).extracting(Message::content).containsExactly("one, edited", "two");
            assertThat(next.version()).isEqualTo(saved.version() + 1);
        }
    }
}
