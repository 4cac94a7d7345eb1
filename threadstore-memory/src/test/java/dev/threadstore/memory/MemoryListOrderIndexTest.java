package dev.threadstore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory store's ordered listing index: it follows every write and eviction, and never grows stale. */
class MemoryListOrderIndexTest {

    private static MemoryThreadStore open(String url) {
        return (MemoryThreadStore) ThreadStore.create(url);
    }

    @Test
    void theIndexHoldsOnePositionPerThreadWhateverTheWrites() {
        try (MemoryThreadStore store = open("memory:")) {
            ChatThread thread = store.save(ChatThread.create("busy"));
            for (int i = 0; i < 50; i++) {
                thread = store.save(thread.withMessage(Message.user("m" + i)));
                store.append(thread.id(), List.of(Message.user("a" + i)));
                thread = store.get(thread.id()).orElseThrow();
            }
            store.fork(thread.id(), 3, "fork");

            assertThat(store.indexedPositions()).isEqualTo(2);

            store.delete(thread.id());
            store.delete("fork");

            assertThat(store.indexedPositions()).isZero();
            assertThat(store.summaries(ThreadQuery.all()).items()).isEmpty();
        }
    }

    @Test
    void evictedThreadsLeaveTheIndexAndEveryListing() {
        try (MemoryThreadStore store = open("memory:?maximumSize=5")) {
            for (int i = 0; i < 20; i++) {
                store.save(ChatThread.builder().id("t" + i).build());
            }
            store.unwrap(Cache.class).orElseThrow().cleanUp();

            List<String> present = store.listRecent().stream().map(ChatThread::id).toList();
            List<String> summarised = store.summaries(ThreadQuery.all()).items().stream().map(ThreadSummary::id).toList();

            assertThat(present).hasSizeLessThanOrEqualTo(5).allMatch(id -> store.get(id).isPresent());
            assertThat(summarised).isEqualTo(present);
            assertThat(store.count(ThreadQuery.all())).isEqualTo(present.size());
            assertThat(store.indexedPositions()).isEqualTo(present.size());
        }
    }
}
