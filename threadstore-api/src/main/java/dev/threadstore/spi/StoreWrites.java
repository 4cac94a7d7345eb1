package dev.threadstore.spi;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The argument checks and normalisation that every backend applies before a write, so that all of them
 * accept and reject exactly the same input (the TCK pins it). A backend calls these first, before it
 * takes any lock or opens any transaction, so bad input changes nothing.
 */
public final class StoreWrites {

    private StoreWrites() {
    }

    /**
     * The messages of a thread as {@code save} stores them: unplaced messages (sequence 0) after the
     * highest sequence in list order, attachment bytes dropped, sorted by sequence.
     *
     * @param thread the thread to save
     * @return the messages to store
     * @throws IllegalArgumentException if a message holds an attachment whose bytes are not yet in a FileStore,
     *     or the thread was read through a window ({@link #requireWhole})
     * @throws NullPointerException if {@code thread} is null
     */
    public static List<Message> messagesToSave(ChatThread thread) {
        requireWhole(thread);
        if (thread.hasPendingAttachments()) {
            throw new IllegalArgumentException("Thread '" + thread.id() + "' holds an attachment whose bytes are not"
                    + " stored yet; a FileStore is required: use save(thread, fileStore)");
        }
        MessageList held = MessageList.copyOf(thread.messages()); // what a ChatThread holds: no copy
        if (held.isPlacedInOrder() && !held.holdsAttachmentBytes()) {
            return held; // the common case, a thread a store returned plus new messages: known without a scan
        }
        int sequence = thread.maxSequence();
        List<Message> messages = new ArrayList<>(thread.messages().size());
        for (Message message : thread.messages()) {
            Message placed = message.sequence() == 0 ? message.withSequence(++sequence) : message;
            messages.add(withoutAttachmentBytes(placed));
        }
        messages.sort(Comparator.comparingInt(Message::sequence));
        return messages;
    }

    /**
     * Refuses a thread read through a {@link dev.threadstore.MessageWindow}: it holds only some of its messages,
     * and saving it would delete the others.
     *
     * @param thread the thread to save
     * @return the thread
     * @throws IllegalArgumentException if the thread has a {@link ChatThread#window() window}
     * @throws NullPointerException if {@code thread} is null
     */
    public static ChatThread requireWhole(ChatThread thread) {
        Objects.requireNonNull(thread, "thread");
        if (thread.window() != null) {
            throw new IllegalArgumentException("Thread '" + thread.id() + "' is windowed (read through "
                    + thread.window() + ") and holds only some of its messages; saving it would delete the others."
                    + " Append new messages with append(threadId, messages), or get(threadId) the whole thread and"
                    + " save that.");
        }
        return thread;
    }

    private static boolean carriesBytes(Message message) {
        for (Attachment a : message.attachments()) {
            if (a.hasContent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the arguments of {@code append} and returns the messages as they will be stored (attachment
     * bytes dropped; sequences are the store's to assign).
     *
     * @param threadId the thread appended to
     * @param messages the messages
     * @return the messages to append, in order
     * @throws NullPointerException if an argument or a message is null
     * @throws IllegalArgumentException if the id is not valid Unicode, a message holds a pending attachment,
     *     or two messages share an id
     */
    public static List<Message> messagesToAppend(String threadId, List<Message> messages) {
        checkKey(threadId, "threadId");
        Objects.requireNonNull(messages, "messages");
        List<Message> incoming = new ArrayList<>(messages.size());
        Set<String> ids = new HashSet<>();
        for (Message message : messages) {
            Objects.requireNonNull(message, "message");
            if (message.hasPendingAttachments()) {
                throw new IllegalArgumentException("Message '" + message.id() + "' holds an attachment whose bytes are"
                        + " not stored yet; append cannot store files: save(thread, fileStore) the thread instead");
            }
            if (!ids.add(message.id())) {
                throw new IllegalArgumentException("Two of the messages appended to thread '" + threadId
                        + "' have the id '" + message.id() + "'; message ids must be unique within a thread");
            }
            incoming.add(withoutAttachmentBytes(message));
        }
        return incoming;
    }

    /**
     * Checks a key the caller looks a thread up by. It must be valid Unicode: a driver would turn an
     * unpaired surrogate into '?', and the call would then reach another thread.
     *
     * @param value the id or name
     * @param name the argument's name, for the message
     * @return the value
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it holds an unpaired surrogate
     */
    public static String checkKey(String value, String name) {
        Objects.requireNonNull(value, name);
        return JsonValues.checkText(value, name);
    }

    /**
     * A message as a store keeps it.
     *
     * @param message a message
     * @return the message with its attachments' bytes dropped: stores keep metadata only
     * @throws NullPointerException if {@code message} is null
     */
    public static Message withoutAttachmentBytes(Message message) {
        if (!carriesBytes(message)) {
            return message;
        }
        List<Attachment> metadata = message.attachments().stream()
                .map(a -> !a.hasContent() ? a : new Attachment(a.filename(), null, a.mimeType(), a.attributes(),
                        a.fileId(), a.storagePath(), a.storageBackend(), a.status(), a.size(), a.sha256()))
                .toList();
        return message.toBuilder().attachments(metadata).build();
    }
}
