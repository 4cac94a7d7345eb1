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

    private final Cache<Message, String> digests = Caffeine.newBuilder().weakKeys().maximumSize(200_000).build();

    /** @return the message's digest */
    String of(Message message) {
        return digests.get(message, MessageFingerprint::of);
    }
}
