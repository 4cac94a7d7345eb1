package dev.threadstore;

import dev.threadstore.spi.StoreEnvironment;
import dev.threadstore.spi.StoreProviders;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.StoreWrites;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Stores conversation threads. Obtain one with {@link #create(String)}: the URL's scheme picks the
 * backend whose jar is on the class path ({@code memory:}, {@code sqlite:threads.db},
 * {@code postgresql://user:pass@host/db}).
 *
 * <h2>Contract</h2>
 * Every backend behaves the same; the threadstore TCK checks it.
 * <ul>
 *   <li>{@link #save(ChatThread) save} writes a thread and its messages in one transaction, all or
 *       nothing. It is incremental: only new, changed and removed messages are written.</li>
 *   <li>Optimistic concurrency: saving a copy whose {@link ChatThread#version() version} is not the stored
 *       one throws {@link ConcurrentUpdateException} and writes nothing. Each save and append increments
 *       the version; always continue from the thread a save returns.</li>
 *   <li>{@link #append append} adds messages at the end without reading the thread; concurrent
 *       appenders never lose or duplicate a message, and re-appending the same message is a no-op.</li>
 *   <li>{@link #get get} returns the messages ordered by sequence, every field exactly as saved.</li>
 *   <li>Listings order by {@code updatedAt} descending, then {@code createdAt} descending, then id.</li>
 *   <li>Retention: a thread whose {@link ChatThread#expiresAt() expiresAt} has passed is treated as deleted at
 *       once, before any purge: {@code get}, listings, queries, {@code count}, {@code getThreadByMessageId} do
 *       not see it, {@code append} and {@code fork} throw {@link ThreadNotFoundException}, {@code delete} returns
 *       false (removing it), and a {@code save} at version 0 creates the id afresh in its place (a save at a
 *       higher version is a {@link ConcurrentUpdateException}). {@link #deleteExpired(int)} purges expired
 *       threads. A store opened with the option {@code timeToLive} (e.g. {@code 30d}, {@code 12h},
 *       {@code P30D}) gives every saved thread that carries no expiry {@code now + timeToLive}, and moves the
 *       expiry of an appended thread to at least {@code now + timeToLive}.</li>
 * </ul>
 * Every method is thread-safe. A null argument throws {@link NullPointerException} naming it; after
 * {@link #close()} every method but {@code close} throws {@link IllegalStateException}. Store failures
 * are unchecked {@link ThreadStoreException}s: {@link StoreUnavailableException} when retrying may help.
 */
public interface ThreadStore extends AutoCloseable {

    /**
     * Opens the store the environment describes: {@code TYLER_DB_TYPE} ({@code postgresql},
     * {@code postgres}, {@code sqlite} or {@code memory}; unset means memory) and the {@code TYLER_DB_*}
     * variables that go with it.
     *
     * @return an open store
     * @throws StoreConfigurationException if the variables are incomplete or invalid (all missing ones are named)
     * @throws StoreUnavailableException if the database cannot be reached
     */
    static ThreadStore create() {
        return StoreProviders.openThreadStore(StoreEnvironment.threadStoreUri(System.getenv()));
    }

    /**
     * Opens the store the URL names. The store is connected, migrated and checked before this returns.
     *
     * @param url e.g. {@code "memory:"}, {@code "sqlite:threads.db"}, {@code "postgresql://u:p@host:5432/db"};
     *     query parameters are options
     * @return an open store
     * @throws StoreConfigurationException if the URL, an option or the scheme is not valid, or no backend
     *     jar on the class path handles the scheme (the message lists those that do)
     * @throws StoreUnavailableException if the database cannot be reached
     * @throws NullPointerException if {@code url} is null
     */
    static ThreadStore create(String url) {
        return create(url, Map.of());
    }

    /**
     * Opens the store the URL names, with extra options that win over the URL's query parameters.
     *
     * @param url the store URL
     * @param options options such as {@code poolSize}, {@code cache} or {@code schema}; no null key or value
     * @return an open store
     * @throws StoreConfigurationException if the URL, an option or the scheme is not valid
     * @throws StoreUnavailableException if the database cannot be reached
     * @throws NullPointerException if {@code url}, {@code options} or one of their keys or values is null
     */
    static ThreadStore create(String url, Map<String, String> options) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(options, "options");
        return StoreProviders.openThreadStore(StoreUri.parse(url).withOptions(options));
    }

    /**
     * Opens a store on a connection pool the application already has, e.g. the {@code DataSource} of a Spring
     * Boot application. The backend is the one whose provider names the pool's database product
     * ({@link java.sql.DatabaseMetaData#getDatabaseProductName()}: {@code SQLite} needs
     * {@code threadstore-sqlite}, {@code PostgreSQL} {@code threadstore-postgres}). The store migrates its schema
     * through the pool and checks it before this returns, as {@link #create(String, Map)} does.
     *
     * <p>The pool stays the caller's: the store borrows connections and returns them, and {@link #close()}
     * releases only what the store made itself; it never closes {@code dataSource}. Close the store before the
     * pool. {@link #dataSource()} returns {@code dataSource}.
     *
     * @param dataSource an open pool; its connections must allow the store's transactions (auto-commit on, as
     *     pools hand them out by default; for SQLite, foreign keys enforced, e.g. {@code foreign_keys=true} in
     *     the JDBC URL)
     * @param options the store's options that do not configure a pool: {@code migrate},
     *     {@code migrationLockTimeout}, {@code echo}, {@code cache}, and the backend's own that apply (e.g.
     *     PostgreSQL's {@code schema}); empty for the defaults
     * @return an open store on the pool
     * @throws StoreConfigurationException if no backend on the class path handles the pool's database (the
     *     message lists those that do), an option is unknown, invalid or sizes a pool (e.g. {@code poolSize}),
     *     or the pool's connections do not suit the store
     * @throws StoreUnavailableException if no connection can be had from the pool, or the database cannot be
     *     reached
     * @throws NullPointerException if an argument is null
     */
    static ThreadStore create(DataSource dataSource, Map<String, String> options) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        return StoreProviders.openThreadStore(dataSource, options);
    }

    /**
     * Saves a thread: creates it when its version is 0, otherwise updates it if its version is the
     * stored one. Messages with sequence 0 are placed after the highest sequence.
     *
     * @param thread the thread
     * @return the thread as stored: the new version, {@code updatedAt} stamped, every message placed
     * @throws ConcurrentUpdateException if the thread's version is not the stored one (nothing written)
     * @throws IllegalArgumentException if a message holds a pending attachment: use
     *     {@link #save(ChatThread, FileStore)}; or if the thread was read through a {@link MessageWindow} (it
     *     has a {@link ChatThread#window() window}: saving it would delete the messages outside it)
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws StorageException if the database fails otherwise (nothing written)
     * @throws NullPointerException if {@code thread} is null
     * @throws IllegalStateException if this store is closed
     */
    ChatThread save(ChatThread thread);

    /**
     * Stores every pending attachment in the file store, then saves the thread. If any attachment or
     * the save fails, the files this call stored are deleted and nothing is written. When the database
     * cannot say whether the save committed (the connection broke during the commit), the thread is read
     * back: if the save committed, its result is returned; if it did not, the files are deleted; if that
     * cannot be told either, the files are kept (a committed row may point at them), the error says so, and
     * {@link #collectOrphans} removes them later if they turn out unreferenced.
     *
     * <p>After the save commits, files that the previous version of the thread referenced and the saved one
     * no longer does (a removed message, a replaced attachment) are deleted, unless another thread still
     * references them. A failure to delete them does not fail the save; {@link #collectOrphans} removes
     * them later.
     *
     * @param thread the thread
     * @param fileStore where attachment bytes go
     * @return the thread as stored, its attachments {@link AttachmentStatus#STORED}
     * @throws ConcurrentUpdateException if the thread's version is not the stored one
     * @throws StorageException if an attachment cannot be stored (too large, type not allowed, store full)
     * @throws StoreUnavailableException if the database cannot be reached
     * @throws IllegalArgumentException if the thread was read through a {@link MessageWindow}
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this store or the file store is closed
     */
    default ChatThread save(ChatThread thread, FileStore fileStore) {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(fileStore, "fileStore");
        StoreWrites.requireWhole(thread);
        return AttachmentStaging.saveWithAttachments(this, thread, fileStore);
    }

    /**
     * Reads a thread with all its messages.
     *
     * @param threadId the thread's id
     * @return the thread with its messages in sequence order, or empty if there is none
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws NullPointerException if {@code threadId} is null
     * @throws IllegalStateException if this store is closed
     */
    Optional<ChatThread> get(String threadId);

    /**
     * A thread with only some of its messages: its own fields whole, its messages those the window takes, in
     * ascending sequence order (e.g. {@code MessageWindow.last(20)} for a model's context). The SQL backends read
     * the window with one indexed range read, so the cost follows the window, not the thread's length. The
     * returned thread carries the window as {@link ChatThread#window()} (none for {@link MessageWindow#all()})
     * and cannot be {@linkplain #save saved}; {@link #append append} to it instead.
     *
     * <p>This default reads the whole thread and cuts it; every backend of this project overrides it natively.
     *
     * @param threadId the thread's id
     * @param window which messages
     * @return the windowed thread, or empty if there is none
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this store is closed
     */
    default Optional<ChatThread> get(String threadId, MessageWindow window) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(window, "window");
        return get(threadId).map(thread -> thread.toBuilder()
                .messages(window.select(thread.messages()))
                .window(window)
                .build());
    }

    /**
     * Copies a thread up to a message into a new thread, in one transaction: the title, attributes and source,
     * and the messages with sequences up to {@code throughSequence}, unchanged (ids, sequences, contents,
     * attachment metadata). The fork is created at version 1, created and updated now, with the attribute
     * {@code forkedFrom = {"threadId": threadId, "sequence": throughSequence}}. The two threads are independent
     * afterwards: editing or deleting one leaves the other whole. Attachment files are shared, not copied: the
     * delete methods that take a {@link FileStore} delete only files no remaining thread references.
     *
     * @param threadId the thread to fork
     * @param throughSequence the highest sequence copied, from 0 (no messages) to the thread's last sequence
     * @param newThreadId the fork's id, not taken by any thread
     * @return the fork as stored
     * @throws ThreadNotFoundException if there is no thread {@code threadId} (nothing written)
     * @throws IllegalArgumentException if {@code throughSequence} is negative or past the thread's last sequence,
     *     or {@code newThreadId} is not a valid id (nothing written)
     * @throws ConcurrentUpdateException if a thread {@code newThreadId} exists, as a save of a new thread onto an
     *     existing id would (nothing written)
     * @throws NullPointerException if an id is null
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws IllegalStateException if this store is closed
     */
    ChatThread fork(String threadId, int throughSequence, String newThreadId);

    /**
     * Deletes a thread and its messages. Attachment files are left alone: see {@link #delete(String, FileStore)}.
     *
     * @param threadId the thread's id
     * @return whether the thread existed
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws NullPointerException if {@code threadId} is null
     * @throws IllegalStateException if this store is closed
     */
    boolean delete(String threadId);

    /**
     * Deletes a thread, its messages and those of its stored attachment files that no remaining thread
     * references (a stored {@link Attachment} copied into another thread shares its file). Which files go is
     * decided in the same transaction as the delete; the files are deleted after it commits. A file that
     * cannot be deleted does not stop the others: the first failure is thrown at the end, the thread being
     * deleted already, and {@link #collectOrphans} removes the file later.
     *
     * @param threadId the thread's id
     * @param fileStore the store that holds the thread's attachment files
     * @return whether the thread existed
     * @throws StorageException if a file cannot be deleted (the thread is deleted)
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this store or the file store is closed
     */
    default boolean delete(String threadId, FileStore fileStore) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(fileStore, "fileStore");
        return AttachmentStaging.deleteWithAttachments(this, threadId, fileStore);
    }

    /**
     * Deletes the files of a file store that no thread references and that were stored more than
     * {@code minAge} ago: files left behind by a crash between storing a file and committing its thread,
     * by saves without a file store that dropped attachments, or by deletes without one. The age keeps the
     * files of saves still in progress (stored, not yet committed) safe: choose a {@code minAge} longer than
     * any save takes, e.g. an hour. Files are checked in batches against the threads' attachments, so the
     * cost grows with the number of files, not of threads (backends that do not index their attachments
     * read every thread instead).
     *
     * <p>Safe to run from several processes at once, and while the store is in use. A file is judged by its
     * storage path: the file store must be the one the threads' attachments were saved in.
     *
     * @param fileStore the file store to clean
     * @param minAge how old an unreferenced file must be to be deleted; {@link Duration#ZERO} takes every one
     * @return the storage paths of the files deleted, sorted; empty when there were none
     * @throws IllegalArgumentException if {@code minAge} is negative
     * @throws UnsupportedOperationException if the file store cannot list its files with their ages
     *     ({@link FileStore#listFilesStoredBefore})
     * @throws StorageException if a file cannot be deleted (the others are deleted first)
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this store or the file store is closed
     */
    default List<String> collectOrphans(FileStore fileStore, Duration minAge) {
        Objects.requireNonNull(fileStore, "fileStore");
        Objects.requireNonNull(minAge, "minAge");
        if (minAge.isNegative()) {
            throw new IllegalArgumentException("minAge must not be negative, got " + minAge);
        }
        return AttachmentStaging.collectOrphans(this, fileStore, minAge);
    }

    /**
     * Purges expired threads ({@link ChatThread#expiresAt()} at or before now): at most {@code maxThreads} per call,
     * those that expired first first, each thread whole (its messages and attachment rows with it). Attachment
     * files are left alone: see {@link #deleteExpired(int, FileStore)}. Safe to run from several processes at once:
     * each expired thread is deleted by exactly one of them, and live threads are never touched. Call it
     * repeatedly (e.g. on a schedule) until it returns less than {@code maxThreads}.
     *
     * @param maxThreads the most threads this call deletes, at least 1
     * @return how many threads this call deleted
     * @throws IllegalArgumentException if {@code maxThreads} is less than 1
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws IllegalStateException if this store is closed
     */
    int deleteExpired(int maxThreads);

    /**
     * As {@link #deleteExpired(int)}, and deletes the stored attachment files of the deleted threads that no
     * remaining thread references (a forked or copied thread shares its files), decided in the same transaction as
     * the delete; the files are deleted after it commits. A file that cannot be deleted does not stop the others:
     * the first failure is thrown at the end, the threads being deleted already, and {@link #collectOrphans}
     * removes the file later.
     *
     * @param maxThreads the most threads this call deletes, at least 1
     * @param fileStore the store that holds the threads' attachment files
     * @return how many threads this call deleted
     * @throws IllegalArgumentException if {@code maxThreads} is less than 1
     * @throws StorageException if a file cannot be deleted (the threads are deleted)
     * @throws NullPointerException if {@code fileStore} is null
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws IllegalStateException if this store or the file store is closed
     */
    int deleteExpired(int maxThreads, FileStore fileStore);

    /**
     * A page of threads, most recently updated first (ties: {@code createdAt} descending, then id).
     *
     * @param limit the page size, at least 0
     * @param offset how many threads to skip, at least 0
     * @return the page, possibly empty
     * @throws IllegalArgumentException if {@code limit} or {@code offset} is negative
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws IllegalStateException if this store is closed
     */
    List<ChatThread> list(int limit, int offset);

    /**
     * The first page of {@link #list(int, int)}: {@code list(100, 0)}.
     *
     * @return the first 100 threads, most recently updated first
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws IllegalStateException if this store is closed
     */
    default List<ChatThread> list() {
        return list(100, 0);
    }

    /**
     * The threads whose attributes match every given entry by typed JSON equality: {@code 42} matches
     * {@code 42L} and {@code 42.0} but not {@code "42"}; {@code true} is not {@code 1}; a {@code null} value
     * matches a missing key or a JSON null; maps and lists compare structurally. Keys are any strings.
     *
     * @param attributes the top-level entries to match, values may be null; empty matches every thread
     * @return the matching threads, most recently updated first
     * @throws IllegalArgumentException if a key is null or a value is not a JSON value
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws NullPointerException if {@code attributes} is null
     * @throws IllegalStateException if this store is closed
     */
    List<ChatThread> findByAttributes(Map<String, ?> attributes);

    /**
     * The threads whose {@link ThreadSource#name() source name} is the given one and whose source
     * properties match every given entry, as in {@link #findByAttributes}.
     *
     * @param sourceName the source system, e.g. {@code "slack"}
     * @param properties the properties to match, values may be null; empty matches every thread of that source
     * @return the matching threads, most recently updated first
     * @throws IllegalArgumentException if a key is null or a value is not a JSON value
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws NullPointerException if {@code sourceName} or {@code properties} is null
     * @throws IllegalStateException if this store is closed
     */
    List<ChatThread> findBySource(String sourceName, Map<String, ?> properties);

    /**
     * The most recently updated threads.
     *
     * @param limit how many threads at most, at least 0
     * @return the most recently updated threads, newest first
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws IllegalStateException if this store is closed
     */
    List<ChatThread> listRecent(int limit);

    /**
     * Every thread; prefer {@link #summaries} or {@link #threads} pages for a store of many threads.
     *
     * @return every thread, newest first
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws IllegalStateException if this store is closed
     */
    List<ChatThread> listRecent();

    /**
     * A page of thread summaries (no messages): the sidebar of a chat UI. Ordered by {@code updatedAt} desc,
     * {@code createdAt} desc, id in code point order; at most {@link ThreadQuery#limit()} items; pages are cut by
     * keyset, never by offset, so a page costs the same wherever it is. Following {@link Page#nextCursor()}
     * visits every matching thread that is not written during the walk exactly once, while other threads are
     * inserted, updated and deleted; a thread updated during the walk moves ahead of the cursor and is not
     * visited again.
     *
     * @param query the filters, page size and cursor
     * @return the page
     * @throws IllegalArgumentException if the query's cursor is malformed, edited, or from another query
     * @throws NullPointerException if {@code query} is null
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws IllegalStateException if this store is closed
     */
    Page<ThreadSummary> summaries(ThreadQuery query);

    /**
     * As {@link #summaries}, with whole threads (every message) instead of summaries; same order and cursors.
     *
     * @param query the filters, page size and cursor
     * @return the page
     * @throws IllegalArgumentException if the query's cursor is malformed, edited, or from another query
     * @throws NullPointerException if {@code query} is null
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws IllegalStateException if this store is closed
     */
    Page<ChatThread> threads(ThreadQuery query);

    /**
     * Counts the threads a query's filters match.
     *
     * @param query the filters; its limit and cursor are ignored
     * @return how many threads match
     * @throws NullPointerException if {@code query} is null
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws IllegalStateException if this store is closed
     */
    long count(ThreadQuery query);

    /**
     * The thread holding a message. Message ids are unique within a thread; if two threads hold the same
     * caller-chosen id, the more recently updated one is returned.
     *
     * @param messageId the message id
     * @return the thread, or empty if no thread holds the message
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws NullPointerException if {@code messageId} is null
     * @throws IllegalStateException if this store is closed
     */
    Optional<ChatThread> getThreadByMessageId(String messageId);

    /**
     * Appends messages at the end of a thread without reading it. Sequences are assigned atomically
     * (highest + 1, …), so concurrent appenders never lose or duplicate a message. The cost does not
     * grow with the thread's length. Appending a message whose id the thread already holds with the
     * same content is a no-op, so a retry is safe.
     *
     * @param threadId the thread
     * @param messages the messages, in order; their sequences are ignored
     * @return the messages as stored, with their sequences
     * @throws ThreadNotFoundException if there is no such thread
     * @throws ConcurrentUpdateException if a message id is already in the thread with different content
     * @throws IllegalArgumentException if a message holds a pending attachment
     * @throws StoreUnavailableException if the database cannot be reached (transient: retrying may help)
     * @throws NullPointerException if {@code threadId}, {@code messages} or one of the messages is null
     * @throws IllegalStateException if this store is closed
     */
    List<Message> append(String threadId, List<Message> messages);

    /**
     * The URL of the database, safe to log.
     *
     * @return the database URL with the password masked; empty for the memory backend
     * @throws IllegalStateException if this store is closed
     */
    Optional<String> databaseUrl();

    /**
     * The connection pool, for the application's own queries on the same database (the seed's {@code engine}).
     * Closing the store closes it.
     *
     * @return the connection pool; empty for the memory backend
     * @throws IllegalStateException if this store is closed
     */
    Optional<DataSource> dataSource();

    /**
     * Access to the backend's own objects, e.g. MyBatis's {@code SqlSessionFactory} for the SQL backends.
     *
     * @param type the wanted type
     * @param <T> the wanted type
     * @return the object, or empty if this backend has none of that type
     * @throws NullPointerException if {@code type} is null
     * @throws IllegalStateException if this store is closed
     */
    <T> Optional<T> unwrap(Class<T> type);

    /**
     * A view of this store whose methods return {@code CompletableFuture}s, run on a shared default executor:
     * a fixed pool of at most {@code max(16, 2 × available processors)} daemon threads named
     * {@code threadstore-async-1}, {@code threadstore-async-2}, …, shared by every store of the JVM and
     * started on first use; idle threads end after a minute, and the pool never keeps the JVM alive. Calls
     * beyond the pool's size wait in its queue. For another policy (e.g. virtual threads on Java 21+, where
     * the JDBC driver does not pin them) pass an executor to {@link #async(Executor)}.
     *
     * <p>Arguments are checked and copied at the call, as the blocking methods check them: a null or invalid
     * argument throws {@link NullPointerException} or {@link IllegalArgumentException} from the call itself,
     * and the caller may change its lists and maps as soon as the call returns. After {@link #close()}, the view's
     * futures complete exceptionally with {@link IllegalStateException}; this method itself does not throw.
     *
     * @return the asynchronous view
     */
    default AsyncThreadStore async() {
        return async(ExecutorAsyncThreadStore.defaultExecutor());
    }

    /**
     * A view of this store whose methods return {@code CompletableFuture}s, run on the given executor.
     * Arguments are checked and copied at the call, as for {@link #async()}. After {@link #close()}, the view's
     * futures complete exceptionally with {@link IllegalStateException}; this method itself does not throw it.
     *
     * @param executor where the calls run
     * @return a view of this store whose methods return {@code CompletableFuture}s, run on the executor
     * @throws NullPointerException if {@code executor} is null
     */
    default AsyncThreadStore async(Executor executor) {
        return new ExecutorAsyncThreadStore(this, Objects.requireNonNull(executor, "executor"));
    }

    /**
     * Releases the store's connections and its pool. Idempotent: a second call does nothing and does not throw.
     * Afterwards every other method throws {@link IllegalStateException} (the {@link #async() async} view's
     * futures fail with it). Calls running when {@code close} is called may finish or fail.
     */
    @Override
    void close();
}
