package dev.threadstore.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.threadstore.ChatThread;
import dev.threadstore.StoreConfigurationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The optional read cache of {@code get} results (option {@code cache}, a Caffeine spec). It must never
 * hand out a thread older than this store's last acknowledged write, even when a read and a write of the
 * same thread race: a reader loads outside any lock and could otherwise put back a thread that a write
 * committed over in the meantime.
 *
 * <p>Every write, after it commits, takes the next number of a store-wide counter and records it as its
 * thread's last write. A reader takes the counter before it loads and caches its result only if its thread's
 * last write is not newer; a writer caches its own result only if no other write of that thread happened
 * since it began, and otherwise drops the entry. So writes to other threads never stop a thread being cached.
 * Both decisions run inside {@code compute} on the thread's key, so they are ordered against each other. The
 * record of last writes is bounded: when it grows past {@value #MAX_TRACKED} threads it is emptied and its
 * floor raised to the counter, which only makes the reads in flight at that moment not cache their result.
 * Writes by other processes are not seen until the entry expires: size the expiry to what the application
 * tolerates. Without the option the store holds {@link #NONE}, which caches nothing and keeps no record.
 */
final class ReadCache {

    static final int MAX_TRACKED = 10_000;

    /** No cache: every method does nothing, {@link #get} finds nothing. */
    static final ReadCache NONE = new ReadCache(null);

    private final @Nullable Cache<String, ChatThread> cache;
    private final AtomicLong writes = new AtomicLong();
    private final Map<String, Long> lastWrites = new HashMap<>();
    private long floor;

    private ReadCache(@Nullable Cache<String, ChatThread> cache) {
        this.cache = cache;
    }

    static ReadCache from(String spec) {
        try {
            return new ReadCache(Caffeine.from(spec).build());
        } catch (IllegalArgumentException e) {
            throw new StoreConfigurationException("Option 'cache' must be a Caffeine spec such as "
                    + "'maximumSize=10000,expireAfterWrite=60s', got '" + spec + "': " + e.getMessage(), e);
        }
    }

    Optional<ChatThread> get(String threadId) {
        return cache == null ? Optional.empty() : Optional.ofNullable(cache.getIfPresent(threadId));
    }

    /** @return the stamp to pass to {@link #loaded} or {@link #written} once the database call returns */
    long stamp() {
        return writes.get();
    }

    void loaded(String threadId, ChatThread thread, long stamp) {
        if (cache == null) {
            return;
        }
        cache.asMap().compute(threadId, (id, current) -> lastWrite(id) <= stamp ? thread : current);
    }

    /**
     * Records a committed write.
     *
     * @param threadId the thread written
     * @param stored the thread as stored
     * @param stamp the stamp taken before the write began
     */
    void written(String threadId, ChatThread stored, long stamp) {
        if (cache == null) {
            return;
        }
        cache.asMap().compute(threadId, (id, current) -> record(id) <= stamp ? stored : null);
    }

    /** Records a committed write whose result is not known here (an append, a delete). */
    void invalidated(String threadId) {
        if (cache == null) {
            return;
        }
        cache.asMap().compute(threadId, (id, current) -> {
            record(id);
            return null;
        });
    }

    void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    private synchronized long lastWrite(String threadId) {
        return lastWrites.getOrDefault(threadId, floor);
    }

    /** @return the thread's last write before this one */
    private synchronized long record(String threadId) {
        long before = lastWrite(threadId);
        if (lastWrites.size() >= MAX_TRACKED) {
            floor = writes.get();
            lastWrites.clear();
        }
        lastWrites.put(threadId, writes.incrementAndGet());
        return before;
    }
}
