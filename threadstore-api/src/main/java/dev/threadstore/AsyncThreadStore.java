package dev.threadstore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link CompletableFuture} view of a {@link ThreadStore}: each method runs the blocking one on an
 * executor. Obtain it with {@link ThreadStore#async()}.
 *
 * <p>Arguments are checked and copied when a method is called, exactly as the blocking method checks
 * them: a null argument throws {@link NullPointerException} and an invalid one (a negative limit, a key
 * that is not valid Unicode, a non-JSON query value, two appended messages with one id, a pending
 * attachment in an append) throws {@link IllegalArgumentException} from the call itself, and a list or map
 * the caller changes after the call does not change what runs. Failures only the store can judge (a
 * closed store, a version conflict, a missing thread, an I/O error) arrive as the future's exceptional
 * completion.
 */
public interface AsyncThreadStore {

    /** @return the blocking store behind this view */
    ThreadStore sync();

    /** @see ThreadStore#save(ChatThread) */
    CompletableFuture<ChatThread> save(ChatThread thread);

    /** @see ThreadStore#save(ChatThread, FileStore) */
    CompletableFuture<ChatThread> save(ChatThread thread, FileStore fileStore);

    /** @see ThreadStore#get(String) */
    CompletableFuture<Optional<ChatThread>> get(String threadId);

    /** @see ThreadStore#delete(String) */
    CompletableFuture<Boolean> delete(String threadId);

    /** @see ThreadStore#delete(String, FileStore) */
    CompletableFuture<Boolean> delete(String threadId, FileStore fileStore);

    /** @see ThreadStore#list(int, int) */
    CompletableFuture<List<ChatThread>> list(int limit, int offset);

    /** @see ThreadStore#list() */
    CompletableFuture<List<ChatThread>> list();

    /** @see ThreadStore#findByAttributes(Map) */
    CompletableFuture<List<ChatThread>> findByAttributes(Map<String, ?> attributes);

    /** @see ThreadStore#findBySource(String, Map) */
    CompletableFuture<List<ChatThread>> findBySource(String sourceName, Map<String, ?> properties);

    /** @see ThreadStore#listRecent(int) */
    CompletableFuture<List<ChatThread>> listRecent(int limit);

    /** @see ThreadStore#listRecent() */
    CompletableFuture<List<ChatThread>> listRecent();

    /** @see ThreadStore#getThreadByMessageId(String) */
    CompletableFuture<Optional<ChatThread>> getThreadByMessageId(String messageId);

    /** @see ThreadStore#append(String, List) */
    CompletableFuture<List<Message>> append(String threadId, List<Message> messages);

    /** @see ThreadStore#collectOrphans(FileStore, Duration) */
    CompletableFuture<List<String>> collectOrphans(FileStore fileStore, Duration minAge);
}
