package dev.threadstore.springai;

import dev.threadstore.ValueLimits;
import java.util.Objects;

/** Checks a Spring AI conversation id before it is used as a thread id. */
final class ConversationIds {

    private ConversationIds() {
    }

    /**
     * @return the id, when it is a valid thread id
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is blank, longer than a thread id may be, or not valid UTF-16
     */
    static String require(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        if (conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId must not be blank: it is the threadstore thread id");
        }
        return ValueLimits.checkKey(conversationId, "conversationId (the threadstore thread id)");
    }
}
