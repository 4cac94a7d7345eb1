package dev.threadstore;

import java.util.List;

/**
 * Which of a thread's messages a windowed read returns: {@link ThreadStore#get(String, MessageWindow)}. The
 * thread's own fields always come back whole; only its messages are windowed, always in ascending sequence
 * order. A window is a value: immutable, with value equality, safe to share between threads.
 *
 * <p>A thread read through any window but {@link #all()} carries it as {@link ChatThread#window()} and cannot be
 * saved: saving it would look like deleting the messages outside the window. Append to it instead, or read the
 * whole thread.
 */
public sealed interface MessageWindow {

    /** @return every message: the whole thread */
    static MessageWindow all() {
        return All.INSTANCE;
    }

    /**
     * @param n how many messages, at least 0
     * @return the {@code n} highest sequences, in ascending order (a model's context window)
     * @throws IllegalArgumentException if {@code n} is negative
     */
    static MessageWindow last(int n) {
        return new Last(n);
    }

    /**
     * @param sequence the sequence to start after, at least 0 (0: from the first message)
     * @param limit how many messages at most, at least 0
     * @return the messages with sequences greater than {@code sequence}, ascending, at most {@code limit}
     * @throws IllegalArgumentException if an argument is negative
     */
    static MessageWindow after(int sequence, int limit) {
        return new After(sequence, limit);
    }

    /**
     * @param sequence the sequence to end before, at least 0
     * @param limit how many messages at most, at least 0
     * @return of the messages with sequences less than {@code sequence}, the {@code limit} highest, ascending
     *     (paging backwards from the oldest message a UI shows)
     * @throws IllegalArgumentException if an argument is negative
     */
    static MessageWindow before(int sequence, int limit) {
        return new Before(sequence, limit);
    }

    /**
     * Applies the window to a whole thread's messages.
     *
     * @param messages messages in ascending sequence order, as a whole thread holds them
     * @return the messages this window takes, in ascending sequence order
     * @throws NullPointerException if {@code messages} is null
     */
    List<Message> select(List<Message> messages);

    /** Every message. */
    final class All implements MessageWindow {
        private static final All INSTANCE = new All();

        private All() {
        }

        @Override
        public List<Message> select(List<Message> messages) {
            return List.copyOf(messages);
        }

        @Override
        public String toString() {
            return "MessageWindow.all()";
        }
    }

    /**
     * The {@code n} highest sequences.
     *
     * @param n how many messages, at least 0
     */
    record Last(int n) implements MessageWindow {
        /** @throws IllegalArgumentException if {@code n} is negative */
        public Last {
            requireNotNegative(n, "n");
        }

        @Override
        public List<Message> select(List<Message> messages) {
            return List.copyOf(messages.subList(Math.max(0, messages.size() - n), messages.size()));
        }
    }

    /**
     * Sequences above {@code sequence}, the lowest {@code limit} of them.
     *
     * @param sequence exclusive lower bound, at least 0
     * @param limit how many at most, at least 0
     */
    record After(int sequence, int limit) implements MessageWindow {
        /** @throws IllegalArgumentException if an argument is negative */
        public After {
            requireNotNegative(sequence, "sequence");
            requireNotNegative(limit, "limit");
        }

        @Override
        public List<Message> select(List<Message> messages) {
            int from = firstAbove(messages, sequence);
            return List.copyOf(messages.subList(from, (int) Math.min(messages.size(), (long) from + limit)));
        }
    }

    /**
     * Sequences below {@code sequence}, the highest {@code limit} of them.
     *
     * @param sequence exclusive upper bound, at least 0
     * @param limit how many at most, at least 0
     */
    record Before(int sequence, int limit) implements MessageWindow {
        /** @throws IllegalArgumentException if an argument is negative */
        public Before {
            requireNotNegative(sequence, "sequence");
            requireNotNegative(limit, "limit");
        }

        @Override
        public List<Message> select(List<Message> messages) {
            int to = firstAbove(messages, sequence - 1);
            return List.copyOf(messages.subList(Math.max(0, to - limit), to));
        }
    }

    private static void requireNotNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException("MessageWindow " + name + " must not be negative, got " + value);
        }
    }

    /** The index of the first message whose sequence is above {@code sequence} (binary search). */
    private static int firstAbove(List<Message> messages, int sequence) {
        int low = 0;
        int high = messages.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (messages.get(mid).sequence() <= sequence) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
