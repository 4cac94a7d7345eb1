package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.letClockAdvance;
import static dev.threadstore.tck.Samples.messageIds;
import static dev.threadstore.tck.Samples.sequences;
import static dev.threadstore.tck.Samples.thread;
import static dev.threadstore.tck.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadStore#save(ChatThread)} and {@link ThreadStore#delete(String)}: insert and update,
 * placement of unplaced messages, incremental message changes, the store-owned timestamps and version,
 * and what deleting takes with it.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface SaveContract extends StoreFixture {

    @Test
    default void savingANewThreadReturnsVersionOneAndGetReturnsTheSameRecord() {
        try (ThreadStore store = newStore()) {
            ChatThread saved = store.save(thread("t1", Message.user("hello"), Message.assistant("hi")));

            assertThat(saved.version()).as("version after the first save").isEqualTo(1);
            assertThat(saved.id()).isEqualTo("t1");
            assertThat(store.get("t1")).as("get() after save()").contains(saved);
        }
    }

    @Test
    default void unplacedMessagesArePlacedAfterTheHighestSequenceInListOrder() {
        try (ThreadStore store = newStore()) {
            ChatThread t = thread("place", "p").toBuilder().messages(List.of(user("a", "a"), user("b", "b").withSequence(5),
                    user("c", "c"), user("d", "d").withSequence(2))).build();

            ChatThread saved = store.save(t);

            assertThat(saved.messages()).extracting(Message::id).as("messages sorted by sequence")
                    .containsExactly("d", "b", "a", "c");
            assertThat(sequences(saved.messages())).as("sequence-0 messages get max+1, max+2 in list order; others kept")
                    .containsExactly(2, 5, 6, 7);
            assertThat(store.get("place").orElseThrow()).isEqualTo(saved);
        }
    }

    @Test
    default void unplacedMessagesAddedOnUpdateGoAfterTheExistingOnes() {
        try (ThreadStore store = newStore()) {
            ChatThread saved = store.save(thread("upd", user("a", "a"), user("b", "b")));
            List<Message> messages = new ArrayList<>(saved.messages());
            messages.add(user("c", "c"));
            messages.add(user("d", "d"));

            ChatThread updated = store.save(saved.toBuilder().messages(messages).build());

            assertThat(sequences(updated.messages())).containsExactly(1, 2, 3, 4);
            assertThat(messageIds(updated.messages())).containsExactly("a", "b", "c", "d");
        }
    }

    @Test
    default void eachSaveIncrementsTheVersionByOne() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("v", "v"));
            ChatThread v2 = store.save(v1.withTitle("two"));
            ChatThread v3 = store.save(v2.withMessage(Message.user("x")));

            assertThat(List.of(v1.version(), v2.version(), v3.version())).containsExactly(1L, 2L, 3L);
            assertThat(store.get("v").orElseThrow().version()).isEqualTo(3);
        }
    }

    @Test
    default void createdAtIsTheCallersValueOnInsert() {
        try (ThreadStore store = newStore()) {
            Instant created = Instant.parse("2020-05-17T08:09:10.111213Z");
            ChatThread saved = store.save(thread("c", "c").toBuilder().createdAt(created).build());

            assertThat(saved.createdAt()).isEqualTo(created);
            assertThat(store.get("c").orElseThrow().createdAt()).isEqualTo(created);
        }
    }

    @Test
    default void updateKeepsTheStoredCreatedAtAndIgnoresTheCallers() {
        try (ThreadStore store = newStore()) {
            ChatThread saved = store.save(thread("keep", "k"));
            ChatThread changed = saved.toBuilder().title("new").createdAt(Instant.parse("2001-01-01T00:00:00Z")).build();

            ChatThread updated = store.save(changed);

            assertThat(updated.createdAt()).as("createdAt is kept from the first save").isEqualTo(Samples.CREATED);
            assertThat(store.get("keep").orElseThrow().createdAt()).isEqualTo(Samples.CREATED);
        }
    }

    @Test
    default void updatedAtIsStampedByTheStoreOnEverySave() {
        try (ThreadStore store = newStore()) {
            ChatThread t = thread("stamp", "s").toBuilder().updatedAt(Instant.parse("2001-01-01T00:00:00Z")).build();

            Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
            ChatThread saved = store.save(t);
            Instant after = Instant.now();

            assertThat(saved.updatedAt()).as("updatedAt is the store's clock at save time, not the caller's value")
                    .isBetween(before, after);
            assertThat(saved.updatedAt().getNano() % 1000).as("updatedAt is truncated to microseconds").isZero();
        }
    }

    @Test
    default void updatedAtMovesForwardWithEachSave() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("fwd", "f"));
            letClockAdvance();
            ChatThread v2 = store.save(v1.withTitle("again"));
            letClockAdvance();
            ChatThread v3 = store.save(v2.toBuilder().updatedAt(Instant.parse("2001-01-01T00:00:00Z")).build());

            assertThat(v2.updatedAt()).isAfter(v1.updatedAt());
            assertThat(v3.updatedAt()).as("even when the caller sends an old updatedAt").isAfter(v2.updatedAt());
            assertThat(v3.createdAt()).isEqualTo(v1.createdAt());
        }
    }

    @Test
    default void incrementalSaveUpdatesRemovesAndAddsMessagesAndLeavesTheRestEqual() {
        try (ThreadStore store = newStore()) {
            ChatThread saved = store.save(thread("inc", user("m1", "one"), user("m2", "two"), user("m3", "three"),
                    user("m4", "four")));
            Message m1 = saved.messages().get(0);
            Message m4 = saved.messages().get(3);
            Message changed = saved.messages().get(1).toBuilder().content("TWO, edited")
                    .reactions(Map.of("👍", List.of("U1"))).build();
            Message added = user("m5", "five");
            List<Message> next = List.of(m1, changed, m4, added); // m3 removed

            ChatThread updated = store.save(saved.toBuilder().messages(next).build());

            assertThat(messageIds(updated.messages())).containsExactly("m1", "m2", "m4", "m5");
            assertThat(updated.messages().get(0)).as("untouched message m1").isEqualTo(m1);
            assertThat(updated.messages().get(1)).as("changed message m2").isEqualTo(changed);
            assertThat(updated.messages().get(2)).as("untouched message m4").isEqualTo(m4);
            assertThat(updated.messages().get(3)).as("added message m5 is placed after the highest sequence")
                    .isEqualTo(added.withSequence(5));
            assertThat(store.get("inc").orElseThrow()).isEqualTo(updated);
            assertThat(store.getThreadByMessageId("m3")).as("the removed message is gone").isEmpty();
        }
    }

    @Test
    default void anEditOfAnyMessageFieldButTheContentIsSaved() {
        Map<String, java.util.function.UnaryOperator<Message>> edits = new java.util.LinkedHashMap<>();
        edits.put("attributes", m -> m.withAttribute("edited", true));
        edits.put("attribute value type", m -> m.toBuilder().attributes(Samples.mapOf("long", "42")).build());
        edits.put("reactions", m -> m.toBuilder().reactions(Map.of("👍", List.of("U1", "U3"))).build());
        edits.put("metrics", m -> m.toBuilder().metrics(Samples.mapOf("model", "other", "latency_ms", 813L)).build());
        edits.put("name", m -> m.toBuilder().name("renamed").build());
        edits.put("tool calls", m -> m.toBuilder().toolCalls(List.of(dev.threadstore.ToolCall.function("call_9", "f", "{}"))).build());
        edits.put("parts", m -> m.toBuilder().parts(List.of(dev.threadstore.ContentPart.text("other part"))).build());
        edits.put("source", m -> m.toBuilder().source(null).build());
        edits.put("attachments", m -> m.toBuilder().attachments(List.of(Samples.storedAttachment("other.pdf"))).build());
        edits.put("timestamp", m -> m.toBuilder().timestamp(m.timestamp().plusNanos(1000)).build());
        try (ThreadStore store = newStore()) {
            ChatThread current = store.save(thread("dirty", Samples.everyField(dev.threadstore.Role.ASSISTANT, "m")));
            for (Map.Entry<String, java.util.function.UnaryOperator<Message>> edit : edits.entrySet()) {
                Message before = current.messages().get(0);
                Message after = edit.getValue().apply(before);
                assertThat(after.content()).isEqualTo(before.content());

                current = store.save(current.toBuilder().messages(List.of(after)).build());

                assertThat(current.messages()).as("save() returns the edit of %s", edit.getKey()).containsExactly(after);
                assertThat(store.get("dirty").orElseThrow()).as("an edit of the message's %s alone, content unchanged, "
                        + "is written", edit.getKey()).isEqualTo(current);
            }
        }
    }

    @Test
    default void savingAnUnchangedThreadKeepsEveryMessageAndBumpsTheVersion() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("same", Samples.everyField(dev.threadstore.Role.USER, "u"),
                    Message.assistant("ok")));

            ChatThread v2 = store.save(v1);

            assertThat(v2.messages()).isEqualTo(v1.messages());
            assertThat(v2.version()).isEqualTo(2);
        }
    }

    @Test
    default void updateChangesTitleAttributesAndSourceIncludingToNull() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("change", "old").withAttribute("a", 1L)
                    .withSource(new ThreadSource("slack", Map.of("channel", "C1"))));

            ChatThread v2 = store.save(v1.toBuilder().title(null).attributes(Map.of("b", "two")).source(null).build());

            assertThat(v2.title()).isNull();
            assertThat(v2.attributes()).as("attributes are replaced, not merged").isEqualTo(Map.of("b", "two"));
            assertThat(v2.source()).isNull();
            assertThat(store.get("change").orElseThrow()).isEqualTo(v2);
        }
    }

    @Test
    default void removingEveryMessageLeavesAnEmptyThread() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("clear", Message.user("a"), Message.user("b")));

            ChatThread v2 = store.save(v1.toBuilder().messages(List.of()).build());

            assertThat(v2.messages()).isEmpty();
            assertThat(store.get("clear").orElseThrow().messages()).isEmpty();
        }
    }

    @Test
    default void aMessageCanBeMovedToAnotherSequence() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("move", user("a", "a"), user("b", "b")));

            ChatThread v2 = store.save(v1.toBuilder().messages(List.of(v1.messages().get(0).withSequence(9),
                    v1.messages().get(1))).build());

            assertThat(messageIds(v2.messages())).containsExactly("b", "a");
            assertThat(sequences(v2.messages())).containsExactly(2, 9);
            assertThat(store.get("move").orElseThrow()).isEqualTo(v2);
        }
    }

    @Test
    default void twoMessagesCanSwapSequencesInOneSave() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("swap", user("a", "a"), user("b", "b")));

            ChatThread v2 = store.save(v1.toBuilder().messages(List.of(v1.messages().get(0).withSequence(2),
                    v1.messages().get(1).withSequence(1))).build());

            assertThat(messageIds(v2.messages())).as("a unique (thread, sequence) index must not reject a swap")
                    .containsExactly("b", "a");
            assertThat(store.get("swap").orElseThrow()).isEqualTo(v2);
        }
    }

    @Test
    default void savingAPendingAttachmentWithoutAFileStoreIsRejectedAndWritesNothing() {
        try (ThreadStore store = newStore()) {
            ChatThread t = thread("pending", Message.user("see file").withAttachment(new byte[] {1, 2}, "a.bin"));

            assertThatThrownBy(() -> store.save(t)).isInstanceOf(IllegalArgumentException.class)
                    .as("the message names the thread").hasMessageContaining("pending");
            assertThat(store.get("pending")).as("nothing written").isEmpty();
        }
    }

    @Test
    default void saveWithAFileStoreAndNoPendingAttachmentsSavesNormally() {
        try (ThreadStore store = newStore()) {
            Attachment stored = Samples.storedAttachment("x.pdf");
            ChatThread saved = store.save(thread("fs", Message.user("x").withAttachment(stored)), new UnusableFileStore());

            assertThat(saved.version()).isEqualTo(1);
            assertThat(saved.messages().get(0).attachments()).containsExactly(stored);
        }
    }

    @Test
    default void deleteReturnsWhetherTheThreadExisted() {
        try (ThreadStore store = newStore()) {
            store.save(thread("d", "d"));

            assertThat(store.delete("d")).as("first delete of an existing thread").isTrue();
            assertThat(store.delete("d")).as("second delete").isFalse();
            assertThat(store.delete("never")).as("delete of an unknown id").isFalse();
            assertThat(store.get("d")).isEmpty();
        }
    }

    @Test
    default void deleteTakesTheThreadsMessagesOutOfEveryLookup() {
        try (ThreadStore store = newStore()) {
            store.save(thread("gone", user("gm", "bye")).withAttribute("k", "v")
                    .withSource(ThreadSource.of("email")));

            store.delete("gone");

            assertThat(store.getThreadByMessageId("gm")).isEmpty();
            assertThat(store.list(10, 0)).isEmpty();
            assertThat(store.listRecent()).isEmpty();
            assertThat(store.findByAttributes(Map.of("k", "v"))).isEmpty();
            assertThat(store.findBySource("email", Map.of())).isEmpty();
        }
    }

    @Test
    default void deleteLeavesOtherThreadsAlone() {
        try (ThreadStore store = newStore()) {
            ChatThread keep = store.save(thread("keep", user("k1", "k")));
            store.save(thread("drop", user("d1", "d")));

            store.delete("drop");

            assertThat(store.get("keep")).contains(keep);
            assertThat(store.getThreadByMessageId("k1")).contains(keep);
        }
    }

    @Test
    default void aDeletedThreadCanBeCreatedAgainFromVersionZero() {
        try (ThreadStore store = newStore()) {
            store.save(thread("again", user("m", "first life")));
            store.delete("again");

            ChatThread reborn = store.save(thread("again", user("m", "second life")));

            assertThat(reborn.version()).isEqualTo(1);
            assertThat(store.get("again").orElseThrow().messages()).extracting(Message::content).containsExactly("second life");
        }
    }

    @Test
    default void theSameMessageIdInTwoThreadsIsTwoMessages() {
        try (ThreadStore store = newStore()) {
            store.save(thread("t-a", user("shared", "in a")));
            store.save(thread("t-b", user("shared", "in b")));

            assertThat(store.get("t-a").orElseThrow().messages().get(0).content()).isEqualTo("in a");
            assertThat(store.get("t-b").orElseThrow().messages().get(0).content()).isEqualTo("in b");
            store.delete("t-a");
            assertThat(store.get("t-b").orElseThrow().messages()).as("deleting one thread keeps the other's message")
                    .hasSize(1);
        }
    }
}
