package dev.threadstore.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.threadstore.Message;

/**
 * The digests ({@link MessageFingerprint}) of the messages a store writes, computed once per instance: messages
 * are immutable records, so an instance passed to save after save keeps its digest. Weak keys, so the memo never
 * keeps a message alive; bounded, so a store that writes millions of distinct messages stays small.
 */
final class MessageDigests {

    /** Made by the first {@link #of}: a store that only reads never loads Caffeine. */
    private final LazyCache<Message, String> digests = new LazyCache<>() {
        @Override
        protected Cache<Message, String> build() {
            return Caffeine.newBuilder()
                    .executor(Runnable::run) // upkeep on the calling thread: no pool thread woken per digest
                    .weakKeys().maximumSize(200_000).build();
        }
    };

    /** @return the message's digest */
    String of(Message message) {
        return digests.get().get(message, MessageFingerprint::of);
    }

    /**
     * The digest of a message a write inserts as new (an append's, or one a save adds), computed without keeping it:
     * a later save meets that message through the memo (by identity, which needs no digest), so caching it would
     * only cost the cache's upkeep (a weak reference, an eviction policy and its maintenance task per message).
     *
     * @return the message's digest
     */
    String ofInserted(Message message) {
        Cache<Message, String> cache = digests.ifBuilt();
        String known = cache == null ? null : cache.getIfPresent(message);
        return known != null ? known : MessageFingerprint.of(message);
    }
}
