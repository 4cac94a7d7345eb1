package dev.threadstore.sql;

import dev.threadstore.sql.Rows.ThreadHead;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes a thread in one write transaction: lock its row, then delete it (messages and attachments go by
 * cascade). Asked to keep shared files, it also decides, in the same transaction, which of the thread's files no
 * other thread's attachment references any more; the caller deletes those after the commit.
 */
final class DeleteOperation {

    /**
     * What a delete committed.
     *
     * @param deleted whether there was a thread to delete
     * @param unreferencedFiles storage path to file id of the thread's files no thread references any more; empty
     *     when there was no thread or the files were not asked for
     */
    record DeleteOutcome(boolean deleted, Map<String, String> unreferencedFiles) {
        DeleteOutcome {
            unreferencedFiles = Collections.unmodifiableMap(new LinkedHashMap<>(unreferencedFiles)); // in the rows' order
        }
    }

    private static final DeleteOutcome NOTHING = new DeleteOutcome(false, Map.of());

    private final SqlTransactions transactions;
    private final WriteMemo memo;

    DeleteOperation(SqlTransactions transactions, WriteMemo memo) {
        this.transactions = transactions;
        this.memo = memo;
    }

    /** Deletes the thread, its files left alone. */
    DeleteOutcome delete(String threadId) {
        DeleteOutcome outcome = transactions.transaction(true, "delete", threadId, (session, mapper) -> {
            ThreadHead head = mapper.lockThread(threadId);
            if (head == null) {
                return NOTHING;
            }
            mapper.deleteThread(threadId);
            return new DeleteOutcome(true, Map.of());
        });
        memo.forget(threadId);
        return outcome;
    }

    /**
     * Within a write: locks the thread, reads its attachment files, deletes it (attachments go by cascade), then
     * asks which of those files another thread's attachment still references. The query runs after the delete
     * in the same transaction, so it sees every other thread as of this moment and the lock keeps the thread's
     * own saves out.
     */
    DeleteOutcome deleteKeepingSharedFiles(String threadId) {
        DeleteOutcome outcome = transactions.transaction(true, "delete", threadId, (session, mapper) -> {
            ThreadHead head = mapper.lockThread(threadId);
            if (head == null) {
                return NOTHING;
            }
            Map<String, String> files = AttachmentFiles.storedFiles(mapper.selectAttachments(List.of(threadId)));
            mapper.deleteThread(threadId);
            if (!files.isEmpty()) {
                files.keySet().removeAll(AttachmentFiles.referenced(mapper, files.keySet()));
            }
            return new DeleteOutcome(true, files);
        });
        memo.forget(threadId);
        return outcome;
    }
}
