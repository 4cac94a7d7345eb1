package dev.threadstore.sql;

import dev.threadstore.sql.Rows.AttachmentRow;
import dev.threadstore.sql.Rows.DigestRow;
import dev.threadstore.sql.Rows.MessageRow;
import dev.threadstore.sql.Rows.SummaryRow;
import dev.threadstore.sql.Rows.ThreadHead;
import dev.threadstore.sql.Rows.ThreadMessageRow;
import dev.threadstore.sql.Rows.ThreadRow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.ibatis.annotations.Param;
import org.jspecify.annotations.Nullable;

/**
 * The statements every dialect's mapper XML defines: namespace {@code dev.threadstore.sql.ThreadMapper}, one
 * statement per method, with the method's name as id. This interface is the statement contract; the SQL
 * lives in the dialect module ({@link Dialect#mapperXml()}), parameters always bound.
 *
 * <p>Result maps for the row records are shared: reference {@code dev.threadstore.sql.Rows.threadRow},
 * {@code Rows.messageRow}, {@code Rows.attachmentRow}, {@code Rows.digestRow}, {@code Rows.threadHead}. They
 * read these column labels:
 * <ul>
 *   <li>thread: {@code id, title, attributes, source_name, source, created_at, updated_at, version}</li>
 *   <li>message: {@code thread_id, id, sequence, role, content, parts, name, tool_call_id, tool_calls,
 *       attributes, timestamp, source, reactions, metrics, digest}</li>
 *   <li>attachment: {@code thread_id, message_id, position, filename, mime_type, attributes, file_id,
 *       storage_path, storage_backend, status, size, sha256}</li>
 *   <li>digest: {@code id, sequence, digest}; head: {@code version, created_at, updated_at, max_sequence}</li>
 * </ul>
 * "List order" is {@code updated_at DESC, created_at DESC, id ASC}. JSON columns are {@code String} in both
 * directions (already passed through {@link Dialect#encodeJson}); text columns through
 * {@link Dialect#encodeText}. Methods marked "within a write" run after {@link Dialect#beginWrite}.
 */
public interface ThreadMapper {

    /** @return the thread row, or null */
    @Nullable ThreadRow selectThread(String id);

    /**
     * A primary-key probe of a thread's row, without locking it: its version, creation and update time, its
     * {@code last_sequence} as {@code max_sequence} (0 without messages) and its expiry. {@code get} compares it
     * with the {@link WriteMemo}'s state to answer a read of a thread this store wrote from what it wrote.
     *
     * @return the head, or null if the thread does not exist
     */
    @Nullable ThreadHead probeThread(String id);

    /** @return the rows of those of the given threads that exist, in any order */
    List<ThreadRow> selectThreads(@Param("ids") List<String> ids);

    /** @return the messages of the given threads, ordered by {@code thread_id, sequence} */
    List<MessageRow> selectMessages(@Param("threadIds") List<String> threadIds);

    /**
     * One thread with its messages in one statement, so that it reads one snapshot without a transaction: the
     * thread row LEFT JOINed to its messages, ordered by {@code sequence}, each row telling whether the message
     * has attachments (an index probe of {@code attachments}). Thread columns as for {@code threadRow}; message
     * columns prefixed {@code m_} ({@code m_id, m_sequence, …, m_digest}) plus {@code m_has_attachments};
     * result map {@code dev.threadstore.sql.Rows.threadMessageRow}.
     *
     * @return one row per message (one row with null message columns when the thread has none); empty when the
     *     thread does not exist
     */
    List<ThreadMessageRow> selectThreadWithMessages(String id);

    /** @return the attachments of the given threads, ordered by {@code thread_id, message_id, position} */
    List<AttachmentRow> selectAttachments(@Param("threadIds") List<String> threadIds);

    /**
     * @param limit the most ids to return; null for all
     * @param offset how many to skip
     * @return thread ids in list order
     */
    List<String> selectThreadIds(@Param("limit") @Nullable Integer limit, @Param("offset") int offset);

    /**
     * Candidates for an attribute or source query, in list order: a superset of the threads that match, found
     * through an index (never a scan with {@code json_extract} over every thread). The core loads them and
     * keeps only those that {@code JsonValues.matches} and have not expired. With no
     * {@linkplain CandidateQuery#entries() entries} this is every thread (attribute query) or every thread with that
     * source name. Used by the unbounded seed-era {@code findByAttributes} / {@code findBySource}, whose cost
     * follows the number of matches; pages of summaries use {@link #selectSummaries}.
     *
     * @param query the query
     * @return candidate ids in list order
     */
    List<String> selectCandidateIds(CandidateQuery query);

    /** @return ids of the threads holding a message with this id, in list order (uses the index on {@code messages(id)}) */
    List<String> selectThreadIdsByMessageId(String messageId);

    /**
     * Within a write: locks the thread against other writers (PostgreSQL {@code FOR UPDATE}) and reads its
     * version, creation and update time, and {@code max(sequence)} of its messages (a subquery served by the
     * unique {@code (thread_id, sequence)} index), all in one statement. A dialect whose statement cannot see
     * messages committed while it waited for the lock (PostgreSQL under READ COMMITTED: the subquery keeps the
     * statement's snapshot) returns {@code -1} as {@code max_sequence}, and the core asks
     * {@link #selectMaxSequence} when it needs the value.
     *
     * @return the head, or null if the thread does not exist
     */
    @Nullable ThreadHead lockThread(String id);

    /**
     * Within a write: inserts a thread row with its message count and last sequence. A duplicate id must fail with
     * a key violation.
     */
    void insertThread(ThreadWrite write);

    /**
     * Within a write: sets title, attributes, source_name, source, updated_at, version, expires_at, message_count
     * and last_sequence of the row whose id is {@code row.id()} and whose version is {@code row.version() - 1};
     * never changes created_at.
     *
     * @return rows updated
     */
    int updateThread(ThreadWrite write);

    /**
     * Within a write, for a save that knows the stored row from the {@code WriteMemo}: what {@link #updateThread}
     * does, but only if the row still shows version {@code version - 1}, update time {@code previousUpdatedAt} and
     * creation time {@code createdAt}, and has not expired at {@code now} (its expiry null or after {@code now}).
     * The statement is both the lock (PostgreSQL takes the row lock, and re-checks the conditions on the newest row
     * when it had to wait; SQLite holds the write lock already) and the check: the core runs it under the batch
     * executor and reads its count from an immediate flush, 0 meaning nothing was written (take the locking path).
     *
     * @param write the row to write, with {@code previousUpdatedAt} and {@code now} set
     */
    void updateRememberedThread(ThreadWrite write);

    /**
     * What {@link #updateRememberedThread} does, for a row whose stored attributes and source are already the
     * write's, under the same conditions plus that one: it need not set them, which on SQLite keeps the
     * attribute-index trigger out of the statement. It writes nothing (0) when they differ, and the core then runs
     * {@link #updateRememberedThread}; a dialect for which setting them costs nothing defines it as that statement.
     *
     * @param write the row to write, with {@code previousUpdatedAt} and {@code now} set
     */
    void updateRememberedThreadKeepingHeader(ThreadWrite write);

    /**
     * Within a write, after an append to a locked thread: sets updated_at, version and expires_at, and adds the
     * appended messages to the counts summaries show.
     *
     * @param id the thread
     * @param updatedAt the update time
     * @param version the new version
     * @param expiresAt the new expiry, or null
     * @param added how many messages the append inserted
     * @param lastSequence the highest sequence now
     * @return rows updated
     */
    int touchThread(@Param("id") String id, @Param("updatedAt") Instant updatedAt, @Param("version") long version,
                    @Param("expiresAt") @Nullable Instant expiresAt, @Param("added") int added,
                    @Param("lastSequence") int lastSequence);

    /**
     * Within a write, for an append that knows the stored row from the {@code WriteMemo}: in one statement, and only
     * if the row still shows {@code version} and {@code previousUpdatedAt} and has not expired at {@code now},
     * sets updated_at to {@code updatedAt}, adds one to the version, extends expires_at to at least
     * {@code renewedExpiry} when that is not null (the later of the two: the retention rule of an append), and adds
     * {@code added} to message_count with {@code lastSequence} as last_sequence. Locks and checks as
     * {@link #updateRememberedThread} does; its count is read from an immediate flush.
     *
     * @param advance the thread, what the memo remembers of it, and what the append changes
     */
    void advanceRememberedThread(ThreadAdvance advance);

    /**
     * Within a write (a purge): the ids of up to {@code limit} threads expired at {@code now}, oldest expiry first
     * (then id), locked against other writers where the dialect can; PostgreSQL skips rows another transaction
     * holds ({@code SKIP LOCKED}), so concurrent purgers take disjoint batches.
     *
     * @param now the store's time
     * @param limit the most ids
     * @return the ids
     */
    List<String> selectExpiredThreadIds(@Param("now") Instant now, @Param("limit") int limit);

    /** Deletes a thread; its messages and attachments go by cascade. @return rows deleted */
    int deleteThread(String id);

    /**
     * @param threadId the thread
     * @param ids only these message ids; null for all the thread's messages
     * @return id, sequence and digest of the thread's messages (not the full rows), in any order
     */
    List<DigestRow> selectDigests(@Param("threadId") String threadId, @Param("ids") @Nullable List<String> ids);

    /** @return the thread's highest message sequence, or null when it has none (served by the unique index) */
    @Nullable Integer selectMaxSequence(String threadId);

    /** Within a write: inserts a message row. */
    void insertMessage(MessageRow row);

    /** Within a write: replaces every column of the message identified by {@code (thread_id, id)}. */
    int updateMessage(MessageRow row);

    /** Within a write: deletes a message; its attachments go by cascade. */
    int deleteMessage(@Param("threadId") String threadId, @Param("id") String id);

    /** Within a write: inserts an attachment row. */
    void insertAttachment(AttachmentRow row);

    /** Within a write: deletes a message's attachments. */
    int deleteAttachments(@Param("threadId") String threadId, @Param("messageId") String messageId);

    /**
     * Which of the given storage paths an attachment row of any thread references (served by the index on
     * {@code attachments(storage_path)}). Within a write it sees the transaction's own deletes.
     *
     * @param storagePaths at most a few hundred storage paths
     * @return those referenced, each once, in any order
     */
    List<String> selectReferencedStoragePaths(@Param("storagePaths") List<String> storagePaths);

    /**
     * The messages of one window of a thread: one range read of the unique {@code (thread_id, sequence)} index.
     *
     * @param threadId the thread
     * @param after only sequences above this one; null for no lower bound
     * @param before only sequences below this one; null for no upper bound
     * @param limit the most rows to return; null for all
     * @param descending whether to read from the highest sequence down (for the last messages), else ascending
     * @return the message rows in the order asked for
     */
    List<MessageRow> selectMessageWindow(@Param("threadId") String threadId, @Param("after") @Nullable Integer after,
                                         @Param("before") @Nullable Integer before,
                                         @Param("limit") @Nullable Integer limit,
                                         @Param("descending") boolean descending);

    /**
     * @param threadId the thread
     * @param from the lowest sequence, inclusive
     * @param to the highest sequence, inclusive
     * @return the attachments of the thread's messages with sequences in the range, ordered by message id, position
     */
    List<AttachmentRow> selectAttachmentsOfSequences(@Param("threadId") String threadId, @Param("from") int from,
                                                     @Param("to") int to);

    /**
     * A page of summaries: thread columns as for {@code threadRow} plus {@code message_count} and
     * {@code last_sequence} (result map {@code dev.threadstore.sql.Rows.summaryRow}), matching the query's filters
     * through an index on the attributes and the source (a superset of the matches, which the core checks),
     * after the keyset position, in list order, at most {@code limit} rows. No OFFSET.
     *
     * @param query the filters, position and limit
     * @return the rows
     */
    List<SummaryRow> selectSummaries(SummaryQuery query);

    /**
     * @param query the filters (position and limit ignored)
     * @return how many threads the SQL filter takes: exact when the query has no attribute or source property
     *     entries, else a superset (the core then counts with {@link #selectSummaries})
     */
    long countThreads(SummaryQuery query);

    /**
     * Within a write (fork): copies the messages of one thread up to a sequence into another, every column as
     * stored (ids, sequences, digests).
     *
     * @param fromThreadId the thread copied from
     * @param toThreadId the thread copied into, whose row exists already
     * @param throughSequence the highest sequence copied
     * @return rows inserted
     */
    int copyMessages(@Param("fromThreadId") String fromThreadId, @Param("toThreadId") String toThreadId,
                     @Param("throughSequence") int throughSequence);

    /**
     * Within a write (fork), after {@link #copyMessages}: copies the attachment rows of those messages.
     *
     * @param fromThreadId the thread copied from
     * @param toThreadId the thread copied into
     * @param throughSequence the highest sequence copied
     * @return rows inserted
     */
    int copyAttachments(@Param("fromThreadId") String fromThreadId, @Param("toThreadId") String toThreadId,
                        @Param("throughSequence") int throughSequence);

    /**
     * What {@link #advanceRememberedThread} binds.
     *
     * @param id the thread
     * @param version the version the memo remembers
     * @param previousUpdatedAt the update time the memo remembers
     * @param now the store's time, which expiry is judged at
     * @param updatedAt the new update time
     * @param renewedExpiry {@code now + timeToLive}, or null when the store has no time to live
     * @param added how many messages the append inserts
     * @param lastSequence the highest sequence after the append
     */
    record ThreadAdvance(String id, long version, Instant previousUpdatedAt, Instant now, Instant updatedAt,
                         @Nullable Instant renewedExpiry, int added, int lastSequence) {
    }

    /**
     * A thread row as a write stores it, flat (one parameter object, no nested properties to resolve per column),
     * with the counts summaries show and, for {@link #updateRememberedThread}, what the row must still show.
     *
     * @param id the thread id
     * @param title encoded title, or null
     * @param attributes JSON object
     * @param sourceName the source's name, or null
     * @param source JSON object of the source's properties, or null
     * @param createdAt creation time
     * @param updatedAt update time
     * @param version the new version
     * @param expiresAt the expiry, or null
     * @param messageCount how many messages the thread holds
     * @param lastSequence its highest sequence, 0 without messages
     * @param previousUpdatedAt the update time the row must still show, or null when no condition applies
     * @param now the store's time, which expiry is judged at, or null when no condition applies
     */
    record ThreadWrite(String id, @Nullable String title, String attributes, @Nullable String sourceName,
                       @Nullable String source, Instant createdAt, Instant updatedAt, long version,
                       @Nullable Instant expiresAt, int messageCount, int lastSequence,
                       @Nullable Instant previousUpdatedAt, @Nullable Instant now) {

        /**
         * @param row the row
         * @param messageCount how many messages the thread holds
         * @param lastSequence its highest sequence
         * @return the write of that row, without conditions
         */
        public static ThreadWrite of(ThreadRow row, int messageCount, int lastSequence) {
            return new ThreadWrite(row.id(), row.title(), row.attributes(), row.sourceName(), row.source(),
                    row.createdAt(), row.updatedAt(), row.version(), row.expiresAt(), messageCount, lastSequence, null,
                    null);
        }

        /**
         * @param previous the update time the row must still show
         * @param at the store's time, which expiry is judged at
         * @return this write, conditional on them
         */
        public ThreadWrite ifStill(Instant previous, Instant at) {
            return new ThreadWrite(id, title, attributes, sourceName, source, createdAt, updatedAt, version, expiresAt,
                    messageCount, lastSequence, previous, at);
        }
    }

    /**
     * The SQL side of a {@code ThreadQuery}.
     *
     * @param attributes attribute entries, as a {@link CandidateQuery} with no source name; null for no filter
     * @param source the source filter, as a {@link CandidateQuery} with a source name; null for none
     * @param updatedAfter exclusive lower bound of updated_at, or null
     * @param updatedBefore exclusive upper bound of updated_at, or null
     * @param afterUpdatedAt the keyset position's updated_at, or null for the first page
     * @param afterCreatedAt the position's created_at (with {@code afterUpdatedAt})
     * @param afterId the position's id (with {@code afterUpdatedAt})
     * @param limit how many rows at most
     * @param now the store's time: rows that expired at or before it are left out
     */
    record SummaryQuery(@Nullable CandidateQuery attributes, @Nullable CandidateQuery source,
                        @Nullable Instant updatedAfter, @Nullable Instant updatedBefore,
                        @Nullable Instant afterUpdatedAt, @Nullable Instant afterCreatedAt, @Nullable String afterId,
                        int limit, Instant now) {
    }

    /**
     * An attribute or source query, given in two forms so that each dialect uses the one its index serves.
     *
     * @param sourceName for a source query the source name; null for an attribute query
     * @param json the query's entries whose value is not null, as one JSON object (for containment,
     *     {@code attributes @> CAST(#{json} AS jsonb)}; already {@linkplain Dialect#encodeJson encoded})
     * @param entries some of the same entries one by one, for a key/value index: at most 16, scalar ones first,
     *     so that a statement built from them stays small whatever the number of keys (the core checks every
     *     candidate against the whole query)
     */
    record CandidateQuery(@Nullable String sourceName, String json, List<IndexEntry> entries) {
        /** Copies the entries. */
        public CandidateQuery {
            Objects.requireNonNull(json, "json");
            entries = List.copyOf(entries);
        }
    }

    /**
     * One top-level query entry.
     *
     * @param key the key, any string
     * @param kind {@code text}, {@code number}, {@code boolean} or {@code structured} (a list or a map)
     * @param value a {@code String} for text, a {@code Long} or {@code Double} for a number, a {@code Boolean},
     *     and for structured values their canonical JSON text (a key/value index may match the key only)
     */
    record IndexEntry(String key, String kind, Object value) {
        /** Checks that nothing is null. */
        public IndexEntry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }
    }
}
