package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.StorageException;
import dev.threadstore.spi.ThreadRestore;
import dev.threadstore.sql.Rows.ThreadHead;
import dev.threadstore.sql.ThreadMapper.ThreadWrite;
import java.util.List;
import java.util.Objects;

/**
 * Restores a thread exactly as given ({@link ThreadRestore}) in one write transaction: lock the thread row; if a live
 * thread holds the id, read it and stop when it is the given one, refuse when it differs and replacing was not
 * asked for; delete what is there (an expired or replaced thread: messages, attachments and index rows go by
 * cascade); insert the thread's row with its own version and times, every message with its digest and attachments,
 * and the summary counts. Two restores that create the same id at once meet at the primary key: the loser runs
 * again and then finds the winner's thread.
 */
final class RestoreOperation {

    /**
     * What a restore committed.
     *
     * @param restored the thread as stored (as given, messages in sequence order, attachment bytes dropped), or the
     *     stored thread when nothing was written
     * @param outcome what the restore did
     */
    record RestoreOutcome(ChatThread restored, ThreadRestore.Outcome outcome) {
        RestoreOutcome {
            Objects.requireNonNull(restored, "restored");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    private final SqlTransactions transactions;
    private final ThreadReads reads;
    private final RowCodec codec;
    private final MessageWriter writer;
    private final MessageDigests digests;
    private final WriteMemo memo;
    private final WriteClock clock;

    RestoreOperation(SqlTransactions transactions, ThreadReads reads, RowCodec codec, MessageWriter writer,
                     MessageDigests digests, WriteMemo memo, WriteClock clock) {
        this.transactions = transactions;
        this.reads = reads;
        this.codec = codec;
        this.writer = writer;
        this.digests = digests;
        this.memo = memo;
        this.clock = clock;
    }

    /**
     * @param thread the thread, already through {@link ThreadRestore#checkRestorable}
     * @param replace whether a different live thread may be overwritten
     * @return what was committed
     * @throws ConcurrentUpdateException when a different live thread holds the id and {@code replace} is false
     */
    RestoreOutcome restore(ChatThread thread, boolean replace) {
        String id = thread.id();
        try {
            return inTransaction(thread, replace);
        } catch (StorageException e) {
            if (!transactions.isDuplicateKey(e)) {
                throw e;
            }
            return inTransaction(thread, replace); // another writer created the id meanwhile: now its row is locked
        } finally {
            memo.forget(id); // the row's version and time may equal a state the memo holds, with other messages
        }
    }

    private RestoreOutcome inTransaction(ChatThread thread, boolean replace) {
        return transactions.transaction(true, "restore", thread.id(),
                (session, mapper) -> restoreLocked(mapper, thread, replace));
    }

    private RestoreOutcome restoreLocked(ThreadMapper mapper, ChatThread thread, boolean replace) {
        String id = thread.id();
        ThreadRestore.Outcome outcome = ThreadRestore.Outcome.CREATED;
        ThreadHead head = mapper.lockThread(id);
        if (head != null) {
            if (!head.isExpiredAt(clock.now())) {
                List<ChatThread> stored = reads.load(mapper, List.of(id));
                if (!stored.isEmpty() && stored.get(0).equals(thread)) {
                    return new RestoreOutcome(stored.get(0), ThreadRestore.Outcome.UNCHANGED);
                }
                if (!replace) {
                    throw new ConcurrentUpdateException(id, "Thread '" + id + "' is already stored at version "
                            + head.version() + " with other content; nothing was restored. Restore with replace to"
                            + " overwrite it, or delete it first.");
                }
                outcome = ThreadRestore.Outcome.REPLACED;
            }
            mapper.deleteThread(id); // an expired thread is absent; a replaced one goes whole, then comes back as given
        }
        mapper.insertThread(ThreadWrite.of(codec.threadRow(thread), thread.messages().size(), thread.maxSequence()));
        MessageDifference.allNew(thread.messages(), digests).write(mapper, id, writer);
        return new RestoreOutcome(thread, outcome);
    }
}
