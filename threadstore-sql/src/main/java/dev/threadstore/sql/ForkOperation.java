package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.StorageException;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.spi.Forks;
import dev.threadstore.sql.Rows.MessageRow;
import dev.threadstore.sql.Rows.ThreadHead;
import dev.threadstore.sql.Rows.ThreadRow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Forks a thread in one write transaction: lock the original, check the sequence and the new id, insert the
 * fork's row, then copy the messages and their attachment rows server-side ({@code INSERT … SELECT}). The
 * messages are read once, for the returned thread.
 */
final class ForkOperation {

    /**
     * What a fork committed.
     *
     * @param fork the new thread as stored
     * @param copiedMessages how many messages were copied into it
     */
    record ForkOutcome(ChatThread fork, int copiedMessages) {
        ForkOutcome {
            Objects.requireNonNull(fork, "fork");
        }
    }

    private final SqlTransactions transactions;
    private final ThreadReads reads;
    private final RowCodec codec;
    private final WriteMemo memo;
    private final WriteClock clock;

    ForkOperation(SqlTransactions transactions, ThreadReads reads, RowCodec codec, WriteMemo memo, WriteClock clock) {
        this.transactions = transactions;
        this.reads = reads;
        this.codec = codec;
        this.memo = memo;
        this.clock = clock;
    }

    /**
     * @return the fork
     * @throws ThreadNotFoundException when the original does not exist
     * @throws IllegalArgumentException when the sequence is beyond the original's, or the new id is taken
     */
    ForkOutcome fork(String threadId, int throughSequence, String newThreadId) {
        Instant now = clock.now();
        try {
            return transactions.transaction(true, "fork", threadId,
                    (session, mapper) -> forkLocked(mapper, threadId, throughSequence, newThreadId, now));
        } catch (StorageException e) {
            if (transactions.isDuplicateKey(e)) {
                throw Forks.idTaken(newThreadId); // another fork or save created the id after our check
            }
            throw e;
        } finally {
            memo.forget(newThreadId);
        }
    }

    private ForkOutcome forkLocked(ThreadMapper mapper, String threadId, int throughSequence, String newThreadId,
                                   Instant now) {
        ThreadHead head = mapper.lockThread(threadId);
        if (head == null || head.isExpiredAt(now)) {
            throw new ThreadNotFoundException(threadId);
        }
        Forks.checkThroughSequence(threadId, throughSequence, lastSequence(mapper, threadId, head));
        ThreadHead taken = mapper.lockThread(newThreadId);
        if (taken != null && !taken.isExpiredAt(now)) {
            throw Forks.idTaken(newThreadId);
        }
        if (taken != null) {
            mapper.deleteThread(newThreadId); // an expired thread is absent: the fork takes its id, as a save would
        }
        ThreadRow row = Objects.requireNonNull(mapper.selectThread(threadId), "locked thread row");
        List<MessageRow> rows = throughSequence == 0 ? List.of()
                : mapper.selectMessageWindow(threadId, null, throughSequence + 1, null, false);
        ChatThread fork = Forks.fork(codec.thread(row, reads.messages(mapper, threadId, rows)), throughSequence,
                newThreadId, now).withExpiresAt(clock.retention().onSave(null, now));
        mapper.insertThread(ThreadMapper.ThreadWrite.of(codec.threadRow(fork), fork.messages().size(),
                fork.maxSequence()));
        if (!rows.isEmpty()) {
            mapper.copyMessages(threadId, newThreadId, throughSequence);
            mapper.copyAttachments(threadId, newThreadId, throughSequence);
        }
        return new ForkOutcome(fork, rows.size());
    }

    private static int lastSequence(ThreadMapper mapper, String threadId, ThreadHead head) {
        Integer last = head.maxSequence();
        if (last != null && last < 0) {
            last = mapper.selectMaxSequence(threadId); // the dialect's lock statement did not read it
        }
        return last == null ? 0 : last;
    }
}
