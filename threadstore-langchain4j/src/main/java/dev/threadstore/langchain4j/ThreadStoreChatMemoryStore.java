package dev.threadstore.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.StoredFile;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link ChatMemoryStore} on a {@link ThreadStore}: one thread per memory, the memory id's
 * {@code toString()} being the thread id. Use it under LangChain4j's own chat memories, e.g.
 * {@code MessageWindowChatMemory.builder().id(id).maxMessages(20).chatMemoryStore(new
 * ThreadStoreChatMemoryStore(store)).build()}; for append-only storage with a windowed read use
 * {@link ThreadStoreChatMemory} instead.
 *
 * <p>{@link #updateMessages} writes only the difference with what is stored: stored messages that the new list
 * still holds, in order, are left untouched; the ones it dropped are deleted; the rest is appended. A list that
 * only grows costs one {@link ThreadStore#append} of the new messages. Every message type LangChain4j ships
 * except {@code CustomMessage} round-trips exactly (see {@link ThreadStoreChatMemory} for the mapping); base64
 * image, audio and PDF data needs a {@link FileStore}, where it is kept as an attachment. The files of messages
 * that {@code updateMessages} deletes stay in the FileStore until {@link ThreadStore#collectOrphans} removes them.
 *
 * <p>Thread-safe. Concurrent {@code updateMessages} on one memory are serialised by the thread's version: a
 * writer that lost the race reads again and retries, a bounded number of times.
 */
public final class ThreadStoreChatMemoryStore implements ChatMemoryStore {

    private static final int MAX_ATTEMPTS = 16;

    private final ThreadStore store;
    private final @Nullable FileStore fileStore;
    private final MessageCodec codec;

    /**
     * A store without a FileStore: messages holding base64 data are refused.
     *
     * @param store the thread store; not closed by this class
     * @throws NullPointerException if {@code store} is null
     */
    public ThreadStoreChatMemoryStore(ThreadStore store) {
        this(store, null);
    }

    /**
     * A store that keeps base64 contents as attachments in {@code fileStore}.
     *
     * @param store the thread store; not closed by this class
     * @param fileStore where base64 data goes, or null to refuse it
     * @throws NullPointerException if {@code store} is null
     */
    public ThreadStoreChatMemoryStore(ThreadStore store, @Nullable FileStore fileStore) {
        this.store = Objects.requireNonNull(store, "store");
        this.fileStore = fileStore;
        this.codec = new MessageCodec(fileStore);
    }

    /**
     * @param memoryId the memory id; its {@code toString()} is the thread id
     * @return every message of the thread, in order; empty when there is no such thread
     * @throws NullPointerException if {@code memoryId} is null
     * @throws IllegalArgumentException if the id is not a valid thread id
     */
    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        String threadId = MemoryIds.threadId(memoryId);
        return store.get(threadId).map(thread -> decode(thread.messages())).orElseGet(ArrayList::new);
    }

    /**
     * Makes the thread hold exactly {@code messages}, writing only the difference; creates the thread if needed.
     *
     * @param memoryId the memory id; its {@code toString()} is the thread id
     * @param messages the whole conversation, in order
     * @throws NullPointerException if an argument or a message is null
     * @throws IllegalArgumentException if the id is not a valid thread id or a message holds something the
     *     mapping cannot carry; nothing is written then
     * @throws ConcurrentUpdateException if other writers kept winning the race for this thread
     */
    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String threadId = MemoryIds.threadId(memoryId);
        Objects.requireNonNull(messages, "messages");
        messages.forEach(codec::check);
        for (int attempt = 1; ; attempt++) {
            try {
                update(threadId, messages);
                return;
            } catch (ConcurrentUpdateException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void update(String threadId, List<ChatMessage> messages) {
        Optional<ChatThread> existing = store.get(threadId);
        ChatThread thread = existing.orElseGet(() -> ChatThread.builder().id(threadId).build());
        MessageDiff diff = MessageDiff.of(thread.messages(), decode(thread.messages()), messages);
        if (diff.isEmpty()) {
            return;
        }
        List<MessageCodec.Encoded> added = encodeAll(diff.added());
        List<Message> toAdd = added.stream().map(MessageCodec.Encoded::message).toList();
        try {
            if (existing.isPresent() && diff.removed().isEmpty()) {
                store.append(threadId, toAdd);
                return;
            }
            store.save(thread.toBuilder().messages(placeAfter(diff.kept(), toAdd, lastSequence(thread))).build());
        } catch (RuntimeException e) {
            codec.deleteQuietly(filesOf(added), e);
            throw e;
        }
    }

    // New messages go after every stored sequence, deleted ones included, so no sequence is reused in one save.
    private static List<Message> placeAfter(List<Message> kept, List<Message> added, int lastSequence) {
        List<Message> all = new ArrayList<>(kept.size() + added.size());
        all.addAll(kept);
        int next = lastSequence;
        for (Message message : added) {
            all.add(message.withSequence(++next));
        }
        return all;
    }

    private static int lastSequence(ChatThread thread) {
        return thread.messages().isEmpty() ? 0 : thread.messages().get(thread.messages().size() - 1).sequence();
    }

    private List<MessageCodec.Encoded> encodeAll(List<ChatMessage> messages) {
        List<MessageCodec.Encoded> encoded = new ArrayList<>();
        try {
            for (ChatMessage message : messages) {
                encoded.add(codec.encode(message));
            }
            return encoded;
        } catch (RuntimeException e) {
            codec.deleteQuietly(filesOf(encoded), e);
            throw e;
        }
    }

    private static List<StoredFile> filesOf(List<MessageCodec.Encoded> encoded) {
        return encoded.stream().flatMap(e -> e.storedFiles().stream()).toList();
    }

    private List<ChatMessage> decode(List<Message> messages) {
        List<ChatMessage> decoded = new ArrayList<>(messages.size());
        for (Message message : messages) {
            decoded.add(codec.decode(message));
        }
        return decoded;
    }

    /**
     * Deletes the memory's thread, and with a FileStore its attachment files that no other thread shares.
     *
     * @param memoryId the memory id; its {@code toString()} is the thread id
     * @throws NullPointerException if {@code memoryId} is null
     * @throws IllegalArgumentException if the id is not a valid thread id
     */
    @Override
    public void deleteMessages(Object memoryId) {
        String threadId = MemoryIds.threadId(memoryId);
        if (fileStore == null) {
            store.delete(threadId);
        } else {
            store.delete(threadId, fileStore);
        }
    }
}
