package dev.threadstore.cli;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import java.util.ArrayList;
import java.util.List;

/** {@code export --with-files}: a thread whose stored attachments carry their bytes, read from the file store. */
final class AttachmentExport {

    private AttachmentExport() {
    }

    static ChatThread withFileBytes(ChatThread thread, FileStore files) {
        boolean any = false;
        List<Message> messages = new ArrayList<>(thread.messages().size());
        for (Message m : thread.messages()) {
            List<Attachment> attachments = new ArrayList<>(m.attachments().size());
            boolean changed = false;
            for (Attachment a : m.attachments()) {
                if (a.status() == AttachmentStatus.STORED && !a.hasContent() && a.fileId() != null
                        && a.storagePath() != null) {
                    byte[] bytes = files.get(a.fileId(), a.storagePath());
                    attachments.add(new Attachment(a.filename(), bytes, a.mimeType(), a.attributes(), a.fileId(),
                            a.storagePath(), a.storageBackend(), a.status(), a.size(), a.sha256()));
                    changed = true;
                } else {
                    attachments.add(a);
                }
            }
            messages.add(changed ? m.toBuilder().attachments(attachments).build() : m);
            any |= changed;
        }
        return any ? thread.toBuilder().messages(messages).build() : thread;
    }
}
