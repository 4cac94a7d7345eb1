package dev.threadstore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiJvmAppendTest {

    @Test
    void parsesTheTimesUpToDone() {
        MultiJvmAppend.ChildReport report = MultiJvmAppend.parse(List.of("ns 1200", "ns 35000", "done"));

        assertThat(report.nanos()).containsExactly(1200L, 35000L);
    }

    @Test
    void aChildWithoutDoneOrWithOtherOutputFailsTheRun() {
        assertThatThrownBy(() -> MultiJvmAppend.parse(List.of("ns 1200")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without 'done' after 1 appends");
        assertThatThrownBy(() -> MultiJvmAppend.parse(List.of("ns 1200", "Exception in thread", "done")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unexpected output");
        assertThatThrownBy(() -> MultiJvmAppend.parse(List.of("ns x", "done")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a time");
        assertThatThrownBy(() -> MultiJvmAppend.parse(List.of("done", "ns 5")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("after 'done'");
    }

    @Test
    void aCompleteThreadPassesTheCheck() {
        assertThat(MultiJvmAppend.verify(thread(2, 3, List.of(0, 1, 2)), 2, 3, 3)).isEmpty();
    }

    @Test
    void aMissingADoubledAndAForeignMessageAreEachNamed() {
        assertThat(MultiJvmAppend.verify(thread(2, 3, List.of(0, 2, 2)), 2, 3, 3))
                .containsExactly("missing [jvm3#1]", "[jvm3#2] stored 2 times");
        assertThat(MultiJvmAppend.verify(thread(2, 3, List.of(0, 1)), 2, 3, 3))
                .containsExactly("missing [jvm3#2]", "4 messages, not 5");
        assertThat(MultiJvmAppend.verify(thread(2, 1, List.of(0, 1, 2)), 2, 3, 3))
                .contains("unexpected messages [[jvm1#0], [jvm1#1], [jvm1#2]]");
    }

    @Test
    void aGapInTheSequencesIsNamed() {
        ChatThread thread = thread(2, 3, List.of(0, 1, 2));
        List<Message> messages = new ArrayList<>(thread.messages());
        messages.set(3, messages.get(3).toBuilder().sequence(9).build());

        assertThat(MultiJvmAppend.verify(thread.toBuilder().messages(messages).build(), 2, 3, 3))
                .containsExactly("message 3 has sequence 9, not 4");
    }

    /** A thread with {@code initial} plain messages, then child {@code child}'s messages numbered as given. */
    private static ChatThread thread(int initial, int child, List<Integer> appended) {
        ChatThread thread = ChatThread.create("t");
        for (int i = 0; i < initial; i++) {
            thread = thread.withMessage(ThreadstoreContender.message(i));
        }
        for (int i : appended) {
            thread = thread.withMessage(MultiJvmAppend.message(child, i));
        }
        return thread;
    }
}
