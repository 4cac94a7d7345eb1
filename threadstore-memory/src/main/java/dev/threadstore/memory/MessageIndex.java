package dev.threadstore.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which threads hold each message id: what {@code getThreadByMessageId} looks up. A message id maps to
 * the ids of the threads holding it (usually one; callers may reuse an id in several threads).
 *
 * <p>Each (message, thread) pair is counted rather than merely recorded: {@link #add} and {@link #remove}
 * each change the count by one. The store changes a thread's pairs inside that thread's {@code compute},
 * but Caffeine may report an eviction of the thread's old version around a {@code compute} that
 * re-creates it, in either order; with counts, the outcome does not depend on that order. Readers must
 * still check the thread they find, since the index may run a moment ahead of the published thread.
 * Thread-safe; the lists held are immutable and replaced whole.
 */
final class MessageIndex {

    private final ConcurrentMap<String, List<String>> threadIdsByMessageId = new ConcurrentHashMap<>();

    /** Records that the thread holds each of the messages. */
    void add(String threadId, Collection<String> messageIds) {
        for (String messageId : messageIds) {
            threadIdsByMessageId.merge(messageId, List.of(threadId), (held, added) -> {
                List<String> more = new ArrayList<>(held.size() + 1);
                more.addAll(held);
                more.add(threadId);
                return List.copyOf(more);
            });
        }
    }

    /** Records that the thread no longer holds each of the messages. */
    void remove(String threadId, Collection<String> messageIds) {
        for (String messageId : messageIds) {
            threadIdsByMessageId.computeIfPresent(messageId, (id, held) -> {
                List<String> fewer = new ArrayList<>(held);
                fewer.remove(threadId);
                return fewer.isEmpty() ? null : List.copyOf(fewer);
            });
        }
    }

    /** @return the ids of the threads that may hold the message, each once */
    List<String> threadIds(String messageId) {
        return threadIdsByMessageId.getOrDefault(messageId, List.of()).stream().distinct().toList();
    }

    /** @return how many message ids are indexed (for tests) */
    int size() {
        return threadIdsByMessageId.size();
    }

    void clear() {
        threadIdsByMessageId.clear();
    }
}
