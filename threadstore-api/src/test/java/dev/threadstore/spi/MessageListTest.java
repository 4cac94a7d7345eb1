package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The message list a thread holds: extending it checks only the new messages and shares storage, yet every thread it
 * gives is the one the whole check of a plain list gives, every bad input is refused with the same message, and no
 * list ever sees another's messages. Generated from a seeded random (rerun with {@code -Dthreadstore.seed=…}).
 */
class MessageListTest {

    private static final Instant T = Instant.parse("2025-01-02T03:04:05Z");

    private final long seed = Long.getLong("threadstore.seed", System.nanoTime());
    private final SplittableRandom random = new SplittableRandom(seed);

    /** The whole check of a thread's messages as the first release made it: the first problem in list order. */
    private static String referenceProblem(List<Message> messages) {
        Set<String> ids = new HashSet<>();
        Set<Integer> sequences = new HashSet<>();
        for (Message m : messages) {
            if (!ids.add(m.id())) {
                return "thread t holds two messages with id " + m.id();
            }
            if (m.sequence() != 0 && !sequences.add(m.sequence())) {
                return "thread t holds two messages at sequence " + m.sequence();
            }
        }
        return null;
    }

    /** {@link ChatThread#withMessages} as the first release made it: a plain list, checked whole. */
    private static List<Message> referenceWithMessages(List<Message> held, List<Message> added) {
        int next = 0;
        for (Message m : held) {
            next = Math.max(next, m.sequence());
        }
        List<Message> list = new ArrayList<>(held);
        for (Message m : added) {
            if (m.sequence() == 0) {
                list.add(m.withSequence(++next));
            } else {
                list.add(m);
                next = Math.max(next, m.sequence());
            }
        }
        return list;
    }

    private Message message() {
        Message.Builder b = Message.builder(random.nextBoolean() ? Role.USER : Role.ASSISTANT)
                .id("m" + random.nextInt(14)).content("c" + random.nextInt(3)).timestamp(T);
        int s = random.nextInt(10);
        b.sequence(s < 4 ? 0 : random.nextInt(1, 16));
        Message m = b.build();
        if (random.nextInt(12) == 0) {
            m = m.withAttachment(new byte[] {1, 2}, "a.bin");
        }
        return m;
    }

    private List<Message> messages(int max) {
        List<Message> list = new ArrayList<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            list.add(message());
        }
        return list;
    }

    private static String outcome(Supplier<ChatThread> build) {
        try {
            build.get();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private AssertionFailedError failure(int c, String what) {
        return new AssertionFailedError("Case " + c + " of seed " + seed + " (rerun with -Dthreadstore.seed=" + seed
                + "): " + what);
    }

    /**
     * Random threads extended from random earlier versions (so both the in-place and the copying path run): the
     * shortcut gives the thread the whole check gives, and refuses exactly the inputs it refuses, with its message.
     */
    @Test
    void extendingGivesTheSameThreadAndRefusesTheSameInputsAsTheWholeCheck() {
        int extendedInPlace = 0;
        int refused = 0;
        for (int c = 0; c < 1_500; c++) {
            List<Message> start = messages(6);
            String problem = referenceProblem(start);
            String actual = outcome(() -> ChatThread.builder().id("t").messages(start).build());
            if (!java.util.Objects.equals(problem, actual)) {
                throw failure(c, "building from " + start + ": expected " + problem + ", got " + actual);
            }
            if (problem != null) {
                continue;
            }
            List<ChatThread> versions = new ArrayList<>();
            List<List<Message>> snapshots = new ArrayList<>();
            ChatThread first = ChatThread.builder().id("t").messages(start).createdAt(T).updatedAt(T).build();
            versions.add(first);
            snapshots.add(new ArrayList<>(start));
            for (int step = 0; step < 25; step++) {
                int pick = random.nextInt(4) == 0 ? random.nextInt(versions.size()) : versions.size() - 1;
                ChatThread base = versions.get(pick);
                List<Message> added = random.nextInt(3) == 0 ? messages(4) : List.of(message());
                List<Message> expected = referenceWithMessages(snapshots.get(pick), added);
                String expectedProblem = referenceProblem(expected);
                ChatThread[] result = new ChatThread[1];
                String got = outcome(() -> result[0] = added.size() == 1 && random.nextBoolean()
                        ? base.withMessage(added.get(0)) : base.withMessages(added));
                if (!java.util.Objects.equals(expectedProblem, got)) {
                    throw failure(c, "extending " + snapshots.get(pick) + " with " + added + ": expected "
                            + expectedProblem + ", got " + got);
                }
                if (got != null) {
                    refused++;
                    continue;
                }
                ChatThread whole = base.toBuilder().messages(new ArrayList<>(expected))
                        .updatedAt(result[0].updatedAt()).build();
                if (!result[0].equals(whole) || result[0].hashCode() != whole.hashCode()
                        || result[0].maxSequence() != whole.messages().stream().mapToInt(Message::sequence).max().orElse(0)
                        || result[0].hasPendingAttachments() != expected.stream().anyMatch(Message::hasPendingAttachments)) {
                    throw failure(c, "extending gave " + result[0].messages() + ", the whole check " + expected);
                }
                if (((MessageList) result[0].messages()).isExtensionOf((MessageList) base.messages())) {
                    extendedInPlace++;
                }
                versions.add(result[0]);
                snapshots.add(expected);
            }
            for (int v = 0; v < versions.size(); v++) {
                MessageList held = (MessageList) versions.get(v).messages();
                List<Message> snapshot = snapshots.get(v);
                if (!held.equals(snapshot) || !snapshot.equals(held)) {
                    throw failure(c, "version " + v + " changed: " + held + ", was " + snapshot);
                }
                for (int id = 0; id < 14; id++) {
                    String messageId = "m" + id;
                    boolean holds = snapshot.stream().anyMatch(m -> m.id().equals(messageId));
                    if (held.containsId(messageId) != holds
                            || !held.find(messageId).equals(snapshot.stream().filter(m -> m.id().equals(messageId)).findFirst())) {
                        throw failure(c, "version " + v + " looks up " + messageId + " wrongly");
                    }
                }
            }
        }
        assertThat(extendedInPlace).as("extensions without a copy, seed " + seed).isGreaterThan(1_000);
        assertThat(refused).as("refused extensions, seed " + seed).isGreaterThan(1_000);
    }

    /** What a store does with a thread to save: the flags the list keeps agree with a scan of its messages. */
    @Test
    void theFactsAListKeepsAgreeWithAScanOfItsMessages() {
        for (int c = 0; c < 3_000; c++) {
            List<Message> start = messages(5);
            if (referenceProblem(start) != null) {
                continue;
            }
            MessageList list = MessageList.copyOf(start);
            List<Message> more = messages(3);
            if (random.nextBoolean() && referenceProblem(referenceWithMessages(start, more)) == null) {
                List<Message> all = new ArrayList<>(start);
                all.addAll(more);
                if (referenceProblem(all) == null) {
                    list = list.plus(more);
                    start = all;
                }
            }
            boolean placedInOrder = true;
            int last = 0;
            for (Message m : start) {
                placedInOrder &= m.sequence() > last;
                last = Math.max(last, m.sequence());
            }
            List<Message> scanned = start;
            if (list.isPlacedInOrder() != placedInOrder
                    || list.holdsAttachmentBytes() != scanned.stream().anyMatch(m -> m.attachments().stream().anyMatch(Attachment::hasContent))
                    || list.hasPendingAttachments() != scanned.stream().anyMatch(Message::hasPendingAttachments)
                    || list.maxSequence() != scanned.stream().mapToInt(Message::sequence).max().orElse(0)) {
                throw failure(c, "the facts of " + scanned + " are wrong");
            }
        }
    }

    @Test
    void aThreadAStoreWouldReturnIsExtendedWithoutCopyingAndOlderVersionsKeepTheirMessages() {
        ChatThread thread = ChatThread.create("t");
        List<ChatThread> versions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            thread = thread.withMessage(Message.user("m" + i));
            versions.add(thread);
        }
        MessageList last = (MessageList) thread.messages();
        for (int i = 1; i < versions.size(); i++) {
            MessageList v = (MessageList) versions.get(i).messages();
            assertThat(v).hasSize(i + 1);
            assertThat(v.maxSequence()).isEqualTo(i + 1);
            assertThat(v.containsId(last.get(i).id())).isTrue();
            if (i + 1 < last.size()) {
                assertThat(v.containsId(last.get(i + 1).id())).isFalse();
                assertThat(v.find(last.get(i + 1).id())).isEmpty();
            }
        }
        assertThat(last.isExtensionOf((MessageList) versions.get(90).messages())).isTrue();
        assertThat(last.addedSince((MessageList) versions.get(97).messages())).containsExactlyElementsOf(last.subList(98, 100));

        ChatThread fork = versions.get(50).withMessage(Message.user("fork"));
        assertThat(((MessageList) fork.messages()).isExtensionOf((MessageList) versions.get(50).messages())).isFalse();
        assertThat(fork.messages().subList(0, 51)).isEqualTo(versions.get(50).messages());
        assertThat(versions.get(51).messages().get(51).content()).isEqualTo("m51");
        assertThat(fork.messages().get(51).content()).isEqualTo("fork");
    }

    /** Threads extend one list at once: each result holds the base and its own messages, nothing else. */
    @Test
    void concurrentExtensionsOfOneListNeverSeeEachOthersMessages() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                MessageList base = MessageList.copyOf(List.of(placed("b1", 1), placed("b2", 2)));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<MessageList>>> results = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int writer = w;
                    results.add(pool.submit(() -> {
                        go.await();
                        List<MessageList> mine = new ArrayList<>();
                        MessageList current = base;
                        for (int i = 0; i < 20; i++) {
                            current = current.plus(placed("w" + writer + "-" + i, 3 + i));
                            mine.add(current);
                        }
                        return mine;
                    }));
                }
                go.countDown();
                for (int w = 0; w < 4; w++) {
                    List<MessageList> mine = results.get(w).get();
                    for (int i = 0; i < mine.size(); i++) {
                        MessageList list = mine.get(i);
                        assertThat(list).hasSize(3 + i);
                        assertThat(list.subList(0, 2)).isEqualTo(base);
                        for (int j = 0; j <= i; j++) {
                            assertThat(list.get(2 + j).id()).isEqualTo("w" + w + "-" + j);
                            assertThat(list.containsId("w" + w + "-" + j)).isTrue();
                        }
                        for (int other = 0; other < 4; other++) {
                            if (other != w) {
                                assertThat(list.containsId("w" + other + "-0")).isFalse();
                            }
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A list a store decoded from its rows ({@link MessageList#ofStored}, distinct ids) is the list {@code copyOf}
     * makes of the same messages in everything a caller can see: equality, hash code, lookups by id (the index built
     * lazily), the facts it keeps, and every extension, accepted or refused; and the thread built from it equals the
     * one built from a plain list.
     */
    @Test
    void aStoredListReadsAndExtendsAsTheCheckedCopyOfTheSameMessages() {
        for (int c = 0; c < 3_000; c++) {
            List<Message> messages = distinctIds(random.nextInt(25));
            MessageList stored;
            try {
                stored = MessageList.ofStored(messages);
            } catch (IllegalArgumentException e) {
                assertThatThrownBy(() -> MessageList.copyOf(messages)).as("seed %d case %d", seed, c)
                        .hasMessage(e.getMessage());
                continue;
            }
            MessageList copy = MessageList.copyOf(messages);
            if (random.nextBoolean()) {
                lookUpEveryId(stored, copy, messages, c); // the index is built by a lookup, or else by plus below
            }
            assertThat(stored).as("seed %d case %d", seed, c).isEqualTo(copy).hasSameHashCodeAs(copy);
            assertThat(List.of(stored.maxSequence(), stored.isPlacedInOrder(), stored.holdsAttachmentBytes(),
                    stored.hasPendingAttachments())).as("seed %d case %d", seed, c)
                    .isEqualTo(List.of(copy.maxSequence(), copy.isPlacedInOrder(), copy.holdsAttachmentBytes(),
                            copy.hasPendingAttachments()));
            List<Message> added = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                added.add(message()); // ids m0..m13 may repeat the list's or each other's: then both refuse alike
            }
            MessageList fromStored;
            MessageList fromCopy;
            try {
                fromCopy = copy.plus(added);
            } catch (IllegalArgumentException e) {
                assertThatThrownBy(() -> stored.plus(added)).as("seed %d case %d", seed, c).hasMessage(e.getMessage());
                continue;
            }
            fromStored = stored.plus(added);
            assertThat(fromStored).as("seed %d case %d", seed, c).isEqualTo(fromCopy).hasSameHashCodeAs(fromCopy);
            List<Message> all = new ArrayList<>(messages);
            all.addAll(added);
            lookUpEveryId(fromStored, fromCopy, all, c);
            lookUpEveryId(stored, copy, messages, c);

            ChatThread fromRows = thread(stored);
            ChatThread fromPlain = thread(new ArrayList<>(messages));
            assertThat(fromRows).isEqualTo(fromPlain).hasSameHashCodeAs(fromPlain)
                    .hasToString(fromPlain.toString());
            assertThat(fromRows.maxSequence()).isEqualTo(fromPlain.maxSequence());
            Message next = Message.builder(Role.USER).id("next" + c).content("n").timestamp(T).build();
            assertThat(fromRows.withMessage(next).messages()).isEqualTo(fromPlain.withMessage(next).messages());
            for (Message m : messages) {
                assertThat(fromRows.message(m.id())).isEqualTo(fromPlain.message(m.id()));
                Message again = m.toBuilder().sequence(0).build();
                assertThatThrownBy(() -> fromRows.withMessage(again)).hasMessage(
                        catchMessage(() -> fromPlain.withMessage(again)));
            }
        }
    }

    /** One lazily indexed list, looked up and extended from many threads at once, answers every one of them alike. */
    @Test
    void theLazyIndexOfAStoredListIsBuiltOnceForEveryThreadThatRacesToIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 300; round++) {
                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    messages.add(placed("s" + round + "-" + i, i + 1));
                }
                MessageList stored = MessageList.ofStored(messages);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<MessageList>> results = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int writer = w;
                    results.add(pool.submit(() -> {
                        go.await();
                        MessageList current = writer % 2 == 0 ? stored : stored.plus(placed("w" + writer, 41));
                        for (Message m : messages) {
                            if (current.find(m.id()).orElse(null) != m || current.indexOf(m) != m.sequence() - 1) {
                                throw new AssertionFailedError("writer " + writer + " lost " + m.id());
                            }
                        }
                        return current;
                    }));
                }
                go.countDown();
                for (int w = 0; w < 4; w++) {
                    MessageList current = results.get(w).get();
                    assertThat(current).hasSize(w % 2 == 0 ? 40 : 41);
                    for (int other = 0; other < 4; other++) {
                        assertThat(current.containsId("w" + other)).isEqualTo(other == w && w % 2 == 1);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return messages with distinct ids, as a store's rows hold them; sequences may still repeat (then refused) */
    private List<Message> distinctIds(int n) {
        List<Message> messages = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        while (messages.size() < n) {
            Message m = message();
            if (random.nextInt(3) == 0) {
                m = m.toBuilder().id("x" + random.nextInt(1_000_000)).build();
            }
            if (ids.add(m.id())) {
                messages.add(m);
            }
        }
        if (random.nextBoolean()) {
            messages.sort(Comparator.comparingInt(Message::sequence));
        }
        return messages;
    }

    private void lookUpEveryId(MessageList a, MessageList b, List<Message> messages, int c) {
        for (Message m : messages) {
            assertThat(a.find(m.id())).as("seed %d case %d", seed, c).isEqualTo(b.find(m.id()));
            assertThat(a.containsId(m.id())).isEqualTo(b.containsId(m.id()));
            assertThat(a.indexOf(m)).isEqualTo(b.indexOf(m));
            assertThat(a.contains(m)).isEqualTo(b.contains(m));
        }
        String absent = "absent" + random.nextInt(1_000);
        assertThat(a.find(absent)).isEmpty();
        assertThat(a.containsId(absent)).isFalse();
    }

    private static ChatThread thread(List<Message> messages) {
        return ChatThread.builder().id("t").title("title").messages(messages).createdAt(T).updatedAt(T).version(3)
                .build();
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionFailedError("expected a refusal");
    }

    private static Message placed(String id, int sequence) {
        return Message.builder(Role.USER).id(id).sequence(sequence).content(id).timestamp(T).build();
    }

    /** The list reads as {@code List.copyOf}'s does, whatever a caller does with it. */
    @Test
    void theListBehavesAsAnImmutableCopyWould() {
        List<Message> source = new ArrayList<>(List.of(placed("a", 1), placed("b", 2), placed("c", 3)));
        MessageList list = MessageList.copyOf(source);
        List<Message> copy = List.copyOf(source);
        source.clear();

        assertThat(list).isEqualTo(copy).hasSameHashCodeAs(copy).hasSize(3);
        assertThat(copy).isEqualTo(list);
        assertThat(list.toString()).isEqualTo(copy.toString());
        assertThat(list.indexOf(copy.get(1))).isEqualTo(1);
        assertThat(list.contains(placed("b", 2))).isTrue();
        assertThat(list.contains(placed("b", 3))).isFalse();
        assertThat(list.contains("b")).isFalse();
        assertThatThrownBy(() -> list.contains(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> copy.contains(null)).isInstanceOf(NullPointerException.class);
        assertThat(list.subList(1, 3)).isEqualTo(copy.subList(1, 3));
        assertThat(list.toArray()).containsExactly(copy.toArray());
        assertThat(list.toArray(new Message[0])).containsExactly(copy.toArray(new Message[0]));
        assertThatThrownBy(() -> list.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);

        List<Runnable> mutators = List.of(() -> list.add(placed("d", 4)), () -> list.add(0, placed("d", 4)),
                () -> list.addAll(List.of()), () -> list.addAll(0, List.of()), () -> list.set(0, placed("d", 4)),
                () -> list.remove(0), () -> list.remove(placed("zz", 9)), () -> list.removeAll(List.of()),
                () -> list.retainAll(List.of()), () -> list.removeIf(m -> false), () -> list.replaceAll(m -> m),
                () -> list.sort(Comparator.comparing(Message::id)), list::clear, () -> list.iterator().remove(),
                () -> list.listIterator().add(placed("d", 4)), () -> list.subList(0, 1).clear(),
                () -> MessageList.of().clear());
        for (Runnable mutator : mutators) {
            assertThatThrownBy(mutator::run).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(list).containsExactlyElementsOf(copy);

        assertThat(MessageList.copyOf(list)).isSameAs(list);
        assertThat(MessageList.copyOf(List.of())).isSameAs(MessageList.of());
        assertThatThrownBy(() -> MessageList.copyOf(java.util.Arrays.asList(placed("a", 1), null)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> list.plus(java.util.Arrays.asList(placed("x", 9), null)))
                .isInstanceOf(NullPointerException.class);
        assertThat(list.plus(List.of())).isSameAs(list);
    }

    @Test
    void aThreadKeepsTheListItIsGivenAndCopiesAnyOther() {
        MessageList list = MessageList.copyOf(List.of(placed("a", 1)));
        ChatThread thread = ChatThread.builder().messages(list).build();
        assertThat(thread.messages()).isSameAs(list);
        assertThat(thread.toBuilder().title("x").build().messages()).isSameAs(list);

        List<Message> plain = new ArrayList<>(List.of(placed("a", 1)));
        ChatThread copied = ChatThread.builder().messages(plain).build();
        plain.add(placed("b", 2));
        assertThat(copied.messages()).hasSize(1).isInstanceOf(MessageList.class);
        assertThat(ChatThread.builder().messages(list.subList(0, 1)).build().messages()).isEqualTo(list);
    }
}
