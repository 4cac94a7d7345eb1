package dev.threadstore.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.threadstore.Message;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What this store last wrote to each recently written thread: the version and update time it committed, and
 * the {@link Message} instances it stored, by sequence. A save of that same version then compares the
 * caller's messages by identity (records are immutable, so the same instance is an unchanged message): the
 * leading run of identical instances costs a reference comparison each, and only the others are hashed and
 * written, without reading the stored digests; an append checks its ids here instead of asking the database. An entry is trusted only when the locked thread row still shows its
 * version and update time, so an entry made stale by another process, by a racing write of this store or
 * by an eviction only sends the write back to the full path, never to a wrong one. Entries are replaced
 * after a commit, never changed in place; the cache is bounded by the number of messages it holds.
 */
final class WriteMemo {

    private static final long MAX_MESSAGES = 200_000;

    private final Cache<String, State> states = Caffeine.newBuilder()
            .maximumWeight(MAX_MESSAGES)
            .weigher((String id, State state) -> state.messages().size() + 1)
            .build();

    /**
     * A thread as this store committed it.
     *
     * @param version the committed version
     * @param updatedAt the committed update time
     * @param maxSequence the highest message sequence, 0 when there is none
     * @param messages the message instances written, by sequence; wrapped, not copied: the caller hands the
     *     list over and never changes it again
     */
    record State(long version, Instant updatedAt, int maxSequence, List<Message> messages) {
        State {
            Objects.requireNonNull(updatedAt, "updatedAt");
            messages = Collections.unmodifiableList(messages);
        }

        boolean describes(ThreadMapper.ThreadHead head) {
            return head.version() == version && updatedAt.equals(head.updatedAt());
        }

        /** @return the stored message with this id (a scan: appends look up one or a few ids) */
        Optional<Message> find(String id) {
            for (Message m : messages) {
                if (m.id().equals(id)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** @return the remembered state if it still describes the locked row */
    Optional<State> matching(String threadId, ThreadMapper.ThreadHead head) {
        State state = states.getIfPresent(threadId);
        return state != null && state.describes(head) ? Optional.of(state) : Optional.empty();
    }

    /** Remembers a committed state, unless a newer one of the same thread is already remembered. */
    void committed(String threadId, State state) {
        states.asMap().merge(threadId, state, (old, now) -> old.version() > now.version() ? old : now);
    }

    void forget(String threadId) {
        states.invalidate(threadId);
    }

    void clear() {
        states.invalidateAll();
    }
}
