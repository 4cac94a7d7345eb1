package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.everyField;
import static dev.threadstore.tck.Samples.sequences;
import static dev.threadstore.tck.Samples.user;
import static dev.threadstore.tck.Samples.userMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.Role;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.tck.FileStoreContract.FileSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The conversation API of DESIGN section 10: windowed reads ({@link ThreadStore#get(String, MessageWindow)})
 * and {@link ThreadStore#fork fork}. A window returns the thread's own fields whole and only the window's
 * messages, in ascending sequence order, exactly as stored; a windowed thread cannot be saved. A fork is a new,
 * independent thread holding the original's messages up to a sequence, sharing its attachment files.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface ConversationContract extends StoreFixture {

    @Test
    default void lastReturnsTheHighestSequencesInAscendingOrderWithTheThreadsOwnFields() {
        try (ThreadStore store = newStore()) {
            ChatThread saved = store.save(Samples.thread("long", "Long").withAttribute("k", 1L)
                    .withMessages(userMessages("m", 10)));

            ChatThread window = store.get("long", MessageWindow.last(3)).orElseThrow();

            assertThat(sequences(window.messages())).containsExactly(8, 9, 10);
            assertThat(window.messages()).isEqualTo(saved.messages().subList(7, 10));
            assertThat(window.window()).isEqualTo(MessageWindow.last(3));
            assertThat(window.toBuilder().messages(saved.messages()).window(null).build())
                    .as("every field but the messages is the thread's own").isEqualTo(saved);
        }
    }

    @Test
    default void afterAndBeforePageThroughAThreadWithGaps() {
        try (ThreadStore store = newStore()) {
            List<Message> messages = new ArrayList<>();
            for (int sequence : new int[] {2, 5, 9, 20, 21}) {
                messages.add(user("s" + sequence, "at " + sequence).withSequence(sequence));
            }
            store.save(Samples.thread("gaps", "Gaps").toBuilder().messages(messages).build());

            assertThat(windowSequences(store, MessageWindow.after(0, 2))).containsExactly(2, 5);
            assertThat(windowSequences(store, MessageWindow.after(5, 2))).containsExactly(9, 20);
            assertThat(windowSequences(store, MessageWindow.after(4, 100))).containsExactly(5, 9, 20, 21);
            assertThat(windowSequences(store, MessageWindow.after(21, 5))).isEmpty();
            assertThat(windowSequences(store, MessageWindow.before(20, 2))).containsExactly(5, 9);
            assertThat(windowSequences(store, MessageWindow.before(6, 100))).containsExactly(2, 5);
            assertThat(windowSequences(store, MessageWindow.before(2, 5))).isEmpty();
            assertThat(windowSequences(store, MessageWindow.last(100))).containsExactly(2, 5, 9, 20, 21);
            assertThat(windowSequences(store, MessageWindow.last(0))).isEmpty();
            assertThat(windowSequences(store, MessageWindow.after(0, 0))).isEmpty();
        }
    }

    @Test
    default void windowsAgreeWithTheWholeThreadForGeneratedGapsAndWindows() {
        long seed = Long.getLong(GeneratedEditContract.SEED_PROPERTY, 12L);
        Random random = new Random(seed);
        try (ThreadStore store = newStore()) {
            List<Message> messages = new ArrayList<>();
            int sequence = 0;
            for (int i = 0; i < 60; i++) {
                sequence += 1 + random.nextInt(3);
                messages.add(user("g" + i, "generated " + i).withSequence(sequence));
            }
            ChatThread whole = store.save(Samples.thread("generated", "G").toBuilder().messages(messages).build());
            for (int i = 0; i < 200; i++) {
                int at = random.nextInt(sequence + 3);
                int limit = random.nextInt(70);
                MessageWindow window = List.of(MessageWindow.last(limit), MessageWindow.after(at, limit),
                        MessageWindow.before(at, limit)).get(random.nextInt(3));

                List<Message> expected = expectedWindow(whole.messages(), window);

                assertThat(store.get("generated", window).orElseThrow().messages())
                        .as("seed %d, window %s", seed, window).isEqualTo(expected);
            }
        }
    }

    @Test
    default void allIsTheWholeThreadAndCanBeSaved() {
        try (ThreadStore store = newStore()) {
            ChatThread saved = store.save(Samples.thread("whole", user("a", "a"), user("b", "b")));

            ChatThread all = store.get("whole", MessageWindow.all()).orElseThrow();

            assertThat(all).isEqualTo(saved);
            assertThat(all.window()).isNull();
            assertThat(store.save(all.withTitle("renamed")).version()).isEqualTo(2);
        }
    }

    @Test
    default void windowedMessagesKeepEveryFieldAndTheirAttachments() {
        try (ThreadStore store = newStore()) {
            ChatThread saved = store.save(Samples.thread("rich", everyField(Role.USER, "u"),
                    everyField(Role.ASSISTANT, "a"), everyField(Role.TOOL, "t"), user("plain", "plain")));

            assertThat(store.get("rich", MessageWindow.last(3)).orElseThrow().messages())
                    .isEqualTo(saved.messages().subList(1, 4));
            assertThat(store.get("rich", MessageWindow.before(3, 2)).orElseThrow().messages())
                    .isEqualTo(saved.messages().subList(0, 2));
        }
    }

    @Test
    default void aWindowedThreadCannotBeSavedAndNothingIsWritten() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread saved = store.save(Samples.thread("windowed").withMessages(userMessages("w", 5)));
            ChatThread window = store.get("windowed", MessageWindow.last(2)).orElseThrow();
            ChatThread edited = window.withMessage(user("new", "new")).withTitle("edited");

            assertThat(edited.window()).as("with… methods keep the window").isEqualTo(MessageWindow.last(2));
            assertThatThrownBy(() -> store.save(edited)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("windowed");
            assertThatThrownBy(() -> store.save(edited, files)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("windowed");
            assertThat(store.get("windowed")).contains(saved);
        }
    }

    @Test
    default void aNegativeWindowIsRefusedNamingTheArgument() {
        assertThatThrownBy(() -> MessageWindow.last(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n").hasMessageContaining("-1");
        assertThatThrownBy(() -> MessageWindow.after(-1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence");
        assertThatThrownBy(() -> MessageWindow.after(3, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> MessageWindow.before(-5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence");
        assertThatThrownBy(() -> MessageWindow.before(5, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    default void aWindowOfAMissingThreadIsEmpty() {
        try (ThreadStore store = newStore()) {
            assertThat(store.get("nobody", MessageWindow.last(5))).isEmpty();
            assertThatThrownBy(() -> store.get("nobody", null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("window");
        }
    }

    @Test
    default void aWindowSeesAppendedMessages() {
        try (ThreadStore store = newStore()) {
            store.save(Samples.thread("growing").withMessages(userMessages("g", 3)));
            store.append("growing", List.of(user("late", "late")));

            ChatThread window = store.get("growing", MessageWindow.last(2)).orElseThrow();

            assertThat(sequences(window.messages())).containsExactly(3, 4);
            assertThat(window.version()).isEqualTo(2);
        }
    }

    @Test
    default void forkCopiesTheThreadThroughTheSequenceIntoANewThread() {
        try (ThreadStore store = newStore()) {
            ChatThread original = store.save(Samples.thread("original", everyField(Role.USER, "u"),
                    everyField(Role.ASSISTANT, "a"), everyField(Role.TOOL, "t"), user("later", "later"))
                    .withAttribute("project", "apollo")
                    .withSource(new ThreadSource("slack", Map.of("channel", "C1"))));

            ChatThread fork = store.fork("original", 3, "fork");

            assertThat(fork.id()).isEqualTo("fork");
            assertThat(fork.version()).isEqualTo(1);
            assertThat(fork.title()).isEqualTo(original.title());
            assertThat(fork.source()).isEqualTo(original.source());
            assertThat(fork.attributes()).containsEntry("project", "apollo")
                    .containsEntry("forkedFrom", Map.of("threadId", "original", "sequence", 3L));
            assertThat(fork.messages()).as("same ids, sequences, contents and attachment metadata")
                    .isEqualTo(original.messages().subList(0, 3));
            assertThat(fork.window()).isNull();
            assertThat(store.get("fork")).contains(fork);
            assertThat(store.get("original")).contains(original);
        }
    }

    @Test
    default void forkThroughZeroCopiesNoMessages() {
        try (ThreadStore store = newStore()) {
            store.save(Samples.thread("original").withMessages(userMessages("m", 3)));

            ChatThread fork = store.fork("original", 0, "empty fork");

            assertThat(fork.messages()).isEmpty();
            assertThat(store.get("empty fork")).contains(fork);
        }
    }

    @Test
    default void theForkAndTheOriginalAreIndependentAfterwards() {
        try (ThreadStore store = newStore()) {
            ChatThread original = store.save(Samples.thread("original").withMessages(userMessages("m", 4)));
            ChatThread fork = store.fork("original", 2, "fork");

            ChatThread editedFork = store.save(fork.withTitle("the fork").withMessage(user("f", "fork only")));
            store.append("fork", List.of(user("f2", "fork again")));
            ChatThread grownOriginal = store.save(original.withMessage(user("o", "original only")));

            assertThat(store.get("original")).contains(grownOriginal);
            assertThat(store.get("fork").orElseThrow().messages()).extracting(Message::id)
                    .containsExactly("m-1", "m-2", "f", "f2");

            store.delete("original");

            assertThat(store.get("fork").orElseThrow().messages()).hasSize(4);
            assertThat(store.get("fork").orElseThrow().title()).isEqualTo(editedFork.title());
            assertThat(store.getThreadByMessageId("m-1").map(ChatThread::id)).contains("fork");
        }
    }

    @Test
    default void aForkSharesAttachmentFilesThatSurviveDeletingTheOriginal() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread original = store.save(Samples.thread("original",
                    Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf"), user("b", "b")), files);
            Attachment shared = original.messages().get(0).attachments().get(0);
            ChatThread fork = store.fork("original", 1, "fork");

            assertThat(fork.messages().get(0).attachments()).containsExactly(shared);

            store.delete("original", files);

            assertThat(files.get(shared.fileId(), shared.storagePath()))
                    .as("the fork's attachment still reads back").isEqualTo(FileSamples.pdf());
            assertThat(store.get("fork").orElseThrow().messages().get(0).attachments()).containsExactly(shared);

            store.delete("fork", files);

            assertThat(files.listFiles()).as("the last thread referencing the file took it").isEmpty();
        }
    }

    @Test
    default void aForkWithBadArgumentsIsRefusedNamingThemAndWritesNothing() {
        try (ThreadStore store = newStore()) {
            ChatThread original = store.save(Samples.thread("original").withMessages(userMessages("m", 3)));
            ChatThread other = store.save(Samples.thread("taken", "Taken"));

            assertThatThrownBy(() -> store.fork("missing", 0, "new")).isInstanceOf(ThreadNotFoundException.class)
                    .hasMessageContaining("missing");
            assertThatThrownBy(() -> store.fork("original", -1, "new")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("throughSequence").hasMessageContaining("-1");
            assertThatThrownBy(() -> store.fork("original", 4, "new")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("throughSequence").hasMessageContaining("4");
            assertThatThrownBy(() -> store.fork("original", 2, "taken"))
                    .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("taken");
            assertThatThrownBy(() -> store.fork("original", 2, "original"))
                    .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("original");
            assertThatThrownBy(() -> store.fork("original", 2, " ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("newThreadId");
            assertThatThrownBy(() -> store.fork("original", 2, null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("newThreadId");

            assertThat(store.get("new")).isEmpty();
            assertThat(store.get("original")).contains(original);
            assertThat(store.get("taken")).contains(other);
            assertThat(store.listRecent()).hasSize(2);
        }
    }

    @Test
    default void concurrentForksOntoOneIdCreateItOnce() throws Exception {
        try (ThreadStore store = newStore()) {
            store.save(Samples.thread("original").withMessages(userMessages("m", 5)));
            int forkers = 8;
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < forkers; i++) {
                int through = 1 + i % 5;
                tasks.add(() -> {
                    try {
                        store.fork("original", through, "contested");
                        return true;
                    } catch (ConcurrentUpdateException e) {
                        return false;
                    }
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(forkers);
            try {
                long created = 0;
                for (Future<Boolean> result : pool.invokeAll(tasks)) {
                    created += result.get() ? 1 : 0;
                }
                assertThat(created).as("exactly one fork wins the id").isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            ChatThread fork = store.get("contested").orElseThrow();
            long through = (Long) ((Map<?, ?>) fork.attributes().get("forkedFrom")).get("sequence");
            assertThat(fork.messages()).as("the winner's messages, whole").hasSize((int) through);
        }
    }

    private List<Integer> windowSequences(ThreadStore store, MessageWindow window) {
        return sequences(store.get("gaps", window).orElseThrow().messages());
    }

    /** The window computed by filtering, independently of {@link MessageWindow#select}. */
    private static List<Message> expectedWindow(List<Message> messages, MessageWindow window) {
        if (window instanceof MessageWindow.Last) {
            int n = ((MessageWindow.Last) window).n();
            return messages.subList(Math.max(0, messages.size() - n), messages.size());
        }
        if (window instanceof MessageWindow.After) {
            MessageWindow.After after = (MessageWindow.After) window;
            return messages.stream().filter(m -> m.sequence() > after.sequence()).limit(after.limit())
                    .collect(Collectors.toList());
        }
        MessageWindow.Before before = (MessageWindow.Before) window;
        List<Message> below = messages.stream().filter(m -> m.sequence() < before.sequence())
                .collect(Collectors.toList());
        return below.subList(Math.max(0, below.size() - before.limit()), below.size());
    }
}
