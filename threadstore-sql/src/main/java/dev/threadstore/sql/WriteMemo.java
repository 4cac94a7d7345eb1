package dev.threadstore.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * What this store last wrote to each recently written thread: the version and update time it committed, and
 * the {@link Message} instances it stored, by sequence. A save of that same version then compares the
 * caller's messages by identity (records are immutable, so the same instance is an unchanged message): the
 * leading run of identical instances costs a reference comparison each, and only the others are hashed and
 * written, without reading the stored digests; an append checks its ids here instead of asking the database.
 * An entry is trusted only when the locked thread row still shows its version and update time, so an entry
 * made stale by another process, by a racing write of this store or by an eviction only sends the write back
 * to the full path, never to a wrong one. Entries are replaced after a commit, never changed in place; the
 * cache is bounded by the number of messages it holds.
 *
 * <p>An append must cost work in the messages it appends, not in the thread's length. So the messages of a
 * state are a {@link MessageLog}: the list a save handed over (never copied) followed by an append-only tail
 * that successive appends share, each state seeing its own prefix; ids are found through an index built once
 * per saved list, on the first lookup.
 */
final class WriteMemo {

    private static final long MAX_MESSAGES = 200_000;

    /** Made by the first commit: a store that only reads never loads Caffeine. */
    private final LazyCache<String, State> states = new LazyCache<>() {
        @Override
        protected Cache<String, State> build() {
            return Caffeine.newBuilder()
                    .executor(Runnable::run) // upkeep on the writing thread: no pool thread woken per write
                    .maximumWeight(MAX_MESSAGES)
                    .weigher((String id, State s) -> s.size + 1)
                    .build();
        }
    };

    /**
     * A thread as this store committed it: its version, update time, highest sequence and messages, and the header
     * (title, attributes, source, creation time) it saved, which an append leaves as it was.
     */
    static final class State {
        private final long version;
        private final Instant updatedAt;
        private final int maxSequence;
        private final MessageLog log;
        private final int size;
        private final ChatThread header;

        private State(long version, Instant updatedAt, int maxSequence, MessageLog log, int size, ChatThread header) {
            this.version = version;
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            this.maxSequence = maxSequence;
            this.log = log;
            this.size = size;
            this.header = header;
        }

        /**
         * @param saved the thread as a save committed it: its version, update time and header are remembered
         * @param maxSequence the highest message sequence, 0 when there is none
         * @param messages the message instances written, by sequence (the saved thread's own list); kept, not
         *     copied: the caller hands the list over and never changes it again
         * @return the state
         */
        static State of(ChatThread saved, int maxSequence, List<Message> messages) {
            ChatThread header = saved.messages().isEmpty() && saved.window() == null ? saved
                    : new ChatThread(saved.id(), saved.title(), List.of(), saved.attributes(), saved.source(),
                            saved.createdAt(), saved.updatedAt(), saved.version(), null, saved.expiresAt());
            return new State(saved.version(), saved.updatedAt(), maxSequence, new MessageLog(messages),
                    messages.size(), header);
        }

        long version() {
            return version;
        }

        int maxSequence() {
            return maxSequence;
        }

        Instant updatedAt() {
            return updatedAt;
        }

        boolean describes(Rows.ThreadHead head) {
            return head.version() == version && updatedAt.equals(head.updatedAt());
        }

        /**
         * Whether a read may be answered from this state: the probed row shows its version, update time, creation
         * time and highest sequence. Every write bumps the version and stamps a later update time, so a row
         * another process (or a racing write of this store) changed does not match.
         *
         * @param probe the row as {@link ThreadMapper#probeThread} read it
         */
        boolean answers(Rows.ThreadHead probe) {
            Integer probedMax = probe.maxSequence();
            return describes(probe) && header.createdAt().equals(probe.createdAt())
                    && probedMax != null && probedMax == maxSequence;
        }

        /**
         * @param window the window to read, or {@link MessageWindow#all()}
         * @param expiresAt the expiry the probed row shows (an append may have renewed it in SQL)
         * @return the thread as a read of the database returns it, when {@link #answers} the probed row
         */
        ChatThread thread(MessageWindow window, @Nullable Instant expiresAt) {
            List<Message> all = messages();
            List<Message> selected = window instanceof MessageWindow.All ? all : window.select(all);
            return new ChatThread(header.id(), header.title(), selected, header.attributes(), header.source(),
                    header.createdAt(), updatedAt, version, window, expiresAt);
        }

        /** @return the messages, by sequence: a view, not a copy */
        List<Message> messages() {
            return new Prefix(log, size);
        }

        /** @return the stored message with this id, found through the log's index */
        Optional<Message> find(String id) {
            return Optional.ofNullable(log.find(id, size));
        }

        /**
         * @param added the messages an append committed after this state, by sequence; read once
         * @return the state after that append; shares this state's log when nothing else was appended to it
         */
        State appended(long version, Instant updatedAt, int maxSequence, List<Message> added) {
            MessageLog next = log.append(size, added);
            return new State(version, updatedAt, maxSequence, next, size + added.size(), header);
        }
    }

    /**
     * A saved list of messages followed by an append-only tail. Element {@code i} never changes once written,
     * so a state that has seen {@code size} elements reads them without a lock: they were written before the
     * state was published. Appends and the id index are guarded by the log's monitor.
     */
    private static final class MessageLog {
        private final List<Message> base;
        private volatile Message[] tail = new Message[0];
        private int length;
        private @Nullable Map<String, Integer> index;

        MessageLog(List<Message> base) {
            this.base = base;
            this.length = base.size();
        }

        Message get(int i) {
            int baseSize = base.size();
            return i < baseSize ? base.get(i) : tail[i - baseSize];
        }

        synchronized @Nullable Message find(String id, int size) {
            if (index == null) {
                Map<String, Integer> ids = new HashMap<>(Math.max(16, length * 2));
                int i = 0;
                for (Message m : base) {
                    ids.put(m.id(), i++);
                }
                for (int t = 0; t < length - base.size(); t++) {
                    ids.put(tail[t].id(), i++);
                }
                index = ids;
            }
            Integer at = index.get(id);
            return at != null && at < size ? get(at) : null;
        }

        /** @return this log with the messages added after its first {@code size}, or a new log if it has moved on */
        synchronized MessageLog append(int size, List<Message> added) {
            if (size != length) {
                MessageLog copy = new MessageLog(List.copyOf(new Prefix(this, size)));
                return copy.append(size, added);
            }
            int baseSize = base.size();
            Message[] grown = tail;
            int needed = length - baseSize + added.size();
            if (needed > grown.length) {
                grown = Arrays.copyOf(grown, Math.max(needed, grown.length * 2 + 8));
            }
            int at = length - baseSize;
            for (Message m : added) {
                grown[at] = m;
                if (index != null) {
                    index.put(m.id(), baseSize + at);
                }
                at++;
            }
            tail = grown;
            length += added.size();
            return this;
        }
    }

    /** The first {@code size} messages of a log. */
    private static final class Prefix extends AbstractList<Message> implements RandomAccess {
        private final MessageLog log;
        private final int size;

        Prefix(MessageLog log, int size) {
            this.log = log;
            this.size = size;
        }

        @Override
        public Message get(int index) {
            Objects.checkIndex(index, size);
            return log.get(index);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** @return the remembered state if it still describes the locked row */
    Optional<State> matching(String threadId, Rows.ThreadHead head) {
        State state = remembered(threadId);
        return state != null && state.describes(head) ? Optional.of(state) : Optional.empty();
    }

    /**
     * @return the remembered state, not checked against the database: a write may use it only under a statement
     *     that checks the row still shows its version and update time
     */
    @Nullable State remembered(String threadId) {
        Cache<String, State> cache = states.ifBuilt();
        return cache == null ? null : cache.getIfPresent(threadId);
    }

    /** Remembers a committed state, unless a newer one of the same thread is already remembered. */
    void committed(String threadId, State state) {
        states.get().asMap().merge(threadId, state, (old, now) -> old.version > now.version ? old : now);
    }

    void forget(String threadId) {
        Cache<String, State> cache = states.ifBuilt();
        if (cache != null) {
            cache.invalidate(threadId);
        }
    }

    void clear() {
        Cache<String, State> cache = states.ifBuilt();
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
