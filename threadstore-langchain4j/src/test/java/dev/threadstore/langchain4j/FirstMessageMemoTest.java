package dev.threadstore.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the memory may take the thread's first message from what it read before, and when it must read it. */
class FirstMessageMemoTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Message SYSTEM = Message.system("rules").withSequence(1);

    private static ChatThread at(long version, Instant createdAt) {
        return ChatThread.builder().id("t").createdAt(createdAt).updatedAt(createdAt).version(version).build();
    }

    private static FirstMessageMemo.Count append(FirstMessageMemo memo, boolean success) {
        memo.appending();
        memo.appended(success);
        return memo.count();
    }

    @Test
    void knownWhileEveryVersionSinceIsAnAppendOfThisMemory() {
        FirstMessageMemo memo = new FirstMessageMemo();
        FirstMessageMemo.Count now = memo.count();
        assertThat(memo.firstSystemMessage(at(3, T), now, now)).as("nothing read yet").isNull();
        memo.remember(at(3, T), SYSTEM, now, now);
        assertThat(memo.firstSystemMessage(at(3, T), now, now)).contains(SYSTEM);

        FirstMessageMemo.Count after = append(memo, true);
        assertThat(memo.firstSystemMessage(at(4, T), after, after)).contains(SYSTEM);
        append(memo, true);
        after = append(memo, true);
        assertThat(memo.firstSystemMessage(at(6, T), after, after)).contains(SYSTEM);
        assertThat(memo.firstSystemMessage(at(7, T), after, after)).as("another writer's version").isNull();
        assertThat(memo.firstSystemMessage(at(6, T.plusSeconds(1)), after, after)).as("created again").isNull();
    }

    @Test
    void anAppendOfUnknownOutcomeOrOneOverlappingTheReadMakesTheMemoUnusableNotWrong() {
        FirstMessageMemo memo = new FirstMessageMemo();
        FirstMessageMemo.Count now = memo.count();
        memo.remember(at(1, T), SYSTEM, now, now);
        FirstMessageMemo.Count after = append(memo, false); // committed or not: unknown
        assertThat(memo.firstSystemMessage(at(2, T), after, after)).isNull();

        FirstMessageMemo other = new FirstMessageMemo();
        other.appending(); // an append in flight while the first message is read: its version may be in the read
        FirstMessageMemo.Count before = other.count();
        other.remember(at(2, T), SYSTEM, before, other.count());
        other.appended(true);
        FirstMessageMemo.Count later = other.count();
        assertThat(other.firstSystemMessage(at(3, T), later, later)).as("not recorded from a read overlapping an append")
                .isNull();
    }

    @Test
    void aFirstMessageThatIsNoSystemMessageIsKnownToBeNone() {
        FirstMessageMemo memo = new FirstMessageMemo();
        FirstMessageMemo.Count now = memo.count();
        memo.remember(at(2, T), Message.user("hi").withSequence(1), now, now);
        assertThat(memo.firstSystemMessage(at(2, T), now, now)).isEmpty();
    }
}
