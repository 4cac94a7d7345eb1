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

    /**
     * The store this view runs its calls on.
     *
     * @return the blocking store behind this view; never null, also after it is closed
     */
    ThreadStore sync();

    /**
     * Saves a thread, as {@link ThreadStore#save(ChatThread)}.
     *
     * @param thread the thread
     * @return a future of {@link ThreadStore#save(ChatThread)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if {@code thread} is null, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<ChatThread> save(ChatThread thread);

    /**
     * Stores the pending attachments, then saves the thread, as {@link ThreadStore#save(ChatThread, FileStore)}.
     *
     * @param thread the thread
     * @param fileStore where attachment bytes go
     * @return a future of {@link ThreadStore#save(ChatThread, FileStore)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if an argument is null, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<ChatThread> save(ChatThread thread, FileStore fileStore);

    /**
     * Reads a thread, as {@link ThreadStore#get(String)}.
     *
     * @param threadId the thread's id
     * @return a future of {@link ThreadStore#get(String)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if {@code threadId} is null, at the call
     * @throws IllegalArgumentException if {@code threadId} is not valid Unicode, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<Optional<ChatThread>> get(String threadId);

    /**
     * Deletes a thread, as {@link ThreadStore#delete(String)}.
     *
     * @param threadId the thread's id
     * @return a future of {@link ThreadStore#delete(String)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if {@code threadId} is null, at the call
     * @throws IllegalArgumentException if {@code threadId} is not valid Unicode, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<Boolean> delete(String threadId);

    /**
     * Deletes a thread and its unshared attachment files, as {@link ThreadStore#delete(String, FileStore)}.
     *
     * @param threadId the thread's id
     * @param fileStore the store that holds the thread's attachment files
     * @return a future of {@link ThreadStore#delete(String, FileStore)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if an argument is null, at the call
     * @throws IllegalArgumentException if {@code threadId} is not valid Unicode, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<Boolean> delete(String threadId, FileStore fileStore);

    /**
     * A page of threads, as {@link ThreadStore#list(int, int)}.
     *
     * @param limit the page size, at least 0
     * @param offset how many threads to skip, at least 0
     * @return a future of {@link ThreadStore#list(int, int)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws IllegalArgumentException if {@code limit} or {@code offset} is negative, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<List<ChatThread>> list(int limit, int offset);

    /**
     * The first 100 threads, as {@link ThreadStore#list()}.
     *
     * @return a future of {@link ThreadStore#list()}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<List<ChatThread>> list();

    /**
     * Threads by attributes, as {@link ThreadStore#findByAttributes(Map)}.
     *
     * @param attributes the top-level entries to match, values may be null; copied at the call
     * @return a future of {@link ThreadStore#findByAttributes(Map)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if {@code attributes} is null, at the call
     * @throws IllegalArgumentException if a key is null or a value is not a JSON value, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<List<ChatThread>> findByAttributes(Map<String, ?> attributes);

    /**
     * Threads by source, as {@link ThreadStore#findBySource(String, Map)}.
     *
     * @param sourceName the source system
     * @param properties the properties to match, values may be null; copied at the call
     * @return a future of {@link ThreadStore#findBySource(String, Map)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if {@code sourceName} or {@code properties} is null, at the call
     * @throws IllegalArgumentException if a key is null or a value is not a JSON value, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<List<ChatThread>> findBySource(String sourceName, Map<String, ?> properties);

    /**
     * The most recently updated threads, as {@link ThreadStore#listRecent(int)}.
     *
     * @param limit how many threads at most, at least 0
     * @return a future of {@link ThreadStore#listRecent(int)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws IllegalArgumentException if {@code limit} is negative, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<List<ChatThread>> listRecent(int limit);

    /**
     * Every thread, newest first, as {@link ThreadStore#listRecent()}.
     *
     * @return a future of {@link ThreadStore#listRecent()}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<List<ChatThread>> listRecent();

    /**
     * The thread holding a message, as {@link ThreadStore#getThreadByMessageId(String)}.
     *
     * @param messageId the message id
     * @return a future of {@link ThreadStore#getThreadByMessageId(String)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if {@code messageId} is null, at the call
     * @throws IllegalArgumentException if {@code messageId} is not valid Unicode, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<Optional<ChatThread>> getThreadByMessageId(String messageId);

    /**
     * Appends messages, as {@link ThreadStore#append(String, List)}.
     *
     * @param threadId the thread
     * @param messages the messages, in order; copied at the call
     * @return a future of {@link ThreadStore#append(String, List)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if {@code threadId}, {@code messages} or a message is null, at the call
     * @throws IllegalArgumentException if two messages share an id or one holds a pending attachment, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<List<Message>> append(String threadId, List<Message> messages);

    /**
     * Deletes unreferenced files, as {@link ThreadStore#collectOrphans(FileStore, Duration)}.
     *
     * @param fileStore the file store to clean
     * @param minAge how old an unreferenced file must be to be deleted
     * @return a future of {@link ThreadStore#collectOrphans(FileStore, Duration)}'s result; it completes exceptionally with what that method
     *     throws once running (a {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if an argument is null, at the call
     * @throws IllegalArgumentException if {@code minAge} is negative, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<List<String>> collectOrphans(FileStore fileStore, Duration minAge);

    /**
     * Reads some of a thread's messages, as {@link ThreadStore#get(String, MessageWindow)}.
     *
     * @param threadId the thread's id
     * @param window which messages
     * @return a future of the windowed thread, or empty if there is none; it completes exceptionally with what
     *     {@link ThreadStore#get(String, MessageWindow)} throws once running (a {@link ThreadStoreException}, or
     *     {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if an argument is null, at the call
     * @throws IllegalArgumentException if {@code threadId} is not a valid key, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<Optional<ChatThread>> get(String threadId, MessageWindow window);

    /**
     * Copies a thread up to a message into a new thread, as {@link ThreadStore#fork}.
     *
     * @param threadId the thread to fork
     * @param throughSequence the highest sequence copied
     * @param newThreadId the fork's id
     * @return a future of the fork as stored; it completes exceptionally with what {@link ThreadStore#fork} throws
     *     once running ({@link ThreadNotFoundException}, {@link ConcurrentUpdateException} for a taken id,
     *     {@link IllegalArgumentException} for a sequence past the last one, or {@link IllegalStateException} if
     *     the store is closed)
     * @throws NullPointerException if an id is null, at the call
     * @throws IllegalArgumentException if an id is not a valid key or {@code throughSequence} is negative, at the
     *     call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<ChatThread> fork(String threadId, int throughSequence, String newThreadId);

    /**
     * Deletes expired threads in one batch, as {@link ThreadStore#deleteExpired(int)}.
     *
     * @param maxThreads the most threads this call deletes, at least 1
     * @return a future of how many threads were deleted; it completes exceptionally with what
     *     {@link ThreadStore#deleteExpired(int)} throws once running
     * @throws IllegalArgumentException if {@code maxThreads} is less than 1, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<Integer> deleteExpired(int maxThreads);

    /**
     * Deletes expired threads in one batch with their unshared attachment files, as
     * {@link ThreadStore#deleteExpired(int, FileStore)}.
     *
     * @param maxThreads the most threads this call deletes, at least 1
     * @param fileStore the file store holding the attachments
     * @return a future of how many threads were deleted; it completes exceptionally with what
     *     {@link ThreadStore#deleteExpired(int, FileStore)} throws once running
     * @throws NullPointerException if {@code fileStore} is null, at the call
     * @throws IllegalArgumentException if {@code maxThreads} is less than 1, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<Integer> deleteExpired(int maxThreads, FileStore fileStore);

    /**
     * One page of thread summaries, as {@link ThreadStore#summaries(ThreadQuery)}.
     *
     * @param query the filters, order, page size and cursor
     * @return a future of the page; it completes exceptionally with what {@link ThreadStore#summaries} throws once
     *     running (an {@link IllegalArgumentException} for a cursor of another query or store, a
     *     {@link ThreadStoreException}, or {@link IllegalStateException} if the store is closed)
     * @throws NullPointerException if {@code query} is null, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<Page<ThreadSummary>> summaries(ThreadQuery query);

    /**
     * One page of whole threads, as {@link ThreadStore#threads(ThreadQuery)}.
     *
     * @param query the filters, order, page size and cursor
     * @return a future of the page; it completes exceptionally with what {@link ThreadStore#threads} throws once
     *     running
     * @throws NullPointerException if {@code query} is null, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<Page<ChatThread>> threads(ThreadQuery query);

    /**
     * How many live threads match a query, as {@link ThreadStore#count(ThreadQuery)}.
     *
     * @param query the filters (its page size and cursor are ignored)
     * @return a future of the count; it completes exceptionally with what {@link ThreadStore#count} throws once
     *     running
     * @throws NullPointerException if {@code query} is null, at the call
     * @throws java.util.concurrent.RejectedExecutionException if the executor does not accept the call
     */
    CompletableFuture<Long> count(ThreadQuery query);
}
