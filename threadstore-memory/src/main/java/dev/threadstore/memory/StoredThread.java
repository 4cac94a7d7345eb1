package dev.threadstore.memory;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.ThreadQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One version of a stored thread, immutable as far as any reader can tell: the thread's own fields, and
 * its messages in sequence order as the first {@code count} slots of an array. Successive versions made
 * by {@link #withAppended} share that array and write only past the end of the version they extend, so
 * an append costs the same whatever the thread's length, and an older version still sees exactly its
 * own prefix. The {@link ChatThread} a reader gets is built from the prefix on first use and kept.
 *
 * <p>The array grows by doubling, so appends cost amortised constant time. Only the newest version of a
 * thread is extended, inside the store's per-thread {@code compute}; should an older one be extended
 * anyway, it starts a new array rather than overwrite a newer version's slots.
 */
final class StoredThread {

    private static final int INITIAL_CAPACITY = 8;

    /** The thread's fields, with no messages. */
    private final ChatThread fields;
    /** Slots {@code [0, count)} are this version's messages, in sequence order; later slots belong to later versions. */
    private final Message[] slots;
    private final int count;
    /** Message id to slot, for every version sharing {@code slots}; an entry at or past {@code count} is not ours. */
    private final Map<String, Integer> positions;
    private volatile @Nullable ChatThread view;

    private StoredThread(ChatThread fields, Message[] slots, int count, Map<String, Integer> positions,
                         @Nullable ChatThread view) {
        this.fields = fields;
        this.slots = slots;
        this.count = count;
        this.positions = positions;
        this.view = view;
    }

    /**
     * @param thread a thread in its stored form: messages placed and sorted by sequence, attachments
     *     without bytes, version and times stamped
     */
    static StoredThread of(ChatThread thread) {
        List<Message> messages = thread.messages();
        Message[] slots = messages.toArray(new Message[Math.max(INITIAL_CAPACITY, messages.size())]);
        Map<String, Integer> positions = new ConcurrentHashMap<>(Math.max(16, messages.size() * 2));
        for (int i = 0; i < messages.size(); i++) {
            positions.put(messages.get(i).id(), i);
        }
        ChatThread fields = thread.toBuilder().messages(List.of()).build();
        return new StoredThread(fields, slots, messages.size(), positions, thread);
    }

    /**
     * The next version: these messages after the existing ones, the version incremented.
     *
     * @param added messages whose ids this thread does not hold, with sequences above {@link #maxSequence()}, in order
     * @param updatedAt the new update time
     * @param expiresAt the new expiry, or null
     */
    StoredThread withAppended(List<Message> added, Instant updatedAt, @Nullable Instant expiresAt) {
        int size = count + added.size();
        Message[] target = slots;
        Map<String, Integer> targetPositions = positions;
        boolean pastEndFree = count == slots.length || slots[count] == null;
        if (size > slots.length || !pastEndFree) {
            // The array is full, or a newer version already wrote past our end: start a new array.
            target = new Message[Math.max(size, slots.length * 2)];
            System.arraycopy(slots, 0, target, 0, count);
            targetPositions = new ConcurrentHashMap<>(Math.max(16, target.length * 2));
            for (int i = 0; i < count; i++) {
                targetPositions.put(slots[i].id(), i);
            }
        }
        for (int i = 0; i < added.size(); i++) {
            target[count + i] = added.get(i);
            targetPositions.put(added.get(i).id(), count + i);
        }
        ChatThread next = fields.toBuilder().updatedAt(updatedAt).version(fields.version() + 1).expiresAt(expiresAt)
                .build();
        return new StoredThread(next, target, size, targetPositions, null);
    }

    /** @return the thread with its messages, as readers see it */
    ChatThread toThread() {
        ChatThread thread = view;
        if (thread == null) {
            thread = fields.toBuilder().messages(Arrays.asList(slots).subList(0, count)).build();
            view = thread;
        }
        return thread;
    }

    /**
     * @param window which messages
     * @return the thread with only the window's messages (a binary search over the slots, no copy of the rest)
     */
    ChatThread toThread(MessageWindow window) {
        if (window instanceof MessageWindow.All) {
            return toThread();
        }
        return fields.toBuilder().messages(window.select(Arrays.asList(slots).subList(0, count))).window(window).build();
    }

    /** @return this version's place in listing order */
    ThreadQueries.Position position() {
        return new ThreadQueries.Position(fields.updatedAt(), fields.createdAt(), fields.id());
    }

    /** @return this version's summary; counts come from the slots, nothing is counted */
    ThreadSummary summary() {
        return new ThreadSummary(fields.id(), fields.title(), fields.attributes(), fields.source(), fields.createdAt(),
                fields.updatedAt(), fields.version(), count, maxSequence(), fields.expiresAt());
    }

    /** @return this version's message with that id */
    Optional<Message> message(String messageId) {
        Integer position = positions.get(messageId);
        return position == null || position >= count ? Optional.empty() : Optional.of(slots[position]);
    }

    /** @return the ids of this version's messages, in sequence order */
    List<String> messageIds() {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(slots[i].id());
        }
        return ids;
    }

    /** @return the highest message sequence, 0 without messages */
    int maxSequence() {
        return count == 0 ? 0 : slots[count - 1].sequence();
    }

    /** @return how many messages this version holds */
    int messageCount() {
        return count;
    }

    String id() {
        return fields.id();
    }

    long version() {
        return fields.version();
    }

    Instant createdAt() {
        return fields.createdAt();
    }

    Instant updatedAt() {
        return fields.updatedAt();
    }

    @Nullable Instant expiresAt() {
        return fields.expiresAt();
    }

    /** @return whether this version has expired at {@code now} */
    boolean isExpiredAt(Instant now) {
        return fields.isExpiredAt(now);
    }

    Map<String, Object> attributes() {
        return fields.attributes();
    }

    @Nullable ThreadSource source() {
        return fields.source();
    }

    /** @return whether this version writes into the same message array as the other (for tests) */
    boolean sharesMessagesWith(StoredThread other) {
        return slots == other.slots;
    }
}
