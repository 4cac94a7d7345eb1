package dev.threadstore.springai;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.memory.ChatMemory;

/**
 * Spring AI's {@link ChatMemory} over a {@link ThreadStore}, append-only: {@link #add} appends to the thread whose
 * id is the conversation id (creating it on the first add), {@link #get} reads only the last messages, and nothing
 * is ever deleted to keep the window: the whole history stays in the store. Use it in place of
 * {@code MessageWindowChatMemory}, for example under {@code MessageChatMemoryAdvisor}.
 *
 * <p>The window counts stored messages: the last {@code maxMessages} of them. A {@code ToolResponseMessage} with
 * several responses is stored as one message per response and comes back as one, so {@code get} may return fewer
 * than {@code maxMessages} messages. A window never starts with a tool result whose call it cut off: tool results
 * at the start of the window are dropped (the window is not extended back, so {@code get} stays within
 * {@code maxMessages}). Messages round-trip as described on {@link ThreadStoreChatMemoryRepository}; this class
 * adds no metadata.
 *
 * <p>Thread-safe: several chat memories, in one process or many, may add to one conversation at once and no
 * message is lost or duplicated (appends are atomic in the store).
 */
public final class ThreadStoreChatMemory implements ChatMemory {

    /** The window when none is set, as Spring AI's {@code MessageWindowChatMemory}. */
    public static final int DEFAULT_MAX_MESSAGES = 20;

    private final ThreadStore store;
    private final @Nullable FileStore fileStore;
    private final int maxMessages;
    private final SpringAiMessageCodec codec;

    private ThreadStoreChatMemory(Builder b) {
        this.store = b.store;
        this.fileStore = b.fileStore;
        this.maxMessages = b.maxMessages;
        this.codec = new SpringAiMessageCodec(b.fileStore, null);
    }

    /**
     * @param store the thread store; not closed by the chat memory
     * @return a builder
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(ThreadStore store) {
        return new Builder(Objects.requireNonNull(store, "store"));
    }

    /**
     * Appends the messages to the conversation's thread, creating it when there is none. Every message is mapped
     * before anything is written; media bytes go to the file store first and are deleted again if the append
     * fails. On an error nothing is written.
     *
     * @param conversationId the thread id
     * @param messages the messages, in order
     * @throws NullPointerException if an argument or a message is null
     * @throws IllegalArgumentException if {@code conversationId} is not a valid thread id, or a message cannot be
     *     stored (see {@link ThreadStoreChatMemoryRepository#saveAll}); the message names which
     */
    @Override
    public void add(String conversationId, List<org.springframework.ai.chat.messages.Message> messages) {
        String id = ConversationIds.require(conversationId);
        List<Message> encoded = codec.encode(Objects.requireNonNull(messages, "messages"));
        if (encoded.isEmpty()) {
            return;
        }
        StagedMessages staged = StagedMessages.stage(encoded, fileStore);
        try {
            appendOrCreate(id, staged.messages());
        } catch (RuntimeException e) {
            staged.deleteFiles(fileStore, e);
            throw e;
        }
    }

    /**
     * The conversation's last messages: at most {@code maxMessages} stored messages, without tool results at the
     * start whose call lies before the window.
     *
     * @param conversationId the thread id
     * @return the messages in order, empty when there is no such thread
     * @throws NullPointerException if {@code conversationId} is null
     * @throws IllegalArgumentException if {@code conversationId} is not a valid thread id
     * @throws IllegalStateException if a message holds media bytes and no file store is configured
     */
    @Override
    public List<org.springframework.ai.chat.messages.Message> get(String conversationId) {
        String id = ConversationIds.require(conversationId);
        List<Message> window = store.get(id, MessageWindow.last(maxMessages))
                .map(ChatThread::messages).orElseGet(List::of);
        return codec.decode(withoutLeadingToolResults(window));
    }

    /**
     * Deletes the conversation's thread (and, with a file store, its media files no other thread references).
     *
     * @param conversationId the thread id
     * @throws NullPointerException if {@code conversationId} is null
     * @throws IllegalArgumentException if {@code conversationId} is not a valid thread id
     */
    @Override
    public void clear(String conversationId) {
        String id = ConversationIds.require(conversationId);
        if (fileStore != null) {
            store.delete(id, fileStore);
        } else {
            store.delete(id);
        }
    }

    /** @return the window size: how many stored messages {@link #get} reads at most */
    public int maxMessages() {
        return maxMessages;
    }

    private void appendOrCreate(String id, List<Message> messages) {
        try {
            store.append(id, messages);
            return;
        } catch (ThreadNotFoundException absent) {
            // first add to this conversation
        }
        List<Message> placed = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            placed.add(messages.get(i).withSequence(i + 1));
        }
        try {
            store.save(ChatThread.builder().id(id).messages(placed).build());
        } catch (ConcurrentUpdateException createdMeanwhile) {
            store.append(id, messages);
        }
    }

    private static List<Message> withoutLeadingToolResults(List<Message> window) {
        int start = 0;
        while (start < window.size() && SpringAiMessageCodec.isToolResult(window.get(start))) {
            start++;
        }
        return window.subList(start, window.size());
    }

    /** Builds a {@link ThreadStoreChatMemory}. Not thread-safe. */
    public static final class Builder {
        private final ThreadStore store;
        private @Nullable FileStore fileStore;
        private int maxMessages = DEFAULT_MAX_MESSAGES;

        private Builder(ThreadStore store) {
            this.store = store;
        }

        /**
         * @param maxMessages how many stored messages {@code get} reads at most, at least 1 (default
         *     {@value ThreadStoreChatMemory#DEFAULT_MAX_MESSAGES})
         * @return this builder
         * @throws IllegalArgumentException if {@code maxMessages} is less than 1
         */
        public Builder maxMessages(int maxMessages) {
            if (maxMessages < 1) {
                throw new IllegalArgumentException("maxMessages must be at least 1, got " + maxMessages);
            }
            this.maxMessages = maxMessages;
            return this;
        }

        /**
         * @param fileStore where media bytes are stored and read from; not closed by the chat memory
         * @return this builder
         * @throws NullPointerException if {@code fileStore} is null
         */
        public Builder fileStore(FileStore fileStore) {
            this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
            return this;
        }

        /** @return the chat memory */
        public ThreadStoreChatMemory build() {
            return new ThreadStoreChatMemory(this);
        }
    }
}
