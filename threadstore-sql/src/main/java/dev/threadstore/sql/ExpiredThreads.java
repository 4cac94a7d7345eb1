package dev.threadstore.sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deleteExpired} on the SQL backends: one write transaction picks up to {@code maxThreads} expired threads,
 * oldest expiry first ({@code selectExpiredThreadIds}, served by the {@code threads_expires_at} index), and deletes
 * each whole. Concurrent purgers never take the same thread: on PostgreSQL the pick locks its rows and skips rows
 * another transaction holds ({@code FOR UPDATE SKIP LOCKED}); on SQLite write transactions take turns
 * ({@code BEGIN IMMEDIATE}), so the second purger picks after the first committed. With files, each thread goes
 * through the delete that keeps shared files ({@link DeleteOperation#deleteLocked}), one after another in the same
 * transaction, so a file two expired threads share goes with the second of them.
 */
final class ExpiredThreads {

    /**
     * What a purge committed.
     *
     * @param deleted the ids of the threads deleted
     * @param unreferencedFiles storage path to file id of the deleted threads' files no remaining thread references;
     *     empty when the purge was asked to leave files alone
     */
    record Purge(List<String> deleted, Map<String, String> unreferencedFiles) {
        Purge {
            deleted = List.copyOf(deleted);
            unreferencedFiles = Map.copyOf(unreferencedFiles);
        }
    }

    private final SqlTransactions transactions;
    private final WriteMemo memo;
    private final WriteClock clock;

    ExpiredThreads(SqlTransactions transactions, WriteMemo memo, WriteClock clock) {
        this.transactions = transactions;
        this.memo = memo;
        this.clock = clock;
    }

    /**
     * @param maxThreads the most threads to delete, at least 1 (checked by the caller)
     * @param withFiles whether to decide which of the deleted threads' files no remaining thread references
     * @return what was deleted
     */
    Purge purge(int maxThreads, boolean withFiles) {
        Instant now = clock.now();
        Purge purge = transactions.transaction(true, "delete expired threads", null, (session, mapper) -> {
            List<String> ids = mapper.selectExpiredThreadIds(now, maxThreads);
            List<String> deleted = new ArrayList<>(ids.size());
            Map<String, String> files = new LinkedHashMap<>();
            for (String id : ids) {
                if (withFiles) {
                    files.putAll(DeleteOperation.deleteLocked(mapper, id));
                } else {
                    mapper.deleteThread(id);
                }
                deleted.add(id);
            }
            return new Purge(deleted, files);
        });
        purge.deleted().forEach(memo::forget);
        return purge;
    }
}
