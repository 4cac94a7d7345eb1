package dev.threadstore.sql;

import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.StorageException;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.spi.Retention;
import dev.threadstore.spi.StoreWrites;
import dev.threadstore.sql.Rows.DigestRow;
import dev.threadstore.sql.Rows.ThreadHead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import org.jspecify.annotations.Nullable;

/**
 * Appends messages to a thread in one write transaction. When the {@link WriteMemo} remembers the thread and no
 * message's id is one it holds, the messages are placed after the remembered highest sequence and one statement,
 * {@code advanceRememberedThread}, advances the row (version, update time, expiry, counts) only if it still shows
 * the remembered version and update time and has not expired, which also locks it; then the messages are inserted
 * in one batch. Otherwise it locks the thread row, then places each new message after the highest sequence, or
 * checks that a message whose id is already stored is a retry of the same message. Either way it reads the locked
 * row and the memo or the digests of the ids it appends, never the thread's messages, so its cost does not grow
 * with the thread.
 */
final class AppendOperation {

    /**
     * What an append committed.
     *
     * @param stored the messages as stored, in the order given (retried ones as they were already stored)
     * @param added the messages inserted, by sequence; empty when every message was a retry
     * @param before the memo's state of the thread when it matched the locked row, else null
     * @param version the thread's version after the append
     * @param updatedAt the thread's update time after the append
     * @param maxSequence the thread's highest sequence after the append; -1 (not read) when there was nothing to
     *     append
     */
    record AppendOutcome(List<Message> stored, List<Message> added, WriteMemo.@Nullable State before,
                         long version, Instant updatedAt, int maxSequence) {
        AppendOutcome {
            stored = List.copyOf(stored);
            added = List.copyOf(added);
        }
    }

    private final SqlTransactions transactions;
    private final ThreadReads reads;
    private final MessageWriter writer;
    private final MessageDigests digests;
    private final WriteMemo memo;
    private final WriteClock clock;

    AppendOperation(SqlTransactions transactions, ThreadReads reads, MessageWriter writer, MessageDigests digests,
                    WriteMemo memo, WriteClock clock) {
        this.transactions = transactions;
        this.reads = reads;
        this.writer = writer;
        this.digests = digests;
        this.memo = memo;
        this.clock = clock;
    }

    /**
     * @param threadId the thread
     * @param messages the messages to append
     * @return what was committed; with nothing to append, the thread's version and time, no sequence (-1)
     * @throws ThreadNotFoundException when the thread does not exist
     * @throws ConcurrentUpdateException when a message's id is stored with different content
     */
    AppendOutcome append(String threadId, List<Message> messages) {
        List<Message> incoming = StoreWrites.messagesToAppend(threadId, messages);
        if (incoming.isEmpty()) {
            return transactions.transaction(false, "append to", threadId, (session, mapper) -> {
                Rows.ThreadRow row = mapper.selectThread(threadId);
                if (row == null || Retention.isExpired(row.expiresAt(), clock.now())) {
                    throw new ThreadNotFoundException(threadId);
                }
                return new AppendOutcome(List.of(), List.of(), null, row.version(), row.updatedAt(), -1);
            });
        }
        WriteMemo.State remembered = memo.remembered(threadId);
        Placed early = remembered == null ? null : place(threadId, incoming, remembered);
        AppendOutcome outcome;
        try {
            outcome = transactions.transaction(true, "append to", threadId,
                    (session, mapper) -> appendLocked(session, mapper, threadId, incoming, early));
        } catch (StorageException e) {
            if (!transactions.isDuplicateKey(e)) {
                throw e;
            }
            // A message id is stored already: the locking path tells a retry of the same message from a conflict.
            outcome = transactions.transaction(true, "append to", threadId,
                    (session, mapper) -> appendLocked(session, mapper, threadId, incoming, null));
        }
        if (!outcome.added().isEmpty()) {
            if (outcome.before() != null) {
                memo.committed(threadId, outcome.before().appended(outcome.version(), outcome.updatedAt(),
                        outcome.maxSequence(), outcome.added()));
            } else {
                memo.forget(threadId);
            }
        }
        return outcome;
    }

    /**
     * The messages of an append placed after a remembered state, with their rows: made before the write transaction
     * begins, so that the write lock is not held while they are digested and encoded.
     *
     * @param state the state they were placed after
     * @param added the messages, with their sequences
     * @param rows their rows, in the same order
     */
    private record Placed(WriteMemo.State state, List<Message> added, List<MessageWriter.Encoded> rows) {
    }

    private Placed place(String threadId, List<Message> incoming, WriteMemo.State state) {
        int sequence = state.maxSequence();
        List<Message> added = new ArrayList<>(incoming.size());
        List<MessageWriter.Encoded> rows = new ArrayList<>(incoming.size());
        for (Message message : incoming) {
            Message placed = message.withSequence(++sequence);
            added.add(placed);
            rows.add(writer.encode(threadId, placed, digests.ofInserted(placed)));
        }
        return new Placed(state, added, rows);
    }

    /**
     * Appends inside a write transaction: through the memo when it remembers the thread (and {@code early}, the
     * messages placed before the transaction, is not null: null sends the append down the locking path), else locks
     * the thread, then places each message or checks its retry.
     */
    private AppendOutcome appendLocked(SqlSession session, ThreadMapper mapper, String threadId, List<Message> incoming,
                                       @Nullable Placed early) {
        WriteMemo.State remembered = early != null ? memo.remembered(threadId) : null;
        if (early != null && remembered != null) {
            Placed placed = remembered == early.state() ? early : place(threadId, incoming, remembered);
            AppendOutcome outcome = appendRemembered(session, mapper, threadId, placed);
            if (outcome != null) {
                return outcome;
            }
        }
        ThreadHead head = mapper.lockThread(threadId);
        if (head == null || head.isExpiredAt(clock.now())) {
            throw new ThreadNotFoundException(threadId);
        }
        Instant now = clock.after(head);
        WriteMemo.State state = memo.matching(threadId, head).orElse(null);
        Map<String, StoredMessage> existing = storedOfIds(mapper, threadId, incoming, state);
        List<Message> stored = new ArrayList<>(incoming.size());
        List<Message> added = new ArrayList<>();
        int sequence = maxSequence(mapper, threadId, head, state);
        for (Message message : incoming) {
            StoredMessage old = existing.get(message.id());
            if (old == null) {
                Message placed = message.withSequence(++sequence);
                added.add(placed);
                stored.add(placed);
            } else {
                Message same = message.withSequence(old.sequence());
                if (!unchanged(mapper, threadId, same, old)) {
                    throw new ConcurrentUpdateException(threadId, "Message '" + message.id() + "' is already in thread '"
                            + threadId + "' with different content; nothing of this append was written. Append it"
                            + " under a new id, or get() the thread to see the stored message.");
                }
                stored.add(old.message() != null ? old.message() : same);
            }
        }
        for (Message m : added) {
            writer.insert(mapper, threadId, m, digests.ofInserted(m));
        }
        if (added.isEmpty()) {
            return new AppendOutcome(stored, List.of(), state, head.version(), head.updatedAt(), sequence);
        }
        mapper.touchThread(threadId, now, head.version() + 1, clock.retention().onAppend(head.expiresAt(), now),
                added.size(), sequence);
        return new AppendOutcome(stored, added, state, head.version() + 1, now, sequence);
    }

    /**
     * The append of messages to a thread the memo remembers: they are placed after the remembered highest sequence,
     * and one statement advances the thread's row if it still is the remembered one (which also locks it), before
     * the messages are inserted in one batch. Their ids are not looked up: one already stored (a retry) fails the
     * insert on the primary key, and {@link #append} runs the locking path instead, which checks it.
     *
     * @return the outcome, or null when the row is not the remembered one any more: nothing was written
     */
    private @Nullable AppendOutcome appendRemembered(SqlSession session, ThreadMapper mapper, String threadId,
                                                     Placed placed) {
        WriteMemo.State state = placed.state();
        Instant now = clock.now();
        Instant updatedAt = WriteClock.after(now, state.updatedAt());
        List<Message> added = placed.added();
        int sequence = state.maxSequence() + added.size();
        mapper.advanceRememberedThread(new ThreadMapper.ThreadAdvance(threadId, state.version(), state.updatedAt(), now,
                updatedAt, clock.retention().onAppend(null, updatedAt), added.size(), sequence));
        if (SqlTransactions.updated(session.flushStatements()) == 0) {
            return null;
        }
        for (MessageWriter.Encoded rows : placed.rows()) {
            writer.insert(mapper, rows);
        }
        return new AppendOutcome(added, added, state, state.version() + 1, updatedAt, sequence);
    }

    /** The stored messages among the ids to append: from the memo when it describes the row, else their digests. */
    private static Map<String, StoredMessage> storedOfIds(ThreadMapper mapper, String threadId, List<Message> incoming,
                                                         WriteMemo.@Nullable State state) {
        Map<String, StoredMessage> existing = new HashMap<>();
        if (state != null) {
            for (Message m : incoming) {
                state.find(m.id()).ifPresent(k -> existing.put(m.id(), StoredMessage.remembered(k)));
            }
            return existing;
        }
        List<String> ids = incoming.stream().map(Message::id).toList();
        for (int from = 0; from < ids.size(); from += ThreadReads.CHUNK) {
            for (DigestRow d : mapper.selectDigests(threadId, ids.subList(from, Math.min(ids.size(), from + ThreadReads.CHUNK)))) {
                existing.put(d.id(), StoredMessage.ofRow(d));
            }
        }
        return existing;
    }

    /**
     * The locked thread's highest sequence, 0 when it has none: from the lock statement when the dialect reads it
     * there, else from the memo when it describes the row, else one more statement.
     */
    private static int maxSequence(ThreadMapper mapper, String threadId, ThreadHead head, WriteMemo.@Nullable State state) {
        Integer max = head.maxSequence();
        if (max != null && max == -1) {
            max = state != null ? Integer.valueOf(state.maxSequence()) : mapper.selectMaxSequence(threadId);
        }
        return max == null ? 0 : max;
    }

    /**
     * Whether a message to append is the one already stored under its id: compared with the instance this store
     * wrote when the memo has it, else by digest, else (a digest of an older scheme, never trusted) with the
     * stored row itself.
     */
    private boolean unchanged(ThreadMapper mapper, String threadId, Message candidate, StoredMessage old) {
        if (old.message() != null) {
            return candidate.equals(old.message());
        }
        if (MessageFingerprint.isCurrent(old.digest())) {
            return digests.of(candidate).equals(old.digest());
        }
        return reads.load(mapper, List.of(threadId)).stream()
                .flatMap(t -> t.messages().stream())
                .anyMatch(candidate::equals);
    }
}
