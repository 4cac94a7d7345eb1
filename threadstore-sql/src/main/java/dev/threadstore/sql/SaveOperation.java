package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.StorageException;
import dev.threadstore.spi.StoreWrites;
import dev.threadstore.sql.Rows.DigestRow;
import dev.threadstore.sql.Rows.ThreadHead;
import dev.threadstore.sql.Rows.ThreadRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.executor.BatchResult;

/**
 * Saves a whole thread in one write transaction: lock the thread row, check the version, then write the
 * thread's row and just the {@link MessageDifference} between what is stored and what is given. To find the
 * difference it consults the {@link WriteMemo}: when the locked row still shows the version and update time this
 * store last committed, the caller's messages that are the very instances it stored are unchanged without a
 * look, so the database work of a save does not grow with the thread; otherwise it reads the (id, sequence,
 * digest) of the stored messages and compares digests.
 */
final class SaveOperation {

    /**
     * What a save committed.
     *
     * @param saved the thread as stored: new version, update time, and creation time of the stored row
     * @param created whether the save created the thread
     * @param difference the message rows it wrote
     */
    record SaveOutcome(ChatThread saved, boolean created, MessageDifference difference) {
    }

    private final SqlTransactions transactions;
    private final RowCodec codec;
    private final MessageWriter writer;
    private final MessageDigests digests;
    private final WriteMemo memo;
    private final WriteClock clock;

    SaveOperation(SqlTransactions transactions, RowCodec codec, MessageWriter writer, MessageDigests digests,
                  WriteMemo memo, WriteClock clock) {
        this.transactions = transactions;
        this.codec = codec;
        this.writer = writer;
        this.digests = digests;
        this.memo = memo;
        this.clock = clock;
    }

    /**
     * @param thread the thread to save, version 0 to create it
     * @return what was committed
     * @throws ConcurrentUpdateException when the stored version is not the thread's
     */
    SaveOutcome save(ChatThread thread) {
        List<Message> messages = StoreWrites.messagesToSave(thread);
        String id = thread.id();
        long version = thread.version();
        SaveOutcome outcome;
        try {
            outcome = transactions.transaction(true, "save", id,
                    (session, mapper) -> {
                        SaveOutcome written = saveLocked(mapper, thread, messages);
                        checkThreadUpdated(session.flushStatements(), id, version);
                        return written;
                    });
        } catch (StorageException e) {
            memo.forget(id);
            if (version == 0 && transactions.isDuplicateKey(e)) {
                long stored = transactions.transaction(false, "save", id, (session, mapper) -> {
                    ThreadRow row = mapper.selectThread(id);
                    return row == null ? -1L : row.version();
                });
                throw ConcurrentUpdateException.versionConflict(id, 0, stored);
            }
            throw e;
        }
        ChatThread saved = outcome.saved();
        memo.committed(id, WriteMemo.State.of(saved.version(), saved.updatedAt(), saved.maxSequence(), saved.messages()));
        return outcome;
    }

    private SaveOutcome saveLocked(ThreadMapper mapper, ChatThread thread, List<Message> messages) {
        String id = thread.id();
        long version = thread.version();
        ThreadHead head = mapper.lockThread(id);
        if (version == 0 && head != null) {
            throw ConcurrentUpdateException.versionConflict(id, 0, head.version());
        }
        if (version > 0 && (head == null || head.version() != version)) {
            throw ConcurrentUpdateException.versionConflict(id, version, head == null ? -1 : head.version());
        }
        ChatThread stored = thread.toBuilder()
                .messages(messages)
                .createdAt(head == null ? thread.createdAt() : head.createdAt())
                .updatedAt(clock.after(head))
                .version(version + 1)
                .build();
        ThreadRow row = codec.threadRow(stored);
        MessageDifference difference;
        if (head == null) {
            mapper.insertThread(row);
            difference = MessageDifference.allNew(messages, digests);
        } else {
            mapper.updateThread(row);
            Unsettled unsettled = unsettled(mapper, id, head, messages);
            difference = MessageDifference.between(unsettled.stored(), unsettled.given(), digests);
        }
        difference.write(mapper, id, writer);
        mapper.setMessageCounts(id, stored.messages().size(), stored.maxSequence());
        return new SaveOutcome(stored, head == null, difference);
    }

    /**
     * The stored and the given messages that may differ.
     *
     * @param stored the stored messages not known to be the given ones, by id
     * @param given the given messages not known to be stored
     */
    private record Unsettled(Map<String, StoredMessage> stored, List<Message> given) {
    }

    /**
     * When the memo still describes the locked row, the leading given messages that are the very instances last
     * written are settled without a look; otherwise every stored (id, sequence, digest) row is read.
     */
    private Unsettled unsettled(ThreadMapper mapper, String threadId, ThreadHead head, List<Message> messages) {
        Map<String, StoredMessage> stored = new HashMap<>();
        Optional<WriteMemo.State> state = memo.matching(threadId, head);
        if (state.isEmpty()) {
            for (DigestRow d : mapper.selectDigests(threadId, null)) {
                stored.put(d.id(), StoredMessage.ofRow(d));
            }
            return new Unsettled(stored, messages);
        }
        List<Message> before = state.get().messages();
        int same = 0;
        int limit = Math.min(before.size(), messages.size());
        while (same < limit && before.get(same) == messages.get(same)) {
            same++;
        }
        for (Message m : before.subList(same, before.size())) {
            stored.put(m.id(), StoredMessage.remembered(m));
        }
        return new Unsettled(stored, messages.subList(same, messages.size()));
    }

    private static void checkThreadUpdated(List<BatchResult> results, String id, long version) {
        for (BatchResult result : results) {
            if (result.getMappedStatement().getId().endsWith(".updateThread")) {
                for (int count : result.getUpdateCounts()) {
                    if (count == 0) {
                        throw ConcurrentUpdateException.versionConflict(id, version, -1);
                    }
                }
            }
        }
    }
}
