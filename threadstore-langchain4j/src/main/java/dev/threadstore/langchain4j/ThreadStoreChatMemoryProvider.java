package dev.threadstore.langchain4j;

import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.threadstore.FileStore;
import dev.threadstore.ThreadStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Gives {@code AiServices} one {@link ThreadStoreChatMemory} per memory id:
 * {@code AiServices.builder(Assistant.class).chatMemoryProvider(new ThreadStoreChatMemoryProvider(store, 20))}.
 * The memories hold no state of their own, so a new one per call costs nothing and two calls for one id see
 * the same conversation. Thread-safe.
 */
public final class ThreadStoreChatMemoryProvider implements ChatMemoryProvider {

    private final ThreadStore store;
    private final int maxMessages;
    private final @Nullable FileStore fileStore;

    /**
     * @param store the thread store; not closed by this class
     * @param maxMessages the window of each memory; at least 1
     * @throws NullPointerException if {@code store} is null
     * @throws IllegalArgumentException if {@code maxMessages} is less than 1
     */
    public ThreadStoreChatMemoryProvider(ThreadStore store, int maxMessages) {
        this(store, maxMessages, null);
    }

    /**
     * @param store the thread store; not closed by this class
     * @param maxMessages the window of each memory; at least 1
     * @param fileStore where base64 image, audio and PDF data is kept, or null to refuse such data
     * @throws NullPointerException if {@code store} is null
     * @throws IllegalArgumentException if {@code maxMessages} is less than 1
     */
    public ThreadStoreChatMemoryProvider(ThreadStore store, int maxMessages, @Nullable FileStore fileStore) {
        this.store = Objects.requireNonNull(store, "store");
        ThreadStoreChatMemory.builder(store).maxMessages(maxMessages);
        this.maxMessages = maxMessages;
        this.fileStore = fileStore;
    }

    /**
     * @param memoryId the memory id; its {@code toString()} is the thread id
     * @return the memory of that conversation
     * @throws NullPointerException if {@code memoryId} is null
     * @throws IllegalArgumentException if the id is not a valid thread id
     */
    @Override
    public ChatMemory get(Object memoryId) {
        return ThreadStoreChatMemory.builder(store).id(memoryId).maxMessages(maxMessages).fileStore(fileStore).build();
    }
}
