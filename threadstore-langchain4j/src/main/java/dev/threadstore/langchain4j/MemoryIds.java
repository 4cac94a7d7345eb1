package dev.threadstore.langchain4j;

import dev.threadstore.ValueLimits;
import java.util.Objects;

/** Turns a LangChain4j memory id into a thread id: its {@code toString()}, checked before any I/O. */
final class MemoryIds {

    private MemoryIds() {
    }

    /**
     * @param memoryId the memory id
     * @return the thread id
     * @throws NullPointerException if the memory id is null
     * @throws IllegalArgumentException if its text is not a valid thread id
     */
    static String threadId(Object memoryId) {
        Objects.requireNonNull(memoryId, "memoryId");
        String id = memoryId.toString();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("memory id " + (id == null ? "null" : "'" + id + "'")
                    + " is not a valid thread id: its toString() must not be blank");
        }
        try {
            return ValueLimits.checkKey(id, "thread id");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("memory id is not a valid thread id: " + e.getMessage(), e);
        }
    }
}
