package dev.threadstore.memory;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.MessageList;
import dev.threadstore.spi.ThreadQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One version of a stored thread: the immutable {@link ChatThread} readers get, whose messages are a
 * {@link MessageList}. Successive versions made by {@link #withAppended} (and a thread a caller extended with
 * {@link ChatThread#withMessage} from the one this store returned) share that list's storage and write only past
 * the end of the version they extend, so an append costs the same whatever the thread's length, and an older version
 * still sees exactly its own messages. Looking a message up by id is constant time, through the list's index.
 *
 * <p>Only the newest version of a thread is extended in place; should an older one be extended anyway, the list
 * copies itself rather than overwrite a newer version's messages.
 */
final class StoredThread {

    private final ChatThread thread;
    private final ThreadQueries.Position position;

    private StoredThread(ChatThread thread) {
        this.thread = thread;
        this.position = new ThreadQueries.Position(thread.updatedAt(), thread.createdAt(), thread.id());
    }

    /**
     * @param thread a thread in its stored form: messages placed and sorted by sequence, attachments
     *     without bytes, version and times stamped
     */
    static StoredThread of(ChatThread thread) {
        return new StoredThread(thread);
    }

    /**
     * The next version: these messages after the existing ones, the version incremented.
     *
     * @param added messages whose ids this thread does not hold, with sequences above {@link #maxSequence()}, in order
     * @param updatedAt the new update time
     * @param expiresAt the new expiry, or null
     */
    StoredThread withAppended(List<Message> added, Instant updatedAt, @Nullable Instant expiresAt) {
        return new StoredThread(thread.toBuilder().messages(messages().plus(added)).updatedAt(updatedAt)
                .version(thread.version() + 1).expiresAt(expiresAt).build());
    }

    private MessageList messages() {
        return (MessageList) thread.messages(); // what every ChatThread holds
    }

    /** @return the thread with its messages, as readers see it */
    ChatThread toThread() {
        return thread;
    }

    /**
     * @param window which messages
     * @return the thread with only the window's messages (a binary search over the messages, no copy of the rest)
     */
    ChatThread toThread(MessageWindow window) {
        if (window instanceof MessageWindow.All) {
            return thread;
        }
        return thread.toBuilder().messages(window.select(thread.messages())).window(window).build();
    }

    /** @return this version's place in listing order */
    ThreadQueries.Position position() {
        return position;
    }

    /** @return this version's summary; counts come from the message list, nothing is counted */
    ThreadSummary summary() {
        return new ThreadSummary(thread.id(), thread.title(), thread.attributes(), thread.source(), thread.createdAt(),
                thread.updatedAt(), thread.version(), thread.messages().size(), maxSequence(), thread.expiresAt());
    }

    /** @return this version's message with that id */
    Optional<Message> message(String messageId) {
        return messages().find(messageId);
    }

    /** @return the ids of this version's messages, in sequence order */
    List<String> messageIds() {
        return ids(thread.messages());
    }

    /**
     * @param earlier the version this one replaces, or null
     * @return the ids of the messages this version holds and {@code earlier} does not, without looking at the messages
     *     they share when this version extends it
     */
    List<String> messageIdsAddedSince(@Nullable StoredThread earlier) {
        if (earlier == null) {
            return messageIds();
        }
        if (messages().isExtensionOf(earlier.messages())) {
            return ids(messages().addedSince(earlier.messages()));
        }
        List<String> added = new ArrayList<>();
        for (Message m : thread.messages()) {
            if (!earlier.messages().containsId(m.id())) {
                added.add(m.id());
            }
        }
        return added;
    }

    /**
     * @param later the version that replaces this one
     * @return the ids of the messages this version holds and {@code later} does not (none when it extends this one)
     */
    List<String> messageIdsRemovedBy(StoredThread later) {
        if (later.messages().isExtensionOf(messages())) {
            return List.of();
        }
        List<String> removed = new ArrayList<>();
        for (Message m : thread.messages()) {
            if (!later.messages().containsId(m.id())) {
                removed.add(m.id());
            }
        }
        return removed;
    }

    private static List<String> ids(List<Message> messages) {
        List<String> ids = new ArrayList<>(messages.size());
        for (Message m : messages) {
            ids.add(m.id());
        }
        return ids;
    }

    /** @return the highest message sequence, 0 without messages */
    int maxSequence() {
        return thread.maxSequence();
    }

    /** @return how many messages this version holds */
    int messageCount() {
        return thread.messages().size();
    }

    String id() {
        return thread.id();
    }

    long version() {
        return thread.version();
    }

    Instant createdAt() {
        return thread.createdAt();
    }

    Instant updatedAt() {
        return thread.updatedAt();
    }

    @Nullable Instant expiresAt() {
        return thread.expiresAt();
    }

    /** @return whether this version has expired at {@code now} */
    boolean isExpiredAt(Instant now) {
        return thread.isExpiredAt(now);
    }

    Map<String, Object> attributes() {
        return thread.attributes();
    }

    @Nullable ThreadSource source() {
        return thread.source();
    }

    /** @return whether this version writes into the same message storage as the other (for tests) */
    boolean sharesMessagesWith(StoredThread other) {
        return messages().isExtensionOf(other.messages()) || other.messages().isExtensionOf(messages());
    }
}
