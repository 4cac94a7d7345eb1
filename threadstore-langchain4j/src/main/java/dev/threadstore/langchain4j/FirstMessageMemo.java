package dev.threadstore.langchain4j;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ThreadStoreChatMemory} knows of its thread's first message (the system message a window shows
 * first when it has none of its own), so that {@code messages()} is one read of the store, not two.
 *
 * <p>Only a save, a restore or a delete can change a thread's first message; an append places its messages after
 * the last. Every write changes the version, and an append that adds messages adds exactly one (the TCK's
 * contract). So the first message read at version {@code v} is still the first message at version {@code v + k}
 * when the k writes in between were all appends of this memory. The memory counts its appends (started, finished,
 * and committed: returned without an exception): a read is compared with the memo only against the appends counted
 * before it began, so a write of another memory or process, or an append whose outcome is unknown, makes the
 * version run ahead of the count and the memo unusable, never wrong. A memo is recorded only from a read no
 * append of this memory overlapped, so its version includes exactly the counted appends. A thread deleted and
 * created again has another creation time.
 */
final class FirstMessageMemo {

    /** The first message (null when it is not a system message), as of a version and a count of appends. */
    private record Known(Instant createdAt, long version, long appends, @Nullable Message system) {
    }

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private volatile @Nullable Known known;

    /** A moment's count of this memory's appends, taken before a read. */
    record Count(long started, long finished, long committed) {
        /** @return whether no append was running at this count, nor started or finished until {@code later} */
        boolean quietUntil(Count later) {
            return started == finished && equals(later);
        }
    }

    /** @return the count now, to take before a read */
    Count count() {
        long f = finished.get();
        long c = committed.get();
        long s = started.get();
        return new Count(s, f, c);
    }

    /** Call before every append of this memory, and {@link #appended} after it. */
    void appending() {
        started.incrementAndGet();
    }

    /**
     * @param success whether the append returned: it then added one version (the memory's messages always have
     *     new ids)
     */
    void appended(boolean success) {
        if (success) {
            committed.incrementAndGet();
        }
        finished.incrementAndGet();
    }

    /**
     * @param read a window read of the thread, begun at {@code before}
     * @param before the count taken before that read
     * @param after the count taken after it
     * @return the thread's first message if it is a system message (empty if it is not), when the memo still
     *     knows it for this read; null when it does not and the first message must be read
     */
    @SuppressWarnings("NullableOptional") // null: not known here; empty: known, and not a system message
    @Nullable Optional<Message> firstSystemMessage(ChatThread read, Count before, Count after) {
        Known k = known;
        if (k == null || !k.createdAt().equals(read.createdAt())
                || read.version() != k.version() + (before.committed() - k.appends())) {
            return null;
        }
        if (before.quietUntil(after)) {
            known = new Known(read.createdAt(), read.version(), before.committed(), k.system());
        }
        return Optional.ofNullable(k.system());
    }

    /**
     * Records the thread's first message as a read of it returned.
     *
     * @param read the read of the thread's first message, begun at {@code before}
     * @param first its first message, or null when it has none
     */
    void remember(ChatThread read, @Nullable Message first, Count before, Count after) {
        if (before.quietUntil(after)) {
            Message system = first != null && first.role() == dev.threadstore.Role.SYSTEM ? first : null;
            known = new Known(read.createdAt(), read.version(), before.committed(), system);
        }
    }
}
