package dev.threadstore.springai;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.memory.ChatMemoryRepository;

/**
 * Spring AI's {@link ChatMemoryRepository} over a {@link ThreadStore}: one thread per conversation, the
 * conversation id being the thread id. A drop-in for Spring AI's own repositories (for example under
 * {@code MessageWindowChatMemory}): {@link #findByConversationId} after {@link #saveAll} returns a list
 * {@linkplain Object#equals equal} to the one saved, in the same order, and {@code saveAll} replaces.
 *
 * <p>Unlike Spring AI's JDBC repository, {@code saveAll} writes only the difference. It maps the given messages,
 * compares them with the stored ones and finds the longest stored run they start with: those stored messages stay
 * untouched, stored messages before and after the run are deleted, the rest of the given messages are added after
 * it. Adding messages to a conversation therefore appends them; a kept prefix costs no writes.
 *
 * <p>What round-trips exactly: {@code UserMessage} (text, media), {@code SystemMessage}, {@code AssistantMessage}
 * (text or none, tool calls, media, properties), {@code ToolResponseMessage} with several responses (stored as one
 * TOOL message per response, grouped back on read), and metadata whose values are JSON values ({@code String},
 * numbers, {@code Boolean}, {@code null}, {@code List} and {@code Map<String, ?>} of them; top-level
 * {@code Integer}, {@code Short}, {@code Byte} and {@code Float} come back with their type, nested ones come back as
 * {@code Long} or {@code Double}). Media given by URL is stored as its URL (an image as an image part); media given
 * as bytes goes to the {@link FileStore} configured with {@link Builder#fileStore}, without which it is refused.
 * Metadata is stored as the thread message's attributes; the attribute {@value #ROUND_TRIP_ATTRIBUTE} is reserved
 * for what the threadstore record cannot say otherwise (media descriptors, number types, tool response grouping).
 *
 * <p>No metadata is added by default. With {@link Builder#exposeMessageIds exposeMessageIds(true)} each message read
 * carries its threadstore message id under {@value #MESSAGE_ID_METADATA_KEY}, and a message saved with that key is
 * stored under that id.
 *
 * <p>Thread-safe. {@code saveAll} on one conversation from several threads: each call is atomic (one save), a call
 * that loses a race re-reads and retries, the last one wins, as with Spring AI's own repositories.
 */
public final class ThreadStoreChatMemoryRepository implements ChatMemoryRepository {

    /** The metadata key under which {@code exposeMessageIds(true)} puts each message's threadstore id. */
    public static final String MESSAGE_ID_METADATA_KEY = "threadstoreMessageId";

    /** The message attribute reserved for round-trip data; a metadata entry with this key is refused. */
    public static final String ROUND_TRIP_ATTRIBUTE = SpringAiMessageCodec.ROUND_TRIP_KEY;

    private static final int SAVE_ATTEMPTS = 5;

    private final ThreadStore store;
    private final @Nullable FileStore fileStore;
    private final SpringAiMessageCodec codec;

    /**
     * A repository that exposes no message ids and refuses media bytes (no file store).
     *
     * @param store the thread store; not closed by this repository
     * @throws NullPointerException if {@code store} is null
     */
    public ThreadStoreChatMemoryRepository(ThreadStore store) {
        this(builder(store));
    }

    private ThreadStoreChatMemoryRepository(Builder b) {
        this.store = b.store;
        this.fileStore = b.fileStore;
        this.codec = new SpringAiMessageCodec(b.fileStore, b.exposeMessageIds ? MESSAGE_ID_METADATA_KEY : null);
    }

    /**
     * @param store the thread store
     * @return a builder
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(ThreadStore store) {
        return new Builder(Objects.requireNonNull(store, "store"));
    }

    /**
     * Every thread id of the store, most recently updated first. Every thread counts as a conversation, including
     * threads written by other means than this repository. Reads every thread: meant for administration, not for
     * the request path.
     *
     * @return the ids, never null
     */
    @Override
    public List<String> findConversationIds() {
        return store.listRecent().stream().map(ChatThread::id).toList();
    }

    /**
     * @param conversationId the thread id
     * @return the conversation's messages in order, empty when there is no such thread
     * @throws NullPointerException if {@code conversationId} is null
     * @throws IllegalArgumentException if {@code conversationId} is not a valid thread id
     * @throws IllegalStateException if a message holds media bytes and no file store is configured
     */
    @Override
    public List<org.springframework.ai.chat.messages.Message> findByConversationId(String conversationId) {
        String id = ConversationIds.require(conversationId);
        return store.get(id).map(t -> codec.decode(t.messages())).orElseGet(List::of);
    }

    /**
     * Replaces the conversation's messages with the given ones, writing only the difference (see the class
     * comment). Creates the thread when there is none (unless {@code messages} is empty); an empty list empties
     * an existing thread and keeps it. Every message is mapped before anything is written: on an error nothing is
     * written.
     *
     * @param conversationId the thread id
     * @param messages the conversation, in order
     * @throws NullPointerException if an argument or a message is null
     * @throws IllegalArgumentException if {@code conversationId} is not a valid thread id, or a message cannot be
     *     stored: an unsupported message class, metadata that is not a JSON value or uses the reserved key, media
     *     bytes without a file store, a tool call or tool response without an id; the message names which
     * @throws ConcurrentUpdateException if other writers kept changing the thread through every retry
     */
    @Override
    public void saveAll(String conversationId, List<org.springframework.ai.chat.messages.Message> messages) {
        String id = ConversationIds.require(conversationId);
        List<Message> encoded = codec.encode(Objects.requireNonNull(messages, "messages"));
        for (int attempt = 1; ; attempt++) {
            try {
                saveDifference(id, encoded);
                return;
            } catch (ConcurrentUpdateException e) {
                if (attempt == SAVE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes the conversation's thread (and, with a file store, its media files no other thread references).
     *
     * @param conversationId the thread id
     * @throws NullPointerException if {@code conversationId} is null
     * @throws IllegalArgumentException if {@code conversationId} is not a valid thread id
     */
    @Override
    public void deleteByConversationId(String conversationId) {
        String id = ConversationIds.require(conversationId);
        if (fileStore != null) {
            store.delete(id, fileStore);
        } else {
            store.delete(id);
        }
    }

    private void saveDifference(String id, List<Message> encoded) {
        Optional<ChatThread> current = store.get(id);
        if (current.isEmpty()) {
            if (!encoded.isEmpty()) {
                save(ChatThread.builder().id(id).messages(placeAfter(0, encoded)).build());
            }
            return;
        }
        ChatThread thread = current.get();
        List<Message> stored = thread.messages();
        Run run = Run.longest(stored, encoded);
        boolean keepsAll = run.start() == 0 && run.length() == stored.size();
        if (keepsAll && run.length() == encoded.size()) {
            return;
        }
        List<Message> added = encoded.subList(run.length(), encoded.size());
        if (keepsAll && added.stream().noneMatch(Message::hasPendingAttachments)) {
            store.append(id, added);
            return;
        }
        List<Message> next = new ArrayList<>(stored.subList(run.start(), run.start() + run.length()));
        int last = stored.isEmpty() ? 0 : stored.get(stored.size() - 1).sequence();
        next.addAll(placeAfter(last, added));
        save(thread.toBuilder().messages(next).build());
    }

    private void save(ChatThread thread) {
        if (fileStore != null) {
            store.save(thread, fileStore);
        } else {
            store.save(thread);
        }
    }

    private static List<Message> placeAfter(int sequence, List<Message> messages) {
        List<Message> placed = new ArrayList<>(messages.size());
        for (Message m : messages) {
            placed.add(m.withSequence(++sequence));
        }
        return placed;
    }

    /** The stored messages {@code [start, start + length)} hold what the first {@code length} given ones hold. */
    private record Run(int start, int length) {

        /**
         * The longest run, the earliest of equal ones; stops at the first run that reaches the stored end (the usual
         * cases, messages added or the oldest trimmed, cost one pass).
         */
        static Run longest(List<Message> stored, List<Message> encoded) {
            Run best = new Run(stored.size(), 0);
            for (int start = 0; start < stored.size(); start++) {
                int length = 0;
                while (start + length < stored.size() && length < encoded.size()
                        && SpringAiMessageCodec.sameContent(stored.get(start + length), encoded.get(length))) {
                    length++;
                }
                if (length > best.length()) {
                    best = new Run(start, length);
                }
                if (length > 0 && start + length == stored.size()) {
                    break;
                }
            }
            return best;
        }
    }

    /** Builds a {@link ThreadStoreChatMemoryRepository}. Not thread-safe. */
    public static final class Builder {
        private final ThreadStore store;
        private @Nullable FileStore fileStore;
        private boolean exposeMessageIds;

        private Builder(ThreadStore store) {
            this.store = store;
        }

        /**
         * @param expose whether messages read carry their threadstore id in metadata under
         *     {@value ThreadStoreChatMemoryRepository#MESSAGE_ID_METADATA_KEY} (default false: no metadata is added)
         * @return this builder
         */
        public Builder exposeMessageIds(boolean expose) {
            this.exposeMessageIds = expose;
            return this;
        }

        /**
         * @param fileStore where media bytes are stored and read from; not closed by the repository
         * @return this builder
         * @throws NullPointerException if {@code fileStore} is null
         */
        public Builder fileStore(FileStore fileStore) {
            this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
            return this;
        }

        /** @return the repository */
        public ThreadStoreChatMemoryRepository build() {
            return new ThreadStoreChatMemoryRepository(this);
        }
    }
}
