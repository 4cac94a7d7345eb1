package dev.threadstore.spi;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a thread exactly as given, for backups and moves between backends: the same id, title, attributes,
 * source, {@code createdAt}, {@code updatedAt}, {@code version} and {@code expiresAt}, and every message with its
 * id, sequence, timestamp and attachment references. A {@link ThreadStore#save save} cannot do this: it owns
 * {@code version} and {@code updatedAt} and stamps its own. A restored thread then behaves as if this store had
 * written it: summaries count its messages, queries and {@code getThreadByMessageId} find it, a later save must
 * carry its version, and an {@code expiresAt} that has passed makes it invisible at once, as any expired thread.
 *
 * <p>A backend offers restore by implementing this interface on its {@link ThreadStore} (the memory, SQLite and
 * PostgreSQL backends do); a store that decorates another exposes the inner one's through
 * {@link ThreadStore#unwrap(Class) unwrap(ThreadRestore.class)}. Tools reach it with {@link #of(ThreadStore)}, and
 * fall back to {@code save} when it is empty. Implementations are thread-safe; a restore is atomic per thread.
 */
public interface ThreadRestore {

    /** What a {@link #restore} did. */
    enum Outcome {
        /** The store held no live thread with that id (none, or an expired one, which the restore replaced). */
        CREATED,
        /** The store already held exactly this thread, version and times included: nothing was written. */
        UNCHANGED,
        /** The store held another state of the thread, and {@code replace} allowed the restore to overwrite it. */
        REPLACED
    }

    /**
     * Writes the thread exactly as given, in one transaction: all of it or nothing. Messages are stored in
     * sequence order and attachment bytes are dropped (attachments are written by reference, as they are
     * stored: no {@link dev.threadstore.FileStore} is involved, and a replaced thread's files are left alone).
     * The store's {@code timeToLive} does not apply: {@code expiresAt} is the thread's own, null included.
     *
     * <p>When the store holds a live thread with this id: if it equals the given one (every field, version and
     * times included), nothing is written and the outcome is {@link Outcome#UNCHANGED}; otherwise, with
     * {@code replace} the thread is overwritten whatever its version ({@link Outcome#REPLACED}), and without it
     * the restore is refused with a {@link ConcurrentUpdateException} and nothing is written. An expired thread
     * counts as absent.
     *
     * @param thread a whole thread as a store returned it: version 1 or more, every message placed (sequence
     *     above 0), no pending attachment
     * @param replace whether a different live thread with the same id may be overwritten
     * @return what the restore did
     * @throws IllegalArgumentException if the thread is at version 0, was read through a
     *     {@link dev.threadstore.MessageWindow window}, holds an unplaced message or a pending attachment
     *     ({@link #checkRestorable}); nothing is written
     * @throws ConcurrentUpdateException if the store holds a different live thread with this id and
     *     {@code replace} is false
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached (transient)
     * @throws NullPointerException if {@code thread} is null
     * @throws IllegalStateException if the store is closed
     */
    Outcome restore(ChatThread thread, boolean replace);

    /**
     * The restore of a store, if its backend has one: the store itself when it implements this interface,
     * else what its {@link ThreadStore#unwrap(Class) unwrap(ThreadRestore.class)} returns.
     *
     * @param store an open store
     * @return its restore, or empty when the backend cannot write a thread exactly as given
     * @throws NullPointerException if {@code store} is null
     * @throws IllegalStateException if {@code store} is closed and does not implement this interface
     */
    static Optional<ThreadRestore> of(ThreadStore store) {
        Objects.requireNonNull(store, "store");
        if (store instanceof ThreadRestore) {
            return Optional.of((ThreadRestore) store);
        }
        return store.unwrap(ThreadRestore.class);
    }

    /**
     * The checks every backend applies before a restore, so that all of them refuse the same input before they
     * write anything, and the thread as the store will keep it.
     *
     * @param thread the thread to restore
     * @return the thread with its messages in sequence order and its attachments' bytes dropped
     * @throws IllegalArgumentException if the thread is at version 0 (a new thread: {@code save} it), was read
     *     through a window, holds a message with sequence 0 (unplaced) or an attachment whose bytes are not stored
     *     yet ({@link AttachmentStatus#PENDING}); the message names the thread, and the message when one is at fault
     * @throws NullPointerException if {@code thread} is null
     */
    static ChatThread checkRestorable(ChatThread thread) {
        StoreWrites.requireWhole(thread);
        if (thread.version() < 1) {
            throw new IllegalArgumentException("Thread '" + thread.id() + "' is at version 0, a thread no store has"
                    + " written; restore writes a stored thread (version 1 or more) as it was. Save a new thread with"
                    + " save(thread).");
        }
        boolean sorted = true;
        boolean bytesDropped = false;
        int last = 0;
        List<Message> messages = new ArrayList<>(thread.messages().size());
        for (Message message : thread.messages()) {
            if (message.sequence() == 0) {
                throw new IllegalArgumentException("Message '" + message.id() + "' of thread '" + thread.id()
                        + "' has no sequence (0, unplaced); restore writes messages at the sequences they were"
                        + " stored at. Save the thread instead to have them placed.");
            }
            for (Attachment a : message.attachments()) {
                if (a.status() == AttachmentStatus.PENDING) {
                    throw new IllegalArgumentException("Message '" + message.id() + "' of thread '" + thread.id()
                            + "' holds a pending attachment ('" + a.filename() + "'); restore writes attachments by"
                            + " reference: store its bytes in a FileStore first and restore the stored reference.");
                }
            }
            sorted &= message.sequence() > last;
            last = message.sequence();
            Message stored = StoreWrites.withoutAttachmentBytes(message);
            bytesDropped |= stored != message;
            messages.add(stored);
        }
        if (sorted && !bytesDropped) {
            return thread;
        }
        messages.sort(Comparator.comparingInt(Message::sequence));
        return thread.toBuilder().messages(messages).build();
    }
}
