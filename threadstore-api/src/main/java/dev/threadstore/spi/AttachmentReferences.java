package dev.threadstore.spi;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a backend tells the attachment lifecycle about the files its threads reference, so that files are
 * deleted only when no thread needs them. A {@link dev.threadstore.ThreadStore} that implements this
 * interface answers from its own index; one that does not is asked through its public methods instead
 * (reading every thread), which is correct but costs a scan per call.
 *
 * <p>Files are identified by their storage path, as {@link dev.threadstore.FileStore#save} returned it.
 * Implementations are thread-safe.
 */
public interface AttachmentReferences {

    /**
     * Which of the given files stored threads still reference, answered from the store's own index.
     *
     * @param storagePaths storage paths, any number
     * @return those of them that at least one stored thread's attachment references
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached
     * @throws NullPointerException if {@code storagePaths} or one of them is null
     * @throws IllegalStateException if the store is closed
     */
    Set<String> referencedStoragePaths(Collection<String> storagePaths);

    /**
     * The files a thread's stored attachments point to, if the thread is stored at exactly this version.
     *
     * @param threadId the thread
     * @param version the version the caller expects
     * @return storage path to file id of every stored attachment, or empty when the thread does not exist or
     *     is at another version
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached
     * @throws NullPointerException if {@code threadId} is null
     * @throws IllegalStateException if the store is closed
     */
    Optional<Map<String, String>> attachmentFiles(String threadId, long version);

    /**
     * Deletes files after the transaction that unreferenced them committed. Every file is attempted; a file
     * already gone is not an error.
     *
     * @param fileStore the file store
     * @param files storage path to file id
     * @return the storage paths of the files that existed and were deleted, in the map's order
     * @throws RuntimeException the first failure, with the later ones suppressed, after every file was attempted
     * @throws NullPointerException if an argument is null
     */
    static List<String> deleteFiles(FileStore fileStore, Map<String, String> files) {
        Objects.requireNonNull(fileStore, "fileStore");
        Objects.requireNonNull(files, "files");
        List<String> deleted = new ArrayList<>();
        RuntimeException failure = null;
        for (Map.Entry<String, String> file : files.entrySet()) {
            try {
                if (fileStore.delete(file.getValue(), file.getKey())) {
                    deleted.add(file.getKey());
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return deleted;
    }

    /**
     * The files a thread's stored attachments point to.
     *
     * @param thread a thread
     * @return storage path to file id of every {@link AttachmentStatus#STORED} attachment of the thread, in
     *     message order, each path once
     * @throws NullPointerException if {@code thread} is null
     */
    static Map<String, String> storedFiles(ChatThread thread) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Message m : thread.messages()) {
            for (Attachment a : m.attachments()) {
                if (a.status() == AttachmentStatus.STORED && a.storagePath() != null && a.fileId() != null) {
                    files.putIfAbsent(a.storagePath(), a.fileId());
                }
            }
        }
        return files;
    }
}
