package dev.threadstore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The representation that makes append independent of the thread's length. */
class StoredThreadTest {

    private static StoredThread storedWith(int messages) {
        ChatThread thread = ChatThread.create("t");
        for (int i = 0; i < messages; i++) {
            thread = thread.withMessage(Message.user("m" + i));
        }
        return StoredThread.of(thread);
    }

    private static Message placed(Message message, StoredThread after) {
        return message.withSequence(after.maxSequence() + 1);
    }

    @Test
    void appendWritesIntoTheSharedArrayInsteadOfCopyingTheMessages() {
        StoredThread v1 = storedWith(3);
        StoredThread v2 = v1.withAppended(List.of(placed(Message.assistant("a"), v1)), Instant.now(), null);

        assertThat(v2.sharesMessagesWith(v1)).isTrue();
        assertThat(v2.messageCount()).isEqualTo(4);
        assertThat(v1.toThread().messages()).hasSize(3);
        assertThat(v1.message(v2.toThread().messages().get(3).id())).isEmpty();
        assertThat(v2.version()).isEqualTo(v1.version() + 1);
    }

    @Test
    void aFullArrayIsReplacedByOneTwiceAsLargeOnlyWhenFull() {
        StoredThread version = storedWith(8);
        StoredThread grown = version.withAppended(List.of(placed(Message.user("9"), version)), Instant.now(), null);
        assertThat(grown.sharesMessagesWith(version)).isFalse();

        StoredThread next = grown;
        for (int i = 0; i < 7; i++) {
            next = next.withAppended(List.of(placed(Message.user("more " + i), next)), Instant.now(), null);
            assertThat(next.sharesMessagesWith(grown)).isTrue();
        }
        assertThat(next.messageCount()).isEqualTo(16);
        assertThat(next.toThread().messages()).extracting(Message::sequence)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    }

    @Test
    void extendingAnOlderVersionLeavesTheNewerOneIntact() {
        StoredThread v1 = storedWith(2);
        Message a = placed(Message.user("a"), v1);
        Message b = placed(Message.user("b"), v1);
        StoredThread newer = v1.withAppended(List.of(a), Instant.now(), null);
        StoredThread other = v1.withAppended(List.of(b), Instant.now(), null);

        assertThat(other.sharesMessagesWith(v1)).isFalse();
        assertThat(newer.message(a.id())).contains(a);
        assertThat(newer.message(b.id())).isEmpty();
        assertThat(other.message(b.id())).contains(b);
        assertThat(other.message(a.id())).isEmpty();
        assertThat(newer.toThread().messages()).last().isEqualTo(a);
    }
}
