package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.letClockAdvance;
import static dev.threadstore.tck.Samples.messageIds;
import static dev.threadstore.tck.Samples.sequences;
import static dev.threadstore.tck.Samples.thread;
import static dev.threadstore.tck.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadStore#append(String, List)}: messages go after the highest sequence whatever the caller
 * set, a retry of the same message is a no-op, a conflicting one writes nothing of its call, and the
 * thread's version and {@code updatedAt} move only when something was added. (Appenders on several
 * threads are in {@link ConcurrencyContract}.)
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface AppendContract extends StoreFixture {

    @Test
    default void appendPlacesMessagesAfterTheHighestSequence() {
        try (ThreadStore store = newStore()) {
            store.save(thread("gaps", "g").toBuilder().messages(List.of(user("a", "a").withSequence(4),
                    user("b", "b").withSequence(20))).build());

            List<Message> appended = store.append("gaps", List.of(user("c", "c"), user("d", "d")));

            assertThat(sequences(appended)).as("max + 1, max + 2 after a gap; existing sequences untouched")
                    .containsExactly(21, 22);
            assertThat(sequences(store.get("gaps").orElseThrow().messages())).containsExactly(4, 20, 21, 22);
        }
    }

    @Test
    default void appendIgnoresTheSequencesTheCallerSet() {
        try (ThreadStore store = newStore()) {
            store.save(thread("ignore", user("a", "a")));

            List<Message> appended = store.append("ignore", List.of(user("b", "b").withSequence(1),
                    user("c", "c").withSequence(99)));

            assertThat(sequences(appended)).containsExactly(2, 3);
        }
    }

    @Test
    default void appendToAThreadWithoutMessagesStartsAtOne() {
        try (ThreadStore store = newStore()) {
            store.save(thread("empty", "e"));

            assertThat(sequences(store.append("empty", List.of(Message.user("first"))))).containsExactly(1);
        }
    }

    @Test
    default void appendReturnsTheMessagesAsStoredInTheGivenOrder() {
        try (ThreadStore store = newStore()) {
            store.save(thread("ret", "r"));
            Message sys = Samples.everyField(Role.SYSTEM, "s");
            Message asst = Samples.everyField(Role.ASSISTANT, "x");
            Message tool = Samples.everyField(Role.TOOL, "t");

            List<Message> appended = store.append("ret", List.of(sys, asst, tool));

            assertThat(appended).containsExactly(sys.withSequence(1), asst.withSequence(2), tool.withSequence(3));
            assertThat(store.get("ret").orElseThrow().messages()).as("get() shows the appended messages exactly")
                    .isEqualTo(appended);
        }
    }

    @Test
    default void appendIncrementsTheVersionOnceAndStampsUpdatedAt() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("ver", "v"));
            letClockAdvance();

            Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
            store.append("ver", List.of(Message.user("a"), Message.user("b"), Message.user("c")));
            Instant after = Instant.now();

            ChatThread v2 = store.get("ver").orElseThrow();
            assertThat(v2.version()).as("one append call is one version, however many messages").isEqualTo(2);
            assertThat(v2.updatedAt()).as("append stamps updatedAt").isBetween(before, after).isAfter(v1.updatedAt());
            assertThat(v2.createdAt()).as("append keeps createdAt").isEqualTo(v1.createdAt());
            assertThat(v2.title()).isEqualTo(v1.title());
        }
    }

    @Test
    default void appendingAnEmptyListReturnsNothingAndChangesNothing() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("noop", user("a", "a")));

            assertThat(store.append("noop", List.of())).isEmpty();

            assertThat(store.get("noop")).as("version and updatedAt unchanged").contains(v1);
        }
    }

    @Test
    default void appendToAMissingThreadThrowsThreadNotFound() {
        try (ThreadStore store = newStore()) {
            assertThatThrownBy(() -> store.append("nowhere", List.of(Message.user("hello"))))
                    .isInstanceOfSatisfying(ThreadNotFoundException.class,
                            e -> assertThat(e.threadId()).isEqualTo("nowhere"))
                    .hasMessageContaining("nowhere");
            assertThat(store.get("nowhere")).as("append must not create the thread").isEmpty();
        }
    }

    @Test
    default void appendToADeletedThreadThrowsThreadNotFound() {
        try (ThreadStore store = newStore()) {
            store.save(thread("was", "w"));
            store.delete("was");

            assertThatThrownBy(() -> store.append("was", List.of(Message.user("late"))))
                    .isInstanceOf(ThreadNotFoundException.class);
        }
    }

    @Test
    default void reappendingTheSameMessageIsANoOpThatReturnsTheStoredMessage() {
        try (ThreadStore store = newStore()) {
            store.save(thread("retry", user("a", "a")));
            Message m = user("b", "safe to retry");
            List<Message> first = store.append("retry", List.of(m));
            ChatThread afterFirst = store.get("retry").orElseThrow();

            List<Message> second = store.append("retry", List.of(m.withSequence(77)));

            assertThat(second).as("the stored message is returned in its place").isEqualTo(first);
            assertThat(store.get("retry")).as("a retried append changes nothing: same messages, version, updatedAt")
                    .contains(afterFirst);
        }
    }

    @Test
    default void reappendingAMessageFirstWrittenBySaveIsANoOp() {
        try (ThreadStore store = newStore()) {
            Message m = user("saved", "from save");
            ChatThread v1 = store.save(thread("via-save", m));

            List<Message> again = store.append("via-save", List.of(m));

            assertThat(again).containsExactly(v1.messages().get(0));
            assertThat(store.get("via-save")).contains(v1);
        }
    }

    @Test
    default void aRetryMixedWithNewMessagesAddsOnlyTheNewOnes() {
        try (ThreadStore store = newStore()) {
            store.save(thread("mixed", "m"));
            Message a = user("a", "a");
            store.append("mixed", List.of(a));

            List<Message> result = store.append("mixed", List.of(a, user("b", "b")));

            assertThat(messageIds(result)).containsExactly("a", "b");
            assertThat(sequences(result)).as("a keeps its place, b goes after it").containsExactly(1, 2);
            ChatThread stored = store.get("mixed").orElseThrow();
            assertThat(stored.messages()).hasSize(2);
            assertThat(stored.version()).isEqualTo(3);
        }
    }

    @Test
    default void aConflictingReappendThrowsAndWritesNothingOfTheCall() {
        try (ThreadStore store = newStore()) {
            store.save(thread("clash", user("a", "original")));
            ChatThread before = store.get("clash").orElseThrow();

            List<Message> call = List.of(user("new", "would be added"), user("a", "different content"));
            assertThatThrownBy(() -> store.append("clash", call)).isInstanceOf(ConcurrentUpdateException.class)
                    .hasMessageContaining("clash");

            assertThat(store.get("clash")).as("nothing of the failed call is written, not even the new message")
                    .contains(before);
            assertThat(store.getThreadByMessageId("new")).isEmpty();
        }
    }

    @Test
    default void aMessageDifferingOnlyInAttributesIsAConflict() {
        try (ThreadStore store = newStore()) {
            Message m = user("m", "same text");
            store.save(thread("subtle", m));

            assertThatThrownBy(() -> store.append("subtle", List.of(m.withAttribute("edited", true))))
                    .isInstanceOf(ConcurrentUpdateException.class);
        }
    }

    @Test
    default void twoMessagesWithTheSameIdInOneCallAreRejected() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("twice", "t"));

            assertThatThrownBy(() -> store.append("twice", List.of(user("dup-7", "one"), user("dup-7", "two"))))
                    .as("the message names the repeated id").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dup-7");
            assertThat(store.get("twice")).contains(v1);
        }
    }

    @Test
    default void appendingAPendingAttachmentIsRejectedAndWritesNothing() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("att", "a"));
            Message withBytes = Message.user("file").withAttachment(new byte[] {9, 9}, "f.bin");

            assertThatThrownBy(() -> store.append("att", List.of(Message.user("ok"), withBytes)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.get("att")).contains(v1);
        }
    }

    @Test
    default void appendStoresAttachmentMetadataWithoutBytes() {
        try (ThreadStore store = newStore()) {
            store.save(thread("meta", "m"));
            Attachment a = new Attachment("n.txt", "hi".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain",
                    Map.of("type", "text"), "fid", "fi/d.txt", "local", AttachmentStatus.STORED, 2, null);

            List<Message> appended = store.append("meta", List.of(Message.user("n").withAttachment(a)));

            assertThat(appended.get(0).attachments().get(0).content()).isNull();
            assertThat(appended.get(0).attachments().get(0).fileId()).isEqualTo("fid");
            assertThat(store.get("meta").orElseThrow().messages()).isEqualTo(appended);
        }
    }

    @Test
    default void anAppendedMessageIsFoundByItsId() {
        try (ThreadStore store = newStore()) {
            store.save(thread("find", "f"));
            store.append("find", List.of(user("needle", "n")));

            assertThat(store.getThreadByMessageId("needle")).map(ChatThread::id).contains("find");
        }
    }

    @Test
    default void appendMovesTheThreadToTheFrontOfListings() {
        try (ThreadStore store = newStore()) {
            store.save(thread("older", "o"));
            letClockAdvance();
            store.save(thread("newer", "n"));
            letClockAdvance();

            store.append("older", List.of(Message.user("bump")));

            assertThat(Samples.ids(store.list(10, 0))).containsExactly("older", "newer");
        }
    }

    @Test
    default void appendDoesNotTouchOtherThreads() {
        try (ThreadStore store = newStore()) {
            ChatThread other = store.save(thread("other", user("o", "o")));
            store.save(thread("target", "t"));

            store.append("target", List.of(user("o", "same id, other thread")));

            assertThat(store.get("other")).contains(other);
            assertThat(store.get("target").orElseThrow().messages()).extracting(Message::content)
                    .containsExactly("same id, other thread");
        }
    }
}
