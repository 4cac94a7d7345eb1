package dev.threadstore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadRestore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Restore keeps the memory store's own indexes (listing positions, message ids) to exactly the current versions. */
class MemoryRestoreTest {

    private static MemoryThreadStore newStore() {
        return new MemoryThreadStore(MemoryStoreOptions.from(StoreUri.parse("memory:")));
    }

    @Test
    void replacingAThreadLeavesOnlyTheRestoredVersionInTheIndexes() {
        try (MemoryThreadStore store = newStore()) {
            ChatThread saved = store.save(ChatThread.create("t").withMessage(Message.user("one"))
                    .withMessage(Message.user("two")));
            ChatThread restored = saved.toBuilder().version(4).updatedAt(Instant.parse("2020-01-01T00:00:00Z"))
                    .messages(List.of(Message.user("three").withSequence(7))).build();

            assertThat(store.restore(restored, true)).isEqualTo(ThreadRestore.Outcome.REPLACED);

            assertThat(store.indexedPositions()).as("listing positions").isEqualTo(1);
            assertThat(store.indexedMessageIds()).as("message ids").isEqualTo(1);
            assertThat(store.getThreadByMessageId(saved.messages().get(0).id())).isEmpty();
            assertThat(store.get(saved.id())).contains(restored);
        }
    }

    @Test
    void theStoreIsItsOwnRestoreAlsoThroughUnwrap() {
        try (ThreadStore store = ThreadStore.create("memory:")) {
            assertThat(ThreadRestore.of(store)).containsSame((ThreadRestore) store);
            assertThat(store.unwrap(ThreadRestore.class)).containsSame((ThreadRestore) store);
        }
    }
}
