package dev.threadstore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the memory backend adds to the contract: bounds, and indexes that follow evictions and deletes. */
class MemoryThreadStoreTest {

    private static MemoryThreadStore open(String url) {
        return (MemoryThreadStore) ThreadStore.create(url);
    }

    private static ChatThread threadWithMessages(String title, int messages) {
        ChatThread thread = ChatThread.create(title);
        for (int i = 0; i < messages; i++) {
            thread = thread.withMessage(Message.user(title + " message " + i));
        }
        return thread;
    }

    @Test
    void keepsAtMostMaximumSizeThreadsAndForgetsTheMessagesOfEvictedOnes() {
        try (MemoryThreadStore store = open("memory:?maximumSize=3")) {
            List<ChatThread> saved = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                saved.add(store.save(threadWithMessages("thread " + i, 2)));
            }
            store.unwrap(Cache.class).orElseThrow().cleanUp();

            List<ChatThread> kept = store.listRecent();
            assertThat(kept).hasSize(3);
            assertThat(store.indexedMessageIds()).isEqualTo(3 * 2);
            for (ChatThread thread : saved) {
                boolean isKept = kept.stream().anyMatch(k -> k.id().equals(thread.id()));
                for (Message message : thread.messages()) {
                    assertThat(store.getThreadByMessageId(message.id()).map(ChatThread::id))
                            .as("thread of message %s", message.content())
                            .isEqualTo(isKept ? Optional.of(thread.id()) : Optional.empty());
                }
            }
        }
    }

    @Test
    void aThreadPastExpireAfterWriteIsGoneWithItsMessageIndex() {
        try (MemoryThreadStore store = open("memory:?expireAfterWrite=PT0S")) {
            ChatThread saved = store.save(threadWithMessages("short-lived", 1));
            assertThat(store.get(saved.id())).isEmpty();
            assertThat(store.getThreadByMessageId(saved.messages().get(0).id())).isEmpty();
            assertThat(store.list()).isEmpty();
            store.unwrap(Cache.class).orElseThrow().cleanUp();
            assertThat(store.indexedMessageIds()).isZero();
        }
    }

    @Test
    void aDeletedThreadNoLongerAnswersForItsMessages() {
        try (MemoryThreadStore store = open("memory:")) {
            ChatThread saved = store.save(threadWithMessages("to delete", 3));
            String messageId = saved.messages().get(1).id();
            assertThat(store.getThreadByMessageId(messageId)).contains(saved);

            assertThat(store.delete(saved.id())).isTrue();

            assertThat(store.getThreadByMessageId(messageId)).isEmpty();
            assertThat(store.indexedMessageIds()).isZero();
            assertThat(store.delete(saved.id())).isFalse();
        }
    }

    @Test
    void aMessageRemovedBySaveNoLongerFindsItsThread() {
        try (MemoryThreadStore store = open("memory:")) {
            ChatThread saved = store.save(threadWithMessages("shrinking", 2));
            Message removed = saved.messages().get(0);
            ChatThread shrunk = store.save(saved.toBuilder().messages(saved.messages().subList(1, 2)).build());

            assertThat(store.getThreadByMessageId(removed.id())).isEmpty();
            assertThat(store.getThreadByMessageId(saved.messages().get(1).id())).contains(shrunk);
            assertThat(store.indexedMessageIds()).isEqualTo(1);
        }
    }

    @Test
    void aMessageIdInTwoThreadsFindsTheOtherOnceTheFirstInListOrderIsDeleted() {
        try (MemoryThreadStore store = open("memory:")) {
            Message shared = Message.builder(Role.USER).id("shared-id").content("hi").build();
            store.save(ChatThread.create("one").withMessage(shared));
            store.save(ChatThread.create("two").withMessage(shared));
            List<ChatThread> inListOrder = store.listRecent();
            assertThat(store.getThreadByMessageId("shared-id")).contains(inListOrder.get(0));

            store.delete(inListOrder.get(0).id());

            assertThat(store.getThreadByMessageId("shared-id")).contains(inListOrder.get(1));
            assertThat(store.indexedMessageIds()).isEqualTo(1);
        }
    }

    @Test
    void appendLeavesEarlierReadsAndTheNewThreadsConsistent() {
        try (MemoryThreadStore store = open("memory:")) {
            ChatThread saved = store.save(threadWithMessages("growing", 5));
            ChatThread before = store.get(saved.id()).orElseThrow();
            for (int i = 0; i < 100; i++) {
                store.append(saved.id(), List.of(Message.assistant("reply " + i)));
            }
            ChatThread after = store.get(saved.id()).orElseThrow();

            assertThat(before).isEqualTo(saved);
            assertThat(before.messages()).hasSize(5);
            assertThat(after.messages()).hasSize(105);
            assertThat(after.messages()).extracting(Message::sequence)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 105).boxed().toList());
            assertThat(after.version()).isEqualTo(saved.version() + 100);
            assertThat(store.getThreadByMessageId(after.messages().get(104).id())).contains(after);
        }
    }

    @Test
    void concurrentAppendersGetConsecutiveSequencesWithoutLosingAMessage() throws Exception {
        int appenders = 4;
        int perAppender = 200;
        try (MemoryThreadStore store = open("memory:")) {
            ChatThread saved = store.save(ChatThread.create("contended"));
            ExecutorService pool = Executors.newFixedThreadPool(appenders);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int a = 0; a < appenders; a++) {
                    int appender = a;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < perAppender; i++) {
                            store.append(saved.id(), List.of(Message.user(appender + ":" + i)));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            ChatThread after = store.get(saved.id()).orElseThrow();
            assertThat(after.messages()).extracting(Message::sequence)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, appenders * perAppender).boxed().toList());
            assertThat(after.messages()).extracting(Message::content).doesNotHaveDuplicates();
            assertThat(after.version()).isEqualTo(1 + appenders * perAppender);
        }
    }

    @Test
    void threadsWithEqualTimesListByIdInCodePointOrderNotUtf16Order() {
        Instant tie = Instant.parse("2024-06-01T12:00:00.123456Z");
        // U+FFFD and U+E000 sort before U+10000 and U+1F600 by code point (and in UTF-8, as SQL collates),
        // after them in UTF-16, where the supplementary characters start with surrogates (U+D800..U+DFFF).
        List<String> ids = List.of("\uD83D\uDE00", "\uFFFD", "a", "\uD800\uDC00", "\uE000");
        List<String> codePointOrder = List.of("a", "\uE000", "\uFFFD", "\uD800\uDC00", "\uD83D\uDE00");
        try (MemoryThreadStore store = new MemoryThreadStore(MemoryStoreOptions.from(StoreUri.parse("memory:")),
                Clock.fixed(tie, ZoneOffset.UTC))) {
            for (String id : ids) {
                store.save(ChatThread.builder().id(id).source(ThreadSource.of("slack")).createdAt(tie)
                        .messages(List.of(Message.builder(Role.USER).id("shared").content(id).build())).build());
            }

            assertThat(store.list()).extracting(ChatThread::id).containsExactlyElementsOf(codePointOrder);
            assertThat(store.listRecent()).extracting(ChatThread::id).containsExactlyElementsOf(codePointOrder);
            assertThat(store.findByAttributes(Map.of())).extracting(ChatThread::id).containsExactlyElementsOf(codePointOrder);
            assertThat(store.findBySource("slack", Map.of())).extracting(ChatThread::id)
                    .containsExactlyElementsOf(codePointOrder);
            assertThat(store.list(2, 1)).extracting(ChatThread::id).containsExactly("\uE000", "\uFFFD");
            assertThat(store.getThreadByMessageId("shared")).map(ChatThread::id).contains("a");
            store.delete("a");
            store.delete("\uE000");
            assertThat(store.getThreadByMessageId("shared")).as("the first in list order of the threads holding it")
                    .map(ChatThread::id).contains("\uFFFD");
        }
    }

    @Test
    void purgingAndReplacingExpiredThreadsLeavesNothingInTheIndexes() {
        try (MemoryThreadStore store = open("memory:")) {
            Instant past = Instant.now().minusSeconds(60);
            for (int i = 0; i < 20; i++) {
                store.save(threadWithMessages("t" + i, 3).withExpiresAt(past));
            }
            store.save(ChatThread.builder().id("replaced").expiresAt(past)
                    .messages(List.of(Message.user("old"))).build());
            store.save(ChatThread.builder().id("replaced").messages(List.of(Message.user("new"))).build());

            assertThat(store.deleteExpired(100)).isEqualTo(20);

            assertThat(store.indexedPositions()).as("only the replacement is listed").isEqualTo(1);
            assertThat(store.indexedMessageIds()).as("only the replacement's message is indexed").isEqualTo(1);
        }
    }

    /** The user-level append, thread = store.save(thread.withMessage(m)), extends the stored version in place. */
    @Test
    @SuppressWarnings("unchecked")
    void savingTheReturnedThreadWithANewMessageExtendsTheStoredVersionWithoutCopyingIt() {
        try (MemoryThreadStore store = open("memory:")) {
            Cache<String, StoredThread> cache = store.unwrap(Cache.class).orElseThrow();
            ChatThread thread = store.save(threadWithMessages("long", 50));
            for (int i = 0; i < 20; i++) {
                StoredThread before = cache.getIfPresent(thread.id());
                Message added = Message.user("new " + i);
                thread = store.save(thread.withMessage(added));
                StoredThread after = cache.getIfPresent(thread.id());

                assertThat(after.sharesMessagesWith(before)).isTrue();
                assertThat(after.toThread()).isSameAs(thread);
                assertThat(store.getThreadByMessageId(added.id()).map(ChatThread::id)).contains(thread.id());
                assertThat(store.indexedMessageIds()).isEqualTo(51 + i);
            }
        }
    }

    /**
     * Generated edits of a few threads (extend the returned thread and save it, drop its last messages, replace one,
     * append, delete): after each, every message id ever used leads to the thread that holds it, or to none.
     */
    @Test
    void theMessageIndexFollowsEveryKindOfSave() {
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        try (MemoryThreadStore store = open("memory:")) {
            List<ChatThread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                threads.add(store.save(threadWithMessages("t" + t, random.nextInt(4))));
            }
            java.util.Set<String> everUsed = new java.util.HashSet<>();
            threads.forEach(t -> t.messages().forEach(m -> everUsed.add(m.id())));
            for (int step = 0; step < 600; step++) {
                int t = random.nextInt(threads.size());
                ChatThread thread = store.get(threads.get(t).id()).orElse(null);
                if (thread == null) {
                    thread = store.save(threadWithMessages("again " + step, 1));
                    threads.set(t, thread);
                }
                int kind = random.nextInt(6);
                Message fresh = Message.user("step " + step);
                everUsed.add(fresh.id());
                int size = thread.messages().size();
                switch (kind) {
                    case 0, 1 -> thread = store.save(thread.withMessage(fresh));
                    case 2 -> thread = store.save(thread.toBuilder()
                            .messages(thread.messages().subList(0, size - random.nextInt(size + 1))).build());
                    case 3 -> {
                        if (size > 0) {
                            List<Message> messages = new ArrayList<>(thread.messages());
                            int i = random.nextInt(size);
                            messages.set(i, fresh.withSequence(messages.get(i).sequence()));
                            thread = store.save(thread.toBuilder().messages(messages).build());
                        }
                    }
                    case 4 -> store.append(thread.id(), List.of(fresh));
                    default -> {
                        if (random.nextInt(4) == 0) {
                            store.delete(thread.id());
                        }
                    }
                }
                for (String messageId : everUsed) {
                    Optional<String> holder = threads.stream().map(x -> store.get(x.id()))
                            .flatMap(Optional::stream)
                            .filter(x -> x.message(messageId).isPresent())
                            .map(ChatThread::id).findFirst();
                    assertThat(store.getThreadByMessageId(messageId).map(ChatThread::id))
                            .as("thread of %s after step %d, seed %d (rerun with -Dthreadstore.seed=%d)",
                                    messageId, step, seed, seed)
                            .isEqualTo(holder);
                }
            }
        }
    }
}
