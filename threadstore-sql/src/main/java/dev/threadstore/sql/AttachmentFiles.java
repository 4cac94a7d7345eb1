package dev.threadstore.sql;

import dev.threadstore.sql.Rows.AttachmentRow;
import dev.threadstore.sql.Rows.ThreadRow;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which files the attachment rows reference: what a delete asks before it removes files, and what
 * {@link dev.threadstore.spi.AttachmentReferences} answers for a save that dropped attachments and for the
 * orphan collector. Asked in chunks, through the index on {@code attachments(storage_path)}.
 */
final class AttachmentFiles {

    private final SqlTransactions transactions;

    AttachmentFiles(SqlTransactions transactions) {
        this.transactions = transactions;
    }

    /** @return those of the storage paths some attachment row references */
    Set<String> referencedStoragePaths(Collection<String> storagePaths) {
        return transactions.transaction(false, "check attachment references", null,
                (session, mapper) -> referenced(mapper, storagePaths));
    }

    /** @return storage path to file id of the thread's stored files, if the thread is at that version */
    Optional<Map<String, String>> ofVersion(String threadId, long version) {
        return transactions.transaction(false, "read the attachment files of", threadId, (session, mapper) -> {
            ThreadRow row = mapper.selectThread(threadId);
            if (row == null || row.version() != version) {
                return Optional.<Map<String, String>>empty();
            }
            return Optional.of(storedFiles(mapper.selectAttachments(List.of(threadId))));
        });
    }

    /** Which of the storage paths some attachment row references, asked in chunks. */
    static Set<String> referenced(ThreadMapper mapper, Collection<String> storagePaths) {
        List<String> paths = List.copyOf(new LinkedHashSet<>(storagePaths));
        Set<String> found = new HashSet<>();
        for (int from = 0; from < paths.size(); from += ThreadReads.CHUNK) {
            found.addAll(mapper.selectReferencedStoragePaths(paths.subList(from, Math.min(paths.size(), from + ThreadReads.CHUNK))));
        }
        return found;
    }

    /** Storage path to file id of the stored attachments among the rows. */
    static Map<String, String> storedFiles(List<AttachmentRow> rows) {
        Map<String, String> files = new LinkedHashMap<>();
        for (AttachmentRow a : rows) {
            if ("STORED".equals(a.status()) && a.storagePath() != null && a.fileId() != null) {
                files.putIfAbsent(a.storagePath(), a.fileId());
            }
        }
        return files;
    }
}
