package dev.threadstore.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.threadstore.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code updateMessages} must write: stored messages that the new list still holds in order are kept
 * (matched greedily, so a window that dropped its oldest messages keeps the rest), the other stored ones are
 * removed, and the new list's remainder is added after them.
 *
 * @param kept stored messages to leave untouched, in order
 * @param removed stored messages to delete
 * @param added new messages to add at the end
 */
record MessageDiff(List<Message> kept, List<Message> removed, List<ChatMessage> added) {

    MessageDiff {
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    static MessageDiff of(List<Message> stored, List<ChatMessage> storedDecoded, List<ChatMessage> wanted) {
        List<Message> kept = new ArrayList<>();
        List<Message> removed = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < stored.size(); i++) {
            if (next < wanted.size() && storedDecoded.get(i).equals(wanted.get(next))) {
                kept.add(stored.get(i));
                next++;
            } else {
                removed.add(stored.get(i));
            }
        }
        return new MessageDiff(kept, removed, wanted.subList(next, wanted.size()));
    }

    boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty();
    }
}
