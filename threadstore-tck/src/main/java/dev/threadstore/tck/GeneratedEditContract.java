package dev.threadstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated edits: random threads, and random edits of every field of a thread and its messages (every JSON
 * type, changes of type between values that print alike such as {@code 1.0} and {@code "d:1.0"}, nesting,
 * parts, tool calls, sources, reactions, metrics, attachment metadata, removals, new messages, swapped
 * sequences, reordered map keys), each saved and read back: {@code get} must return exactly what {@code save}
 * returned, and {@code save} what was asked for. Re-appending an edited message under its id must throw
 * {@link ConcurrentUpdateException} and change nothing; re-appending it unchanged must be a no-op.
 *
 * <p>Each save carries five to eight edits, each to a different message or thread field, so an edit the store fails
 * to write is never hidden by another edit of the same row. The runs are seeded: the seed is in every
 * failure's description; set the system property {@value #SEED_PROPERTY} to a seed to replay or explore other
 * seeds (the default is fixed, so every build checks the same {@value #THREADS} threads and at least
 * {@value #MIN_EDITS} edits).
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface GeneratedEditContract extends StoreFixture {

    /** The system property that sets the base seed of the generated tests. */
    String SEED_PROPERTY = "threadstore.tck.seed";

    /** Threads edited per run; each gets its own seed, base seed + i. */
    int THREADS = 40;

    /** Saves per thread. */
    int SAVES = 9;

    /** The fewest edits a run checks. */
    int MIN_EDITS = 2000;

    /** The base seed: {@value #SEED_PROPERTY} if set, else a fixed value. */
    static long baseSeed() {
        return Long.getLong(SEED_PROPERTY, 20_261_129L);
    }

    @Test
    default void generatedEditsOfEveryFieldAreSavedAndReadBackExactly() {
        long base = baseSeed();
        int edits = 0;
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < THREADS; i++) {
                long seed = base + i;
                try {
                    edits += editOneThread(store, new RandomThreads(seed), seed);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("generated edit test failed with seed " + seed + " (replay with -D" + SEED_PROPERTY
                            + "=" + seed + "): " + e, e);
                }
            }
        }
        assertThat(edits).as("edits checked").isGreaterThanOrEqualTo(MIN_EDITS);
    }

    private static int editOneThread(ThreadStore store, RandomThreads random, long seed) {
        ChatThread current = saveAndCheck(store, random.thread(random.id("t" + seed), 8), "seed " + seed + ", first save");
        int edits = 0;
        for (int save = 1; save <= SAVES; save++) {
            List<String> done = new ArrayList<>();
            ChatThread next = editFew(random, current, done);
            current = saveAndCheck(store, next, "seed " + seed + ", save " + save + ", edits " + done);
            edits += done.size();
        }
        reappendEdited(store, random, current, seed);
        return edits + 1;
    }

    /** Applies up to eight edits, each to a different message or thread field. */
    private static ChatThread editFew(RandomThreads random, ChatThread thread, List<String> done) {
        ChatThread t = thread;
        Set<String> touched = new HashSet<>();
        int wanted = 5 + random.random().nextInt(4);
        for (int attempt = 0; done.size() < wanted && attempt < 40; attempt++) {
            int kind = random.random().nextInt(10);
            List<Message> messages = new ArrayList<>(t.messages());
            if (kind < 2) {
                Map.Entry<String, ChatThread> edit = random.editThreadField(t);
                if (touched.add("thread " + edit.getKey())) {
                    t = edit.getValue();
                    done.add("thread " + edit.getKey());
                }
            } else if (kind == 2 || messages.isEmpty()) {
                Message added = random.message(random.id("m"), random.pick(List.of(Role.values())));
                Message placed = random.chance(50) ? added : added.withSequence(t.maxSequence() + 1 + random.random().nextInt(3));
                t = t.toBuilder().messages(append(messages, placed)).build();
                touched.add(added.id());
                done.add("add " + added.id());
            } else if (kind == 3) {
                int i = random.random().nextInt(messages.size());
                if (touched.add(messages.get(i).id())) {
                    done.add("remove " + messages.remove(i).id());
                    t = t.toBuilder().messages(messages).build();
                }
            } else if (kind == 4 && messages.size() >= 2) {
                int i = random.random().nextInt(messages.size());
                int j = random.random().nextInt(messages.size());
                Message a = messages.get(i);
                Message b = messages.get(j);
                if (i != j && !touched.contains(a.id()) && !touched.contains(b.id())) {
                    touched.add(a.id());
                    touched.add(b.id());
                    messages.set(i, a.withSequence(b.sequence()));
                    messages.set(j, b.withSequence(a.sequence()));
                    t = t.toBuilder().messages(messages).build();
                    done.add("swap sequences of " + a.id() + " and " + b.id());
                }
            } else {
                int i = random.random().nextInt(messages.size());
                Message m = messages.get(i);
                if (touched.add(m.id())) {
                    Map.Entry<String, Message> edit = random.editMessage(m);
                    messages.set(i, edit.getValue());
                    t = t.toBuilder().messages(messages).build();
                    done.add(edit.getKey() + " of " + m.id());
                }
            }
        }
        return t;
    }

    private static List<Message> append(List<Message> messages, Message m) {
        List<Message> copy = new ArrayList<>(messages);
        copy.add(m);
        return copy;
    }

    /** Saves the thread and checks that save returned what was asked for and get returns what save returned. */
    private static ChatThread saveAndCheck(ThreadStore store, ChatThread next, String what) {
        ChatThread saved = store.save(next);

        assertThat(saved.title()).as("%s: title returned by save", what).isEqualTo(next.title());
        assertThat(saved.attributes()).as("%s: attributes returned by save", what).isEqualTo(next.attributes());
        assertThat(saved.source()).as("%s: source returned by save", what).isEqualTo(next.source());
        assertThat(saved.messages()).as("%s: messages returned by save", what).hasSameSizeAs(next.messages());
        for (Message m : next.messages()) {
            Message back = saved.message(m.id()).orElseThrow(() -> new AssertionError(what + ": save lost message " + m.id()));
            assertThat(back).as("%s: message %s returned by save", what, m.id())
                    .isEqualTo(m.sequence() == 0 ? m.withSequence(back.sequence()) : m);
        }
        assertThat(store.get(next.id())).as("%s: get() must return what save() returned", what).contains(saved);
        return saved;
    }

    /** Re-appending a stored message edited is a conflict that writes nothing; re-appending it unchanged is a no-op. */
    private static void reappendEdited(ThreadStore store, RandomThreads random, ChatThread current, long seed) {
        if (current.messages().isEmpty()) {
            current = store.save(current.withMessage(random.message(random.id("m"), Role.USER)));
        }
        Message stored = random.pick(current.messages());
        Message edited = stored;
        String field = "nothing";
        for (int attempt = 0; edited.equals(stored) && attempt < 50; attempt++) {
            Map.Entry<String, Message> edit = random.editMessage(stored);
            edited = edit.getValue();
            field = edit.getKey();
        }
        if (edited.equals(stored)) {
            edited = stored.withAttribute("forced-edit", 1L);
            field = "attributes";
        }
        Message conflicting = edited;
        ChatThread before = store.get(current.id()).orElseThrow();

        Throwable failure = catchThrowable(() -> store.append(before.id(), List.of(conflicting)));

        assertThat(failure).as("seed %s: re-appending message %s with its %s edited must be a conflict", seed, stored.id(), field)
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store.get(before.id())).as("seed %s: the failed append wrote nothing", seed).contains(before);
        assertThat(store.append(before.id(), List.of(stored))).as("seed %s: re-appending the stored message unchanged", seed)
                .containsExactly(stored);
        assertThat(store.get(before.id())).as("seed %s: a retry changes nothing", seed).contains(before);
    }
}
