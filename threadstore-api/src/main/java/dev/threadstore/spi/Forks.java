package dev.threadstore.spi;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.ValueLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The argument checks, errors and result of {@link dev.threadstore.ThreadStore#fork}, shared by every backend so
 * that all of them fork alike: checked before any lock or transaction, the fork's shape decided here.
 */
public final class Forks {

    /** The attribute a fork gets: {@code {"threadId": <the original's id>, "sequence": <throughSequence>}}. */
    public static final String FORKED_FROM = "forkedFrom";

    private Forks() {
    }

    /**
     * Checks what can be checked without reading the store.
     *
     * @param threadId the thread forked
     * @param throughSequence the highest sequence copied
     * @param newThreadId the fork's id
     * @throws NullPointerException if an id is null
     * @throws IllegalArgumentException if an id is not a valid key, the new id is blank, or {@code throughSequence}
     *     is negative
     */
    public static void checkArguments(String threadId, int throughSequence, String newThreadId) {
        StoreWrites.checkKey(threadId, "threadId");
        ValueLimits.checkKey(newThreadId, "newThreadId");
        if (newThreadId.isBlank()) {
            throw new IllegalArgumentException("newThreadId must not be blank");
        }
        if (throughSequence < 0) {
            throw new IllegalArgumentException("throughSequence must not be negative, got " + throughSequence);
        }
    }

    /**
     * @param threadId the thread forked
     * @param throughSequence the highest sequence to copy
     * @param lastSequence the thread's highest sequence, 0 when it has no messages
     * @throws IllegalArgumentException if {@code throughSequence} is past the thread's last sequence
     * @throws NullPointerException if {@code threadId} is null
     */
    public static void checkThroughSequence(String threadId, int throughSequence, int lastSequence) {
        java.util.Objects.requireNonNull(threadId, "threadId");
        if (throughSequence > lastSequence) {
            throw new IllegalArgumentException("throughSequence " + throughSequence + " is past the last sequence of"
                    + " thread '" + threadId + "', " + lastSequence + "; nothing was forked");
        }
    }

    /**
     * @param newThreadId the fork's id
     * @return the error for a fork onto an id a thread already has
     * @throws NullPointerException if {@code newThreadId} is null
     */
    public static ConcurrentUpdateException idTaken(String newThreadId) {
        return new ConcurrentUpdateException(newThreadId, "Cannot fork onto newThreadId '" + newThreadId + "': a"
                + " thread with that id exists; nothing was forked. Choose another id.");
    }

    /**
     * The fork as it is stored: the original's title, attributes (plus {@link #FORKED_FROM}) and source, its
     * messages with sequences up to {@code throughSequence} unchanged, created and updated {@code now}, version 1,
     * no expiry (a store with a time to live gives it one, as to any new thread).
     *
     * @param original the original, holding at least its messages up to {@code throughSequence}
     * @param throughSequence the highest sequence copied
     * @param newThreadId the fork's id
     * @param now the time the store stamps
     * @return the fork
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code newThreadId} is not a valid thread id
     */
    public static ChatThread fork(ChatThread original, int throughSequence, String newThreadId, Instant now) {
        Objects.requireNonNull(original, "original");
        List<Message> messages = new ArrayList<>();
        for (Message m : original.messages()) {
            if (m.sequence() <= throughSequence) {
                messages.add(m);
            }
        }
        Map<String, Object> forkedFrom = new LinkedHashMap<>();
        forkedFrom.put("threadId", original.id());
        forkedFrom.put("sequence", (long) throughSequence);
        Map<String, Object> attributes = new LinkedHashMap<>(original.attributes());
        attributes.put(FORKED_FROM, forkedFrom);
        return original.toBuilder()
                .id(newThreadId)
                .messages(messages)
                .attributes(attributes)
                .createdAt(now)
                .updatedAt(now)
                .version(1)
                .window(null)
                .expiresAt(null)
                .build();
    }
}
