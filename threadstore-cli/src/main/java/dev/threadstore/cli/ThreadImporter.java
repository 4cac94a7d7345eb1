package dev.threadstore.cli;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes threads read from elsewhere (an export line, another store) into a store, idempotently: a thread the
 * store does not hold is saved whole in one save (all or nothing); one it holds with the same content is skipped;
 * one it holds with other content is a conflict, skipped unless overwriting was asked for.
 *
 * <p>"The same content" is every field but the two the store owns: {@code version} and {@code updatedAt}, which
 * every save sets (so an imported thread starts at version 1 and is stamped with the time of the import). Bytes
 * an attachment carries (an export made with {@code --with-files}) go to the target {@link FileStore} when one is
 * given, as a new stored file; without one the attachment keeps its reference and the bytes are dropped.
 */
final class ThreadImporter {

    /** What happened to one thread. */
    enum Outcome { IMPORTED, UNCHANGED, CONFLICT, OVERWRITTEN }

    private final ThreadStore target;
    private final @Nullable FileStore files;
    private final boolean overwrite;

    ThreadImporter(ThreadStore target, @Nullable FileStore files, boolean overwrite) {
        this.target = target;
        this.files = files;
        this.overwrite = overwrite;
    }

    Outcome write(ChatThread thread) {
        ChatThread incoming = withAttachmentBytesResolved(thread);
        Optional<ChatThread> existing = target.get(incoming.id());
        if (existing.isEmpty()) {
            save(incoming.toBuilder().version(0).build());
            return Outcome.IMPORTED;
        }
        if (sameContent(existing.get(), incoming)) {
            return Outcome.UNCHANGED;
        }
        if (!overwrite) {
            return Outcome.CONFLICT;
        }
        save(incoming.toBuilder().version(existing.get().version()).build());
        return Outcome.OVERWRITTEN;
    }

    /** @return whether the two threads are equal in everything but the store-owned version and update time */
    static boolean sameContent(ChatThread a, ChatThread b) {
        return withoutStoreFields(a).equals(withoutStoreFields(b));
    }

    private static ChatThread withoutStoreFields(ChatThread t) {
        return t.toBuilder().version(0).updatedAt(t.createdAt()).build();
    }

    private void save(ChatThread thread) {
        if (files != null && thread.hasPendingAttachments()) {
            target.save(thread, files);
        } else {
            target.save(thread);
        }
    }

    /** Bytes on a stored attachment: a new pending file for the target's file store, or dropped without one. */
    private ChatThread withAttachmentBytesResolved(ChatThread thread) {
        boolean any = false;
        List<Message> messages = new ArrayList<>(thread.messages().size());
        for (Message m : thread.messages()) {
            List<Attachment> attachments = new ArrayList<>(m.attachments().size());
            boolean changed = false;
            for (Attachment a : m.attachments()) {
                if (a.hasContent() && a.status() != AttachmentStatus.PENDING) {
                    byte[] content = a.content();
                    attachments.add(files != null && content != null
                            ? new Attachment(a.filename(), content, a.mimeType(), a.attributes(), null, null, null,
                                    AttachmentStatus.PENDING, a.size(), null)
                            : withoutBytes(a));
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

    /** The attachment without its bytes, everything else kept. */
    // NullAway reads Attachment from the API's class file; on JDK 17 javac does not load the type-use annotation of
    // `byte @Nullable [] content` from a class file (JDK 22 does), so NullAway takes the parameter as non-null. It is
    // nullable: null is the documented "bytes not held". Only this call is exempt.
    @SuppressWarnings("NullAway")
    private static Attachment withoutBytes(Attachment a) {
        return new Attachment(a.filename(), null, a.mimeType(), a.attributes(), a.fileId(), a.storagePath(),
                a.storageBackend(), a.status(), a.size(), a.sha256());
    }
}
