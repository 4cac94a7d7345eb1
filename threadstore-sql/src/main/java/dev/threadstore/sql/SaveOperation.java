package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.StorageException;
import dev.threadstore.spi.StoreWrites;
import dev.threadstore.sql.Rows.DigestRow;
import dev.threadstore.sql.Rows.ThreadHead;
import dev.threadstore.sql.Rows.ThreadRow;
import dev.threadstore.sql.ThreadMapper.ThreadWrite;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.session.SqlSession;
import org.jspecify.annotations.Nullable;

/**
 * Saves a whole thread in one write transaction, writing the thread's row (with its message count and last
 * sequence) and just the {@link MessageDifference} between what is stored and what is given. When the
 * {@link WriteMemo} remembers the thread at the given version, the difference comes from it (the caller's messages
 * that are the very instances it stored are unchanged without a look) and one statement,
 * {@code updateRememberedThreadKeepingHeader}, writes the row only if it still shows the remembered version and
 * update time, has not expired and already holds the thread's attributes and source: it locks, checks and writes at
 * once, so a save of one message costs that statement and one insert whatever the thread's length (a save that
 * changed the attributes or source runs {@code updateRememberedThread}, which writes them, after it). Otherwise (no memo, or the row moved on: that statement wrote nothing) it
 * locks the thread row, checks the version, and reads the (id, sequence, digest) of the stored messages to compare
 * digests unless the memo describes the locked row.
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
                        SaveOutcome written = saveLocked(session, mapper, thread, messages);
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
        memo.committed(id, WriteMemo.State.of(saved, lastSequence(saved.messages()), saved.messages()));
        return outcome;
    }

    private SaveOutcome saveLocked(SqlSession session, ThreadMapper mapper, ChatThread thread, List<Message> messages) {
        if (thread.version() > 0) {
            WriteMemo.State state = memo.remembered(thread.id());
            if (state != null && state.version() == thread.version()) {
                SaveOutcome outcome = saveRemembered(session, mapper, thread, messages, state);
                if (outcome != null) {
                    return outcome;
                }
            }
        }
        String id = thread.id();
        long version = thread.version();
        ThreadHead head = mapper.lockThread(id);
        if (head != null && head.isExpiredAt(clock.now())) {
            if (version == 0) {
                mapper.deleteThread(id); // an expired thread is absent: a new one takes its id
            }
            head = null;
        }
        if (version == 0 && head != null) {
            throw ConcurrentUpdateException.versionConflict(id, 0, head.version());
        }
        if (version > 0 && (head == null || head.version() != version)) {
            throw ConcurrentUpdateException.versionConflict(id, version, head == null ? -1 : head.version());
        }
        Instant updatedAt = clock.after(head);
        ChatThread stored = stored(thread, messages, head == null ? thread.createdAt() : head.createdAt(), updatedAt);
        ThreadWrite row = ThreadWrite.of(codec.threadRow(stored), stored.messages().size(),
                lastSequence(stored.messages()));
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
        return new SaveOutcome(stored, head == null, difference);
    }

    /**
     * The save of a thread whose stored row the memo remembers at the thread's version: the difference comes from
     * the memo, and one statement writes the row if it still is the remembered one (which also locks it).
     *
     * @return the outcome, or null when the row is not the remembered one any more: nothing was written
     */
    private @Nullable SaveOutcome saveRemembered(SqlSession session, ThreadMapper mapper, ChatThread thread,
                                                 List<Message> messages, WriteMemo.State state) {
        Instant now = clock.now();
        Instant updatedAt = WriteClock.after(now, state.updatedAt());
        ChatThread stored = stored(thread, messages, thread.createdAt(), updatedAt);
        Unsettled unsettled = unsettled(state, messages);
        MessageDifference difference = MessageDifference.between(unsettled.stored(), unsettled.given(), digests);
        ThreadWrite write = ThreadWrite.of(codec.threadRow(stored), stored.messages().size(),
                lastSequence(stored.messages())).ifStill(state.updatedAt(), now);
        mapper.updateRememberedThreadKeepingHeader(write);
        if (SqlTransactions.updated(session.flushStatements()) == 0) {
            mapper.updateRememberedThread(write); // the header changed, or the row is not the remembered one
            if (SqlTransactions.updated(session.flushStatements()) == 0) {
                return null;
            }
        }
        difference.write(mapper, thread.id(), writer);
        return new SaveOutcome(stored, false, difference);
    }

    /**
     * @param messages a saved thread's messages, in sequence order ({@link StoreWrites#messagesToSave} places and
     *     sorts them)
     * @return the highest sequence, 0 without messages: the last one's, without a scan
     */
    private static int lastSequence(List<Message> messages) {
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).sequence();
    }

    /** @return the thread as this save stores it */
    private ChatThread stored(ChatThread thread, List<Message> messages, Instant createdAt, Instant updatedAt) {
        return thread.toBuilder()
                .messages(messages)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .version(thread.version() + 1)
                .expiresAt(clock.retention().onSave(thread.expiresAt(), updatedAt))
                .build();
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
        Optional<WriteMemo.State> state = memo.matching(threadId, head);
        if (state.isPresent()) {
            return unsettled(state.get(), messages);
        }
        Map<String, StoredMessage> stored = new HashMap<>();
        for (DigestRow d : mapper.selectDigests(threadId, null)) {
            stored.put(d.id(), StoredMessage.ofRow(d));
        }
        return new Unsettled(stored, messages);
    }

    /** The leading given messages that are the very instances the state holds are settled without a look. */
    private static Unsettled unsettled(WriteMemo.State state, List<Message> messages) {
        List<Message> before = state.messages();
        int same = 0;
        int limit = Math.min(before.size(), messages.size());
        while (same < limit && before.get(same) == messages.get(same)) {
            same++;
        }
        Map<String, StoredMessage> stored = new HashMap<>();
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
