package dev.threadstore.spi;

import dev.threadstore.Attachment;
import dev.threadstore.Message;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The immutable list of messages a {@link dev.threadstore.ChatThread} holds: no null element, no two messages with
 * one id, no two at one sequence other than 0. Appending to it costs what the new messages cost, not what the list
 * holds, so that {@link dev.threadstore.ChatThread#withMessage} and a store's returned thread stay cheap however long
 * the conversation is.
 *
 * <p>It reads like the list {@link List#copyOf} returns: unmodifiable (every mutator throws
 * {@link UnsupportedOperationException}), {@link RandomAccess}, {@code contains(null)} and {@code indexOf(null)}
 * throw {@link NullPointerException}, equal to any list holding equal messages in the same order, with the same
 * hash code. {@link #subList} is an ordinary unmodifiable view. Instances are thread-safe.
 *
 * <p>Design notes. The messages sit in the first {@code size} slots of an array that the lists made from one
 * another by {@link #plus} share, together with an index from message id to slot (open addressing over slot
 * numbers, sized for the whole array, so that it never rehashes). {@code plus} on the newest list of an array writes
 * past its end and publishes a longer list; the slots a list sees never change again, so an older list still sees
 * exactly its own prefix, and an index entry at or past a list's size is not that list's. {@code plus} on any other
 * list (an older one, or one whose array is full) copies into a new array with room to grow. Which list is newest is
 * decided by one compare-and-set, so two threads extending the same list never write the same slot. A list a store
 * decoded from its own rows ({@link #ofStored}) starts without the index: it is built, once, under the storage's lock,
 * by the first call that needs it ({@link #find}, {@link #containsId}, {@link #indexOf}, {@link #plus}), and published
 * through a volatile field. Every {@code plus} that writes past the end first obtains the index, so the lazy build
 * only ever sees the slots the storage was created with.
 */
public final class MessageList extends AbstractList<Message> implements RandomAccess {

    private static final MessageList EMPTY = new MessageList(new Storage(0, true), 0, 0, true, 0, 0, 0);

    private final Storage storage;
    private final int size;
    private final int maxSequence;
    /** Whether the non-zero sequences increase strictly in list order (then a higher one cannot be a duplicate). */
    private final boolean increasing;
    private final int unplaced;
    private final int carryingBytes;
    private final int pending;

    private MessageList(Storage storage, int size, int maxSequence, boolean increasing, int unplaced,
                        int carryingBytes, int pending) {
        this.storage = storage;
        this.size = size;
        this.maxSequence = maxSequence;
        this.increasing = increasing;
        this.unplaced = unplaced;
        this.carryingBytes = carryingBytes;
        this.pending = pending;
    }

    /** @return the empty list */
    public static MessageList of() {
        return EMPTY;
    }

    /**
     * The messages as a {@code MessageList}: the argument itself when it is one (no copy, no check), otherwise a
     * checked copy.
     *
     * @param messages the messages, in order
     * @return an immutable list of the same messages
     * @throws NullPointerException if {@code messages} or one of them is null
     * @throws IllegalArgumentException if two messages have one id ("two messages with id …") or one non-zero
     *     sequence ("two messages at sequence …")
     */
    public static MessageList copyOf(Collection<? extends Message> messages) {
        if (messages instanceof MessageList list) {
            return list;
        }
        Message[] array = messages.toArray(new Message[0]);
        if (array.length == 0) {
            return EMPTY;
        }
        return build(array, array.length, array.length + (array.length >> 2) + 8, true);
    }

    /**
     * The messages a store decoded from its own rows, for the thread it builds from them. Part of the SPI: for a
     * backend, not for applications. It differs from {@link #copyOf} in one check only: the ids are taken to be
     * distinct, as the primary key of the store's message rows (thread id, message id) makes them, so the list does
     * not hash them now; its index by id is built on the first lookup by id or extension. Nulls and two messages at
     * one non-zero sequence are still refused (a sequence column can be read back as an equal number from distinct
     * stored values). Every other method behaves as on a list {@link #copyOf} made of the same messages, and the
     * thread built from it equals the one built from a plain list of them.
     *
     * @param messages the decoded messages, in order; no two with one id
     * @return an immutable list of the same messages
     * @throws NullPointerException if {@code messages} or one of them is null
     * @throws IllegalArgumentException if two messages have one non-zero sequence ("two messages at sequence …")
     */
    public static MessageList ofStored(Collection<? extends Message> messages) {
        if (messages instanceof MessageList list) {
            return list;
        }
        Message[] array = messages.toArray(new Message[0]);
        if (array.length == 0) {
            return EMPTY;
        }
        return build(array, array.length, array.length + (array.length >> 2) + 8, false);
    }

    /**
     * This list with one message added at the end, as by {@link #plus(List)}.
     *
     * @param message the message, placed as it is (its sequence is not changed)
     * @return the longer list
     * @throws NullPointerException if {@code message} is null
     * @throws IllegalArgumentException if its id, or its non-zero sequence, is already in the list
     */
    public MessageList plus(Message message) {
        return plus(List.of(message));
    }

    /**
     * This list with the messages added at the end, in order. Only the new messages are checked, and when this is
     * the newest list made from its storage they are written past its end without copying it; otherwise (or when a
     * non-zero sequence does not exceed every earlier one) the whole list is copied and checked.
     *
     * @param added the messages to add, placed as they are (their sequences are not changed)
     * @return the longer list; this list when {@code added} is empty
     * @throws NullPointerException if {@code added} or one of its messages is null
     * @throws IllegalArgumentException if an id, or a non-zero sequence, would then be in the list twice; the message
     *     names the first such problem in list order, as {@link #copyOf} of the whole list would
     */
    public MessageList plus(List<? extends Message> added) {
        int k = added.size();
        if (k == 0) {
            return this;
        }
        Message[] incoming = added.toArray(new Message[0]);
        k = incoming.length;
        int max = maxSequence;
        int newUnplaced = unplaced;
        int newCarrying = carryingBytes;
        int newPending = pending;
        boolean simple = increasing;
        Set<String> batch = k > 8 ? new HashSet<>(k * 2) : null;
        for (int i = 0; i < k; i++) {
            Message m = Objects.requireNonNull(incoming[i], "message");
            String id = m.id();
            if (slotOf(id) >= 0 || (batch != null ? !batch.add(id) : earlierId(incoming, i, id))) {
                simple = false; // a duplicate id: the whole check below reports the first problem, as it always has
            }
            int sequence = m.sequence();
            if (sequence == 0) {
                newUnplaced++;
            } else if (sequence > max) {
                max = sequence;
            } else {
                simple = false; // a duplicate sequence is possible: check the whole list below
            }
            if (carriesBytes(m)) {
                newCarrying++;
            }
            if (m.hasPendingAttachments()) {
                newPending++;
            }
        }
        int newSize = size + k;
        if (!simple) {
            Message[] all = Arrays.copyOf(toArray(new Message[0]), newSize);
            System.arraycopy(incoming, 0, all, size, k);
            return build(all, newSize, newSize + (newSize >> 2) + 8, true);
        }
        Storage s = storage;
        if (newSize <= s.slots.length && s.end.compareAndSet(size, newSize)) {
            int[] index = s.index(); // built: slotOf above obtained it
            for (int i = 0; i < k; i++) {
                s.slots[size + i] = incoming[i];
                Storage.put(index, incoming[i].id(), size + i);
            }
            return new MessageList(s, newSize, max, true, newUnplaced, newCarrying, newPending);
        }
        Storage copy = new Storage(Math.max(8, newSize * 2), true);
        System.arraycopy(s.slots, 0, copy.slots, 0, size);
        System.arraycopy(incoming, 0, copy.slots, size, k);
        int[] index = copy.index();
        for (int i = 0; i < newSize; i++) {
            Storage.put(index, copy.slots[i].id(), i);
        }
        copy.end.set(newSize);
        return new MessageList(copy, newSize, max, true, newUnplaced, newCarrying, newPending);
    }

    /**
     * Builds a new storage holding {@code count} messages of {@code array}, checking all of them, or (without
     * {@code indexIds}) all but the distinctness of their ids, whose index is then built when first needed.
     */
    private static MessageList build(Message[] array, int count, int capacity, boolean indexIds) {
        Storage s = new Storage(capacity, indexIds);
        int @Nullable [] index = indexIds ? s.index() : null;
        int max = 0;
        boolean increasing = true;
        Set<Integer> sequences = null;
        int unplaced = 0;
        int carrying = 0;
        int pending = 0;
        for (int i = 0; i < count; i++) {
            Message m = Objects.requireNonNull(array[i], "message");
            if (index != null && !Storage.putIfAbsent(index, m.id(), i, array)) {
                throw new IllegalArgumentException("two messages with id " + m.id());
            }
            s.slots[i] = m;
            int sequence = m.sequence();
            if (sequence == 0) {
                unplaced++;
            } else if (increasing && sequence > max) {
                max = sequence;
            } else {
                if (sequences == null) {
                    sequences = new HashSet<>();
                    for (int j = 0; j < i; j++) {
                        if (array[j].sequence() != 0) {
                            sequences.add(array[j].sequence());
                        }
                    }
                }
                increasing = false;
                max = Math.max(max, sequence);
            }
            if (sequences != null && sequence != 0 && !sequences.add(sequence)) {
                throw new IllegalArgumentException("two messages at sequence " + sequence);
            }
            if (carriesBytes(m)) {
                carrying++;
            }
            if (m.hasPendingAttachments()) {
                pending++;
            }
        }
        s.end.set(count);
        return new MessageList(s, count, max, increasing, unplaced, carrying, pending);
    }

    private static boolean earlierId(Message[] incoming, int i, String id) {
        for (int j = 0; j < i; j++) {
            if (incoming[j].id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static boolean carriesBytes(Message m) {
        for (Attachment a : m.attachments()) {
            if (a.hasContent()) {
                return true;
            }
        }
        return false;
    }

    /** @return the slot of the message with this id in this list, or -1 */
    private int slotOf(String id) {
        int slot = storage.slotOf(id, size);
        return slot < size ? slot : -1;
    }

    /**
     * Looks a message up by id, in constant time.
     *
     * @param id the message id
     * @return the message with that id, if the list holds it
     * @throws NullPointerException if {@code id} is null
     */
    public Optional<Message> find(String id) {
        Objects.requireNonNull(id, "id");
        int slot = slotOf(id);
        return slot < 0 ? Optional.empty() : Optional.of(storage.slots[slot]);
    }

    /**
     * @param id a message id
     * @return whether the list holds a message with that id, in constant time
     * @throws NullPointerException if {@code id} is null
     */
    public boolean containsId(String id) {
        return slotOf(Objects.requireNonNull(id, "id")) >= 0;
    }

    /** @return the highest sequence in the list, 0 when no message is placed; constant time */
    public int maxSequence() {
        return maxSequence;
    }

    /** @return whether every message is placed (sequence above 0) and the sequences increase in list order */
    public boolean isPlacedInOrder() {
        return unplaced == 0 && increasing;
    }

    /** @return whether some message holds an attachment that still carries its bytes ({@link Attachment#hasContent}) */
    public boolean holdsAttachmentBytes() {
        return carryingBytes > 0;
    }

    /** @return whether some message holds an attachment whose bytes must still go to a FileStore */
    public boolean hasPendingAttachments() {
        return pending > 0;
    }

    /**
     * Whether this list was made from {@code earlier} by {@link #plus} (directly or in several steps) without a
     * copy, so that {@code earlier}'s messages are, by construction, this list's first ones. False says nothing: two
     * lists may hold the same messages without sharing storage.
     *
     * @param earlier another list
     * @return whether this list is known, in constant time, to start with all of {@code earlier}
     * @throws NullPointerException if {@code earlier} is null
     */
    public boolean isExtensionOf(MessageList earlier) {
        return earlier.storage == storage && earlier.size <= size;
    }

    /**
     * The messages added since {@code earlier}, when this list {@linkplain #isExtensionOf extends} it.
     *
     * @param earlier a list this list extends
     * @return the messages after {@code earlier}'s last one, in order
     * @throws IllegalArgumentException if this list does not extend {@code earlier}
     * @throws NullPointerException if {@code earlier} is null
     */
    public List<Message> addedSince(MessageList earlier) {
        if (!isExtensionOf(earlier)) {
            throw new IllegalArgumentException("this list does not extend the given one");
        }
        return List.of(Arrays.copyOfRange(storage.slots, earlier.size, size));
    }

    @Override
    public Message get(int index) {
        Objects.checkIndex(index, size);
        return storage.slots[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<Message> iterator() {
        return new Cursor(0);
    }

    @Override
    public ListIterator<Message> listIterator() {
        return new Cursor(0);
    }

    @Override
    public ListIterator<Message> listIterator(int index) {
        Objects.checkIndex(index, size + 1);
        return new Cursor(index);
    }

    /** An iterator over this list's slots; its mutators throw, as the iterators of {@code List.copyOf}'s lists do. */
    private final class Cursor implements ListIterator<Message> {
        private int next;

        Cursor(int next) {
            this.next = next;
        }

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public Message next() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            return storage.slots[next++];
        }

        @Override
        public boolean hasPrevious() {
            return next > 0;
        }

        @Override
        public Message previous() {
            if (next <= 0) {
                throw new NoSuchElementException();
            }
            return storage.slots[--next];
        }

        @Override
        public int nextIndex() {
            return next;
        }

        @Override
        public int previousIndex() {
            return next - 1;
        }

        @Override
        public void remove() {
            throw unmodifiable();
        }

        @Override
        public void set(Message m) {
            throw unmodifiable();
        }

        @Override
        public void add(Message m) {
            throw unmodifiable();
        }
    }

    @Override
    public int indexOf(Object o) {
        Objects.requireNonNull(o);
        if (!(o instanceof Message m)) {
            return -1;
        }
        int slot = slotOf(m.id());
        return slot >= 0 && storage.slots[slot].equals(m) ? slot : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o); // ids are unique, so a message occurs at most once
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(storage.slots, size, Object[].class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T[] toArray(T[] a) {
        if (a.length < size) {
            return (T[]) Arrays.copyOf(storage.slots, size, a.getClass());
        }
        System.arraycopy(storage.slots, 0, a, 0, size);
        if (a.length > size) {
            a[size] = null;
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof MessageList other && other.storage == storage) {
            return other.size == size;
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    // ---- unmodifiable: every mutator throws, whatever its argument (as List.copyOf's lists do) ------------------

    @Override
    public boolean add(Message m) {
        throw unmodifiable();
    }

    @Override
    public void add(int index, Message m) {
        throw unmodifiable();
    }

    @Override
    public boolean addAll(Collection<? extends Message> c) {
        throw unmodifiable();
    }

    @Override
    public boolean addAll(int index, Collection<? extends Message> c) {
        throw unmodifiable();
    }

    @Override
    public Message set(int index, Message m) {
        throw unmodifiable();
    }

    @Override
    public Message remove(int index) {
        throw unmodifiable();
    }

    @Override
    public boolean remove(Object o) {
        throw unmodifiable();
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        throw unmodifiable();
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        throw unmodifiable();
    }

    @Override
    public boolean removeIf(Predicate<? super Message> filter) {
        throw unmodifiable();
    }

    @Override
    public void replaceAll(UnaryOperator<Message> operator) {
        throw unmodifiable();
    }

    @Override
    public void sort(@Nullable Comparator<? super Message> c) {
        throw unmodifiable();
    }

    @Override
    public void clear() {
        throw unmodifiable();
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        throw unmodifiable();
    }

    private static UnsupportedOperationException unmodifiable() {
        return new UnsupportedOperationException("the messages of a thread are immutable; use ChatThread.withMessage"
                + " or toBuilder().messages(…) for a changed copy");
    }

    /**
     * The array the lists made from one another share, its id index, and how many slots are taken. Slots and index
     * entries are written once, before the list that holds them is published, and never again. The index of a
     * storage made without one is built from the slots taken, under the storage's lock, the first time it is asked
     * for, before any slot past them can be taken.
     */
    private static final class Storage {
        final Message[] slots;
        /**
         * Slot + 1 of each message, by the id's hash, linear probing; 0 is empty. Sized for every slot, never rehashed;
         * null until built.
         */
        private volatile int @Nullable [] index;
        final AtomicInteger end = new AtomicInteger();

        Storage(int capacity, boolean indexed) {
            slots = new Message[capacity];
            index = indexed ? new int[tableSize(capacity)] : null;
        }

        private static int tableSize(int capacity) {
            return capacity == 0 ? 1 : Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        }

        /** @return the index, built now from the slots taken if the storage was made without one */
        int[] index() {
            int[] built = index;
            return built != null ? built : buildIndex();
        }

        private synchronized int[] buildIndex() {
            int[] built = index;
            if (built == null) {
                built = new int[tableSize(slots.length)];
                for (int i = 0, taken = end.get(); i < taken; i++) {
                    put(built, slots[i].id(), i);
                }
                index = built;
            }
            return built;
        }

        private static int hash(String id) {
            int h = id.hashCode();
            return h ^ (h >>> 16);
        }

        /** @return the slot holding this id among the first {@code size} slots, or a number at or past size */
        int slotOf(String id, int size) {
            int[] index = index();
            int mask = index.length - 1;
            for (int i = hash(id) & mask; ; i = (i + 1) & mask) {
                int entry = index[i];
                if (entry == 0) {
                    return Integer.MAX_VALUE;
                }
                int slot = entry - 1;
                if (slot < size && slots[slot].id().equals(id)) {
                    return slot;
                }
            }
        }

        /** Records the id's slot; the id is known not to be in the index below that slot's list. */
        static void put(int[] index, String id, int slot) {
            int mask = index.length - 1;
            int i = hash(id) & mask;
            while (index[i] != 0) {
                i = (i + 1) & mask;
            }
            index[i] = slot + 1;
        }

        /** While building: records the id's slot unless an earlier slot of {@code array} holds the id. */
        static boolean putIfAbsent(int[] index, String id, int slot, Message[] array) {
            int mask = index.length - 1;
            int i = hash(id) & mask;
            for (int entry = index[i]; entry != 0; entry = index[i]) {
                if (array[entry - 1].id().equals(id)) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            index[i] = slot + 1;
            return true;
        }
    }
}
