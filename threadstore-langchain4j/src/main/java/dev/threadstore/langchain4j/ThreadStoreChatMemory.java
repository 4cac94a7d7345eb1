package dev.threadstore.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.memory.ChatMemory;
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
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link ChatMemory} that keeps the whole conversation in a thread and shows the model a window
 * of it. {@link #add} appends (nothing is ever rewritten or evicted from storage); {@link #messages} reads
 * {@link MessageWindow#last(int) the last maxMessages} messages: one read of the store, plus one of the thread's
 * first message when the window starts past it and the memory does not know it yet ({@link FirstMessageMemo}).
 *
 * <pre>{@code
 * ChatMemory memory = ThreadStoreChatMemory.builder(store).id("user-42").maxMessages(20).build();
 * }</pre>
 *
 * <p>The window, like LangChain4j's {@code MessageWindowChatMemory}:
 * <ul>
 *   <li>never starts with a tool execution result whose request was cut off: such results are dropped from
 *       the window's start;</li>
 *   <li>keeps the system message. Adding a {@link SystemMessage} equal to the one the window already shows
 *       is a no-op (so {@code AiServices} adding it on every call stores it once); a different one is appended
 *       and from then on is the window's system message. When the window holds no system message and the
 *       thread's first message is one, that message is put first and the window holds one message fewer.
 *       Unlike {@code MessageWindowChatMemory}, an older system message is not deleted: it stays in the
 *       stored history, where it was.</li>
 * </ul>
 *
 * <p>Messages are mapped losslessly: {@code UserMessage} (name; text, image, audio and PDF contents),
 * {@code AiMessage} (text, thinking, tool execution requests with id, name and arguments),
 * {@code ToolExecutionResultMessage} (id, tool name, contents, {@code isError}), {@code SystemMessage}, and
 * the attributes of each, which must be JSON values (integers come back as {@code Long}). Text, names, tool
 * calls and image URLs go to the threadstore message's own fields; the rest to its {@code "langchain4j"}
 * attribute; base64 data to an attachment in the builder's {@link FileStore}. A {@code CustomMessage}, a
 * content of another kind (video), base64 data without a FileStore, or non-JSON attributes are refused with
 * {@link IllegalArgumentException} before anything is written.
 *
 * <p>Thread-safe: several memories (in one process or several) may add to one conversation at once; every
 * message is kept, in the order the store placed them.
 */
public final class ThreadStoreChatMemory implements ChatMemory {

    private final ThreadStore store;
    private final Object id;
    private final String threadId;
    private final int maxMessages;
    private final @Nullable FileStore fileStore;
    private final MessageCodec codec;
    private final FirstMessageMemo firsts = new FirstMessageMemo();

    private ThreadStoreChatMemory(Builder builder) {
        this.store = builder.store;
        this.id = Objects.requireNonNull(builder.id, "id is required: call builder(store).id(...)");
        this.threadId = MemoryIds.threadId(builder.id);
        this.maxMessages = builder.maxMessages;
        this.fileStore = builder.fileStore;
        this.codec = new MessageCodec(builder.fileStore);
    }

    /**
     * @param store the thread store; not closed by the memory
     * @return a builder; {@code id} is required, {@code maxMessages} defaults to 20
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(ThreadStore store) {
        return new Builder(store);
    }

    /** @return the memory id, as given to the builder */
    @Override
    public Object id() {
        return id;
    }

    /**
     * Appends the message to the thread, creating the thread on the first add. A system message equal to the
     * one {@link #messages()} shows is not stored again.
     *
     * @param message the message
     * @throws NullPointerException if {@code message} is null
     * @throws IllegalArgumentException if the message holds something the mapping cannot carry; nothing is
     *     written then
     */
    @Override
    public void add(ChatMessage message) {
        codec.check(message);
        if (message instanceof SystemMessage && message.equals(currentSystemMessage().orElse(null))) {
            return;
        }
        MessageCodec.Encoded encoded = codec.encode(message);
        try {
            append(List.of(encoded.message()));
        } catch (RuntimeException e) {
            codec.deleteQuietly(encoded.storedFiles(), e);
            throw e;
        }
    }

    private void append(List<Message> messages) {
        boolean appended = false;
        firsts.appending();
        try {
            try {
                store.append(threadId, messages);
            } catch (ThreadNotFoundException e) {
                createThread();
                store.append(threadId, messages);
            }
            appended = true;
        } finally {
            firsts.appended(appended);
        }
    }

    private void createThread() {
        try {
            store.save(ChatThread.builder().id(threadId).build());
        } catch (ConcurrentUpdateException e) {
            // Another memory created it first: append to that one.
        }
    }

    private Optional<ChatMessage> currentSystemMessage() {
        List<ChatMessage> window = messages();
        for (int i = window.size() - 1; i >= 0; i--) {
            if (window.get(i) instanceof SystemMessage) {
                return Optional.of(window.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * @return the last {@code maxMessages} messages, oldest first, without a leading tool result cut from its
     *     request, with the system message kept as the class comment says; empty when nothing was added
     * @throws IllegalStateException if a message holds attachment data and the memory has no FileStore
     */
    @Override
    public List<ChatMessage> messages() {
        FirstMessageMemo.Count before = firsts.count();
        Optional<ChatThread> thread = store.get(threadId, MessageWindow.last(maxMessages));
        FirstMessageMemo.Count after = firsts.count();
        if (thread.isEmpty()) {
            return new ArrayList<>();
        }
        List<Message> window = new ArrayList<>(thread.get().messages());
        if (!window.isEmpty() && window.stream().noneMatch(m -> m.role() == dev.threadstore.Role.SYSTEM)) {
            firstSystemMessage(thread.get(), window.get(0), before, after).ifPresent(system -> {
                if (window.size() == maxMessages) {
                    window.remove(0);
                }
                window.add(0, system);
            });
        }
        List<ChatMessage> messages = new ArrayList<>(window.size());
        for (Message message : window) {
            messages.add(codec.decode(message));
        }
        dropOrphanToolResults(messages);
        return messages;
    }

    /**
     * The thread's first message when it is a system message: known from an earlier read when only this memory's
     * appends happened since ({@link FirstMessageMemo}), else read.
     */
    private Optional<Message> firstSystemMessage(ChatThread read, Message windowStart, FirstMessageMemo.Count before,
                                                 FirstMessageMemo.Count after) {
        if (windowStart.sequence() <= 1) {
            return Optional.empty();
        }
        Optional<Message> known = firsts.firstSystemMessage(read, before, after);
        if (known != null) {
            return known;
        }
        FirstMessageMemo.Count headBefore = firsts.count();
        Optional<ChatThread> head = store.get(threadId, MessageWindow.after(0, 1));
        FirstMessageMemo.Count headAfter = firsts.count();
        Message first = head.flatMap(t -> t.messages().stream().findFirst()).orElse(null);
        head.ifPresent(t -> firsts.remember(t, first, headBefore, headAfter));
        return Optional.ofNullable(first).filter(m -> m.role() == dev.threadstore.Role.SYSTEM);
    }

    private static void dropOrphanToolResults(List<ChatMessage> messages) {
        int start = messages.isEmpty() || !(messages.get(0) instanceof SystemMessage) ? 0 : 1;
        while (messages.size() > start && messages.get(start) instanceof ToolExecutionResultMessage) {
            messages.remove(start);
        }
    }

    /**
     * Deletes the conversation's thread, and with a FileStore its attachment files that no other thread shares.
     */
    @Override
    public void clear() {
        if (fileStore == null) {
            store.delete(threadId);
        } else {
            store.delete(threadId, fileStore);
        }
    }

    /** Builds a {@link ThreadStoreChatMemory}. Not thread-safe; the memory it builds is. */
    public static final class Builder {

        private final ThreadStore store;
        private @Nullable Object id;
        private int maxMessages = 20;
        private @Nullable FileStore fileStore;

        private Builder(ThreadStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * @param id the memory id; its {@code toString()} is the thread id
         * @return this builder
         * @throws NullPointerException if {@code id} is null
         * @throws IllegalArgumentException if its text is not a valid thread id (blank, or too long)
         */
        public Builder id(Object id) {
            MemoryIds.threadId(id);
            this.id = id;
            return this;
        }

        /**
         * @param maxMessages how many messages {@link #messages()} returns at most; at least 1
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
         * @param fileStore where base64 image, audio and PDF data is kept, or null to refuse such data
         * @return this builder
         */
        public Builder fileStore(@Nullable FileStore fileStore) {
            this.fileStore = fileStore;
            return this;
        }

        /**
         * @return the memory
         * @throws NullPointerException if no id was given
         */
        public ThreadStoreChatMemory build() {
            return new ThreadStoreChatMemory(this);
        }
    }
}
