package dev.threadstore.springai;

import dev.threadstore.Attachment;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.StoredFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Messages whose pending attachments were put in the file store, ready for {@code ThreadStore.append} (which takes
 * no pending bytes), with the files stored so that a failed append can remove them.
 *
 * @param messages the messages, every attachment stored
 * @param files the files this staging stored
 */
record StagedMessages(List<Message> messages, List<StoredFile> files) {

    /**
     * Stores every pending attachment. If one fails, the files stored so far are deleted and the error is thrown.
     *
     * @param messages messages that may hold pending attachments
     * @param fileStore the file store, or null when no message holds a pending attachment (the codec checks)
     */
    static StagedMessages stage(List<Message> messages, @Nullable FileStore fileStore) {
        List<Message> out = new ArrayList<>(messages.size());
        List<StoredFile> files = new ArrayList<>();
        StagedMessages staged = new StagedMessages(out, files);
        try {
            for (Message m : messages) {
                out.add(m.hasPendingAttachments() ? storeAttachments(m, requireFileStore(fileStore), files) : m);
            }
        } catch (RuntimeException e) {
            staged.deleteFiles(fileStore, e);
            throw e;
        }
        return new StagedMessages(List.copyOf(out), List.copyOf(files));
    }

    private static FileStore requireFileStore(@Nullable FileStore fileStore) {
        if (fileStore == null) {
            throw new IllegalArgumentException("a message holds media bytes; a FileStore is required to store them");
        }
        return fileStore;
    }

    private static Message storeAttachments(Message m, FileStore fileStore, List<StoredFile> files) {
        List<Attachment> stored = new ArrayList<>(m.attachments().size());
        for (Attachment a : m.attachments()) {
            byte[] content = a.content();
            if (!a.isPending() || content == null) {
                stored.add(a);
                continue;
            }
            StoredFile file = fileStore.save(content, a.filename(), a.mimeType());
            files.add(file);
            stored.add(a.withStoredFile(file, Map.of()));
        }
        return m.toBuilder().attachments(stored).build();
    }

    /** Deletes the files this staging stored, after a failed write; failures are added to {@code cause}. */
    void deleteFiles(@Nullable FileStore fileStore, RuntimeException cause) {
        if (fileStore == null) {
            return;
        }
        for (StoredFile f : files) {
            try {
                fileStore.delete(f.id(), f.storagePath());
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
