package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.everyField;
import static dev.threadstore.tck.Samples.sequences;
import static dev.threadstore.tck.Samples.user;
import static dev.threadstore.tck.Samples.userMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.Objects.requireNonNull;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.Page;
import dev.threadstore.Role;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.tck.FileStoreContract.FileSamples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The conversation API of DESIGN section 10: windowed reads ({@link ThreadStore#get(String, MessageWindow)})
 * , {@link ThreadStore#fork fork}, and keyset pages ({@link ThreadStore#summaries}, {@link ThreadStore#threads},
 * {@link ThreadStore#count}). A window returns the thread's own fields whole and only the window's
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
    // Passes null on purpose: the contract is a NullPointerException naming the argument.
    @SuppressWarnings("NullAway")
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

            assertThat(files.get(requireNonNull(shared.fileId()), requireNonNull(shared.storagePath())))
                    .as("the fork's attachment still reads back").isEqualTo(FileSamples.pdf());
            assertThat(store.get("fork").orElseThrow().messages().get(0).attachments()).containsExactly(shared);

            store.delete("fork", files);

            assertThat(files.listFiles()).as("the last thread referencing the file took it").isEmpty();
        }
    }

    @Test
    // Passes null on purpose: the contract is a NullPointerException naming the argument.
    @SuppressWarnings("NullAway")
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
            long through = (Long) requireNonNull(((Map<?, ?>) requireNonNull(fork.attributes().get("forkedFrom"))).get("sequence"));
            assertThat(fork.messages()).as("the winner's messages, whole").hasSize((int) through);
        }
    }

    @Test
    default void summariesListNewestFirstWithCountsKeptByTheWritePaths() {
        try (ThreadStore store = newStore()) {
            ChatThread gaps = store.save(Samples.thread("gaps", "Gaps").toBuilder()
                    .messages(List.of(user("a", "a").withSequence(3), user("b", "b").withSequence(7))).build());
            Samples.letClockAdvance();
            store.save(Samples.thread("empty", "Empty"));
            Samples.letClockAdvance();
            store.save(Samples.thread("appended").withMessages(userMessages("m", 2)));
            store.append("appended", List.of(user("late", "late")));
            Samples.letClockAdvance();
            store.save(gaps.toBuilder().messages(gaps.messages().subList(0, 1)).build());

            List<ThreadSummary> items = store.summaries(ThreadQuery.all()).items();

            assertThat(items).extracting(ThreadSummary::id).containsExactly("gaps", "appended", "empty");
            assertThat(items).extracting(ThreadSummary::messageCount).containsExactly(1, 3, 0);
            assertThat(items).extracting(ThreadSummary::lastSequence).containsExactly(3, 3, 0);
            ChatThread appended = store.get("appended").orElseThrow();
            assertThat(items.get(1)).isEqualTo(ThreadSummary.of(appended));
        }
    }

    @Test
    default void followingCursorsVisitsEveryThreadOnceInListingOrder() {
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < 23; i++) {
                store.save(Samples.thread("t" + i, "Thread " + i));
            }
            List<String> expected = Samples.ids(store.listRecent());

            List<String> walked = new ArrayList<>();
            ThreadQuery query = ThreadQuery.all().limit(5);
            Page<ThreadSummary> page = store.summaries(query);
            int pages = 1;
            while (page.hasNext()) {
                assertThat(page.items()).hasSize(5);
                page.items().forEach(item -> walked.add(item.id()));
                page = store.summaries(query.after(page.nextCursor()));
                pages++;
            }
            page.items().forEach(item -> walked.add(item.id()));

            assertThat(walked).isEqualTo(expected);
            assertThat(pages).isEqualTo(5);
            assertThat(page.nextCursor()).isNull();
        }
    }

    @Test
    default void aPageThatEndsExactlyAtTheLastThreadHasNoNextCursor() {
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < 4; i++) {
                store.save(Samples.thread("t" + i, "Thread " + i));
            }

            Page<ThreadSummary> page = store.summaries(ThreadQuery.all().limit(4));

            assertThat(page.items()).hasSize(4);
            assertThat(page.hasNext()).isFalse();
            assertThat(store.summaries(ThreadQuery.all()).items()).hasSize(4);
        }
    }

    @Test
    default void threadsPagesWholeThreadsWithTheSameOrderAndCursors() {
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < 7; i++) {
                store.save(Samples.thread("t" + i).withMessages(userMessages("m" + i, i)));
            }
            ThreadQuery query = ThreadQuery.all().limit(3);

            Page<ThreadSummary> summaries = store.summaries(query);
            Page<ChatThread> threads = store.threads(query);

            assertThat(Samples.ids(threads.items()))
                    .isEqualTo(summaries.items().stream().map(ThreadSummary::id).collect(Collectors.toList()));
            for (ChatThread thread : threads.items()) {
                assertThat(store.get(thread.id())).contains(thread);
            }
            assertThat(threads.nextCursor()).isEqualTo(summaries.nextCursor());
            assertThat(Samples.ids(store.threads(query.after(summaries.nextCursor())).items()))
                    .isEqualTo(store.summaries(query.after(threads.nextCursor())).items().stream()
                            .map(ThreadSummary::id).collect(Collectors.toList()));
        }
    }

    @Test
    default void filtersCombineAndCountIgnoresLimitAndCursor() {
        try (ThreadStore store = newStore()) {
            store.save(Samples.threadWithAttributes("old", Map.of("user", "u1", "n", 42L)));
            Samples.letClockAdvance();
            Instant afterOld = Instant.now();
            Samples.letClockAdvance();
            store.save(Samples.threadWithAttributes("typed", Map.of("user", "u1", "n", 42.0)));
            store.save(Samples.threadWithAttributes("text", Map.of("user", "u1", "n", "42")));
            store.save(Samples.threadWithAttributes("other", Map.of("user", "u2", "n", 42L)));
            store.save(Samples.threadWithSource("slack", new ThreadSource("slack", Map.of("channel", "C1")))
                    .withAttribute("user", "u1"));
            store.save(Samples.threadWithSource("slack2", new ThreadSource("slack", Map.of("channel", "C2"))));

            ThreadQuery u1Numbers = ThreadQuery.all().attributes(Map.of("user", "u1", "n", 42));
            assertThat(summaryIds(store, u1Numbers)).containsExactlyInAnyOrder("old", "typed");
            assertThat(summaryIds(store, u1Numbers.updatedAfter(afterOld))).containsExactly("typed");
            assertThat(summaryIds(store, u1Numbers.updatedBefore(afterOld))).containsExactly("old");
            assertThat(summaryIds(store, ThreadQuery.all().source("slack", Map.of())))
                    .containsExactlyInAnyOrder("slack", "slack2");
            assertThat(summaryIds(store, ThreadQuery.all().source("slack", Map.of("channel", "C1"))
                    .attributes(Map.of("user", "u1")))).containsExactly("slack");
            assertThat(store.count(u1Numbers.limit(1))).isEqualTo(2);
            assertThat(store.count(ThreadQuery.all().attributes(Map.of("user", "u1")))).isEqualTo(4);
            assertThat(store.count(ThreadQuery.all())).isEqualTo(6);
            Page<ThreadSummary> first = store.summaries(ThreadQuery.all().limit(2));
            assertThat(store.count(ThreadQuery.all().limit(2).after(first.nextCursor()))).isEqualTo(6);
            assertThat(store.count(ThreadQuery.all().attributes(Map.of("user", "nobody")))).isZero();
        }
    }

    @Test
    default void aLimitOutOfRangeIsRefusedNamingIt() {
        for (int limit : new int[] {0, -1, 1001}) {
            assertThatThrownBy(() -> ThreadQuery.all().limit(limit)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit").hasMessageContaining(Integer.toString(limit));
        }
        assertThat(ThreadQuery.all().limit(1000).limit()).isEqualTo(1000);
        assertThat(ThreadQuery.all().limit()).isEqualTo(50);
    }

    @Test
    default void aForgedOrForeignCursorIsRefusedNamingIt() {
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < 3; i++) {
                store.save(Samples.threadWithAttributes("t" + i, Map.of("user", "u1")));
            }
            ThreadQuery query = ThreadQuery.all().attributes(Map.of("user", "u1")).limit(1);
            String nextCursor = store.summaries(query).nextCursor();
            assertThat(nextCursor).isNotNull().matches("[A-Za-z0-9_-]+");
            String cursor = requireNonNull(nextCursor);

            List<String> bad = List.of("not a cursor", "", cursor.substring(0, cursor.length() - 2),
                    cursor.substring(0, 5) + (cursor.charAt(5) == 'A' ? 'B' : 'A') + cursor.substring(6));
            for (String forged : bad) {
                assertThatThrownBy(() -> store.summaries(query.after(forged)))
                        .as("cursor %s", forged).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("cursor");
            }
            assertThatThrownBy(() -> store.summaries(ThreadQuery.all().after(cursor)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
            assertThatThrownBy(() -> store.threads(query.attributes(Map.of("user", "u2")).after(cursor)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
            assertThat(store.summaries(query.limit(10).after(cursor)).items())
                    .as("the same filters with another page size accept it").hasSize(2);
        }
    }

    @Test
    default void aWalkWhileOthersWriteVisitsEveryUntouchedThreadExactlyOnce() throws Exception {
        try (ThreadStore store = newStore()) {
            List<String> stable = new ArrayList<>();
            List<String> churn = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String id = (i % 3 == 0 ? "churn-" : "stable-") + i;
                store.save(Samples.thread(id, id));
                (i % 3 == 0 ? churn : stable).add(id);
            }
            AtomicBoolean walking = new AtomicBoolean(true);
            List<String> visited = Collections.synchronizedList(new ArrayList<>());
            Workers.run(3, worker -> {
                if (worker == 0) {
                    try {
                        ThreadQuery query = ThreadQuery.all().limit(37);
                        Page<ThreadSummary> page = store.summaries(query);
                        page.items().forEach(item -> visited.add(item.id()));
                        while (page.hasNext()) {
                            page = store.summaries(query.after(page.nextCursor()));
                            page.items().forEach(item -> visited.add(item.id()));
                        }
                    } finally {
                        walking.set(false);
                    }
                    return null;
                }
                for (int n = 0; walking.get() && n < 10_000; n++) {
                    store.save(Samples.thread("new-" + worker + "-" + n, "new"));
                    String target = churn.get((n * 2 + worker) % churn.size());
                    Optional<ChatThread> current = n % 2 == 0 ? store.get(target) : Optional.empty();
                    if (current.isPresent()) {
                        try {
                            store.save(current.get().withTitle("touched " + n));
                        } catch (ConcurrentUpdateException ignored) {
                            // the other writer got there first: this one leaves it
                        }
                    } else if (n % 2 == 1) {
                        store.delete(target);
                    }
                }
                return null;
            });

            assertThat(visited).as("no thread is visited twice").doesNotHaveDuplicates();
            assertThat(visited).as("every thread untouched during the walk is visited").containsAll(stable);
        }
    }

    @Test
    default void aForksSummaryCountsItsCopiedMessages() {
        try (ThreadStore store = newStore()) {
            store.save(Samples.thread("original").withMessages(userMessages("m", 5)));

            store.fork("original", 3, "fork");

            ThreadSummary fork = store.summaries(ThreadQuery.all().attributes(Map.of("forkedFrom",
                    Map.of("threadId", "original", "sequence", 3)))).items().get(0);
            assertThat(fork.id()).isEqualTo("fork");
            assertThat(fork.messageCount()).isEqualTo(3);
            assertThat(fork.lastSequence()).isEqualTo(3);
        }
    }

    private static List<String> summaryIds(ThreadStore store, ThreadQuery query) {
        return store.summaries(query).items().stream().map(ThreadSummary::id).collect(Collectors.toList());
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
