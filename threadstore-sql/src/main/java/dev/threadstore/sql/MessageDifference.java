package dev.threadstore.sql;

import dev.threadstore.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a save must write to turn the stored messages of a thread into the messages it is given: the step
 * between reading what is stored and writing, so it can be tested without a database. A message whose id is
 * new is inserted; one whose content changed is updated in place, or, when its sequence moved, deleted and
 * inserted again (so the unique sequence index never sees two rows at one place); a stored id no longer given
 * is deleted; the very instance that was stored is skipped without computing its digest.
 *
 * @param moved ids of changed messages whose sequence moved: deleted first, then inserted with {@code inserts}
 * @param removed ids of stored messages no longer in the thread
 * @param updates changed messages that kept their sequence
 * @param inserts new messages and moved ones, in the order given
 */
record MessageDifference(List<String> moved, List<String> removed, List<Digested> updates, List<Digested> inserts) {

    /**
     * A message with its digest, computed once.
     *
     * @param message the message
     * @param digest its digest
     */
    record Digested(Message message, String digest) {
        Digested {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(digest, "digest");
        }
    }

    MessageDifference {
        moved = List.copyOf(moved);
        removed = List.copyOf(removed);
        updates = List.copyOf(updates);
        inserts = List.copyOf(inserts);
    }

    /**
     * @param stored the stored messages that may differ, by id
     * @param given the messages to save that may differ, in sequence order
     * @param digests where digests come from
     * @return what to write
     */
    static MessageDifference between(Map<String, StoredMessage> stored, List<Message> given, MessageDigests digests) {
        Map<String, StoredMessage> left = new HashMap<>(stored);
        List<String> moved = new ArrayList<>();
        List<Digested> updates = new ArrayList<>();
        List<Digested> inserts = new ArrayList<>();
        for (Message m : given) {
            StoredMessage old = left.remove(m.id());
            if (old != null && old.message() == m) {
                continue;
            }
            if (old == null) {
                inserts.add(new Digested(m, digests.ofInserted(m)));
                continue;
            }
            String digest = digests.of(m);
            if (!old.digest(digests).equals(digest)) {
                if (old.sequence() == m.sequence()) {
                    updates.add(new Digested(m, digest));
                } else {
                    moved.add(m.id());
                    inserts.add(new Digested(m, digest));
                }
            }
        }
        return new MessageDifference(moved, List.copyOf(left.keySet()), updates, inserts);
    }

    /** @return the messages of a new thread, every one inserted */
    static MessageDifference allNew(List<Message> messages, MessageDigests digests) {
        List<Digested> inserts = new ArrayList<>(messages.size());
        for (Message m : messages) {
            inserts.add(new Digested(m, digests.ofInserted(m)));
        }
        return new MessageDifference(List.of(), List.of(), List.of(), inserts);
    }

    /**
     * Writes the difference within the save's transaction, in an order the unique indexes accept: deletes, then
     * updates (with their attachments replaced), then inserts.
     */
    void write(ThreadMapper mapper, String threadId, MessageWriter writer) {
        for (String id : moved) {
            mapper.deleteMessage(threadId, id);
        }
        for (String id : removed) {
            mapper.deleteMessage(threadId, id);
        }
        for (Digested u : updates) {
            writer.update(mapper, threadId, u.message(), u.digest());
        }
        for (Digested u : updates) {
            writer.deleteAttachments(mapper, threadId, u.message());
        }
        for (Digested u : updates) {
            writer.insertAttachments(mapper, threadId, u.message());
        }
        for (Digested i : inserts) {
            writer.insert(mapper, threadId, i.message(), i.digest());
        }
    }
}
