package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the write memo costs an append: work in the messages appended, never in the thread's length. */
class WriteMemoTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    /** A list of messages that counts how often its elements are read. */
    private static final class CountingList extends AbstractList<Message> {
        private final List<Message> messages;
        long reads;

        CountingList(List<Message> messages) {
            this.messages = messages;
        }

        @Override
        public Message get(int index) {
            reads++;
            return messages.get(index);
        }

        @Override
        public int size() {
            return messages.size();
        }
    }

    private static List<Message> messages(int from, int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(Message.user("m").toBuilder().id("m" + (from + i)).sequence(from + i).build());
        }
        return messages;
    }

    /** A state as a save of a thread with these messages at this version and update time leaves it. */
    private static WriteMemo.State state(long version, Instant updatedAt, int maxSequence, List<Message> messages) {
        ChatThread saved = ChatThread.builder().id("t").title("title").createdAt(T).updatedAt(updatedAt)
                .version(version).build();
        return WriteMemo.State.of(saved, maxSequence, messages);
    }

    @Test
    void aStateAnswersAReadOnlyWhenTheProbedRowShowsItsVersionTimesAndLastSequence() {
        WriteMemo.State state = state(3, T.plusSeconds(1), 2, messages(1, 2)).appended(4, T.plusSeconds(2), 3,
                messages(3, 1));
        Instant updated = T.plusSeconds(2);

        assertThat(state.answers(new Rows.ThreadHead(4, T, updated, 3, null))).isTrue();
        assertThat(state.answers(new Rows.ThreadHead(5, T, updated, 3, null))).as("another version").isFalse();
        assertThat(state.answers(new Rows.ThreadHead(4, T, updated.plusNanos(1000), 3, null))).as("update time").isFalse();
        assertThat(state.answers(new Rows.ThreadHead(4, T.plusSeconds(1), updated, 3, null))).as("created").isFalse();
        assertThat(state.answers(new Rows.ThreadHead(4, T, updated, 4, null))).as("last sequence").isFalse();
        assertThat(state.answers(new Rows.ThreadHead(4, T, updated, null, null))).as("no messages").isFalse();

        Instant expiry = T.plusSeconds(60);
        ChatThread whole = state.thread(MessageWindow.all(), expiry);
        assertThat(whole.messages()).extracting(Message::id).containsExactly("m1", "m2", "m3");
        assertThat(whole.version()).isEqualTo(4);
        assertThat(whole.updatedAt()).isEqualTo(updated);
        assertThat(whole.createdAt()).isEqualTo(T);
        assertThat(whole.title()).isEqualTo("title");
        assertThat(whole.expiresAt()).isEqualTo(expiry);
        assertThat(whole.window()).isNull();
        ChatThread last = state.thread(MessageWindow.last(2), null);
        assertThat(last.messages()).extracting(Message::id).containsExactly("m2", "m3");
        assertThat(last.window()).isEqualTo(MessageWindow.last(2));
        assertThat(state.thread(MessageWindow.after(1, 1), null).messages()).extracting(Message::id).containsExactly("m2");
        assertThat(state.thread(MessageWindow.before(3, 5), null).messages()).extracting(Message::id)
                .containsExactly("m1", "m2");
    }

    @Test
    void appendsNeitherScanNorCopyTheRememberedThread() {
        int length = 10_000;
        CountingList thread = new CountingList(messages(1, length));
        WriteMemo.State state = state(1, T, length, thread);
        int appends = 1_000;
        for (int i = 0; i < appends; i++) {
            int sequence = length + i + 1;
            CountingList added = new CountingList(messages(sequence, 1));
            assertThat(state.find("m" + sequence)).isEmpty();
            assertThat(state.find("m" + (sequence - 1))).isPresent();
            state = state.appended(state.version() + 1, T, sequence, added);
            assertThat(added.reads).isLessThanOrEqualTo(2);
        }

        // One pass over the saved thread (to index its ids) and a read per lookup are allowed; a pass per append is not.
        assertThat(thread.reads).isLessThanOrEqualTo(length + appends);
        assertThat(state.messages()).hasSize(length + appends);
        assertThat(state.messages().get(length + appends - 1).id()).isEqualTo("m" + (length + appends));
        assertThat(state.messages().get(0).id()).isEqualTo("m1");
        assertThat(state.find("m5000").orElseThrow().sequence()).isEqualTo(5000);
    }

    @Test
    void aStateAppendedFromAnOlderOneDoesNotSeeTheOtherBranch() {
        WriteMemo.State base = state(1, T, 2, messages(1, 2));
        WriteMemo.State left = base.appended(2, T, 3, messages(3, 1));
        WriteMemo.State right = base.appended(2, T, 3, List.of(Message.user("r").toBuilder().id("r3").sequence(3).build()));

        assertThat(left.messages()).extracting(Message::id).containsExactly("m1", "m2", "m3");
        assertThat(right.messages()).extracting(Message::id).containsExactly("m1", "m2", "r3");
        assertThat(left.find("r3")).isEmpty();
        assertThat(right.find("m3")).isEmpty();
        assertThat(base.messages()).hasSize(2);
        assertThat(base.find("m3")).isEmpty();
    }

    @Test
    void aRememberedStateIsTrustedOnlyWhileTheLockedRowShowsItsVersionAndUpdateTime() {
        WriteMemo memo = new WriteMemo();
        WriteMemo.State state = state(3, T, 2, messages(1, 2));
        memo.committed("t", state);

        assertThat(memo.matching("t", new Rows.ThreadHead(3, T, T, 2, null))).containsSame(state);
        assertThat(memo.matching("t", new Rows.ThreadHead(4, T, T, 2, null))).as("another writer's version").isEmpty();
        assertThat(memo.matching("t", new Rows.ThreadHead(3, T, T.plusNanos(1000), 2, null))).as("another update time").isEmpty();
        assertThat(memo.matching("other", new Rows.ThreadHead(3, T, T, 2, null))).isEmpty();
    }

    @Test
    void anOlderCommitReportedLateDoesNotReplaceANewerOne() {
        WriteMemo memo = new WriteMemo();
        WriteMemo.State newer = state(5, T.plusSeconds(1), 2, messages(1, 2));
        WriteMemo.State older = state(4, T, 1, messages(1, 1));
        memo.committed("t", newer);
        memo.committed("t", older);

        assertThat(memo.matching("t", new Rows.ThreadHead(5, T, T.plusSeconds(1), 2, null))).containsSame(newer);
        assertThat(memo.matching("t", new Rows.ThreadHead(4, T, T, 1, null))).isEmpty();
    }

    @Test
    void aForgottenOrClearedThreadIsNoLongerRemembered() {
        WriteMemo memo = new WriteMemo();
        memo.committed("t", state(1, T, 1, messages(1, 1)));
        memo.committed("u", state(1, T, 1, messages(1, 1)));
        Rows.ThreadHead head = new Rows.ThreadHead(1, T, T, 1, null);

        memo.forget("t");
        assertThat(memo.matching("t", head)).isEmpty();
        assertThat(memo.matching("u", head)).isPresent();
        memo.clear();
        assertThat(memo.matching("u", head)).isEmpty();
    }
}
