package dev.threadstore.cli;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.StoredFile;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.ThreadRestore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Writes threads read from elsewhere (an export line, another store) into a store, idempotently: a thread the
 * store does not hold is written whole (all or nothing); one it holds already is skipped; one it holds in another
 * state is a conflict, skipped unless overwriting was asked for.
 *
 * <p>When the target's backend offers {@link ThreadRestore} (memory, SQLite and PostgreSQL do), a thread is
 * restored exactly as given: its {@code version} and {@code updatedAt} too, so an export of the target gives the
 * same bytes as the export that was imported. "Already held" then means equal in every field; the same content at
 * another version is a conflict. A backend without it gets the thread through {@code save}, which stamps its own
 * {@code version} (1 for a new thread) and {@code updatedAt}; "already held" then means equal in every field but
 * those two, and the importer says once on standard error that the copy is not exact. A thread no store wrote
 * (version 0, as in a hand-written line that leaves the version out, or with unplaced messages) is saved that way on
 * every backend: it is new, so the target gives it version 1, its update time and the messages' places.
 *
 * <p>Bytes an attachment carries (an export made with {@code --with-files}) go to the target {@link FileStore} when
 * one is given, as a new stored file that the attachment then references; without one the attachment keeps its
 * reference and the bytes are dropped. A thread whose only difference from the stored one is where its files live
 * counts as already held, so re-running such an import stores no file twice. Not thread-safe.
 */
final class ThreadImporter {

    /** What happened to one thread. */
    enum Outcome { IMPORTED, UNCHANGED, CONFLICT, OVERWRITTEN }

    private final ThreadStore target;
    private final @Nullable ThreadRestore restore;
    private final @Nullable FileStore files;
    private final boolean overwrite;

    /**
     * @param target the store written to
     * @param files where attachment bytes go, or null to drop them
     * @param overwrite whether a thread held in another state is replaced
     * @param err where the one notice goes when the target cannot restore exactly
     * @param targetName the target's name for that notice (its masked URL)
     */
    ThreadImporter(ThreadStore target, @Nullable FileStore files, boolean overwrite, PrintWriter err,
                   String targetName) {
        this.target = target;
        this.files = files;
        this.overwrite = overwrite;
        this.restore = ThreadRestore.of(target).orElse(null);
        if (restore == null) {
            err.println("note: " + targetName + " cannot restore threads exactly (its backend has no ThreadRestore):"
                    + " threads are saved instead, so the target stamps its own version and updatedAt");
        }
    }

    /** @return whether threads are written exactly as given, version and update time included */
    boolean exact() {
        return restore != null;
    }

    Outcome write(ChatThread thread) {
        return restore != null && wasStored(thread) ? restore(restore, thread) : save(thread);
    }

    /**
     * @return whether the thread is in a form a store wrote: at version 1 or more, every message placed; a line at
     *     version 0 (written by hand, the version left out) or with unplaced messages is a new thread, to be saved
     */
    private static boolean wasStored(ChatThread thread) {
        if (thread.version() < 1) {
            return false;
        }
        for (Message m : thread.messages()) {
            if (m.sequence() == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return whether a thread read back from the target is the one written: equal when restored, equal apart from
     *     the store-owned version and update time when saved
     */
    boolean copied(ChatThread source, ChatThread copy) {
        return exact() ? withoutBytes(source).equals(copy) : sameContent(source, copy);
    }

    /** @return whether the two threads are equal in everything but the store-owned version and update time */
    static boolean sameContent(ChatThread a, ChatThread b) {
        return withoutStoreFields(a).equals(withoutStoreFields(b));
    }

    private Outcome restore(ThreadRestore restore, ChatThread thread) {
        FileStore fileStore = files;
        if (fileStore == null || !carriesBytes(thread)) {
            return restored(restore, withoutBytes(thread), List.of());
        }
        Optional<ChatThread> existing = target.get(thread.id());
        if (existing.isPresent() && withoutFileReferences(existing.get()).equals(withoutFileReferences(thread))) {
            return Outcome.UNCHANGED; // the same thread, its files already stored
        }
        List<StoredFile> stored = new ArrayList<>();
        try {
            ChatThread referenced = mapAttachments(thread, a -> {
                byte[] content = a.content();
                if (content == null || a.status() == AttachmentStatus.PENDING) {
                    return a;
                }
                StoredFile file = fileStore.save(content, a.filename(), a.mimeType());
                stored.add(file);
                return withoutContent(a, file.id(), file.storagePath(), file.storageBackend(), AttachmentStatus.STORED);
            });
            return restored(restore, referenced, stored);
        } catch (RuntimeException e) {
            deleteQuietly(stored, e);
            throw e;
        }
    }

    /** Restores, turning a refusal into a conflict; the files stored for the thread go when it is not written. */
    private Outcome restored(ThreadRestore restore, ChatThread thread, List<StoredFile> stored) {
        ThreadRestore.Outcome outcome;
        try {
            outcome = restore.restore(thread, overwrite);
        } catch (ConcurrentUpdateException e) {
            deleteQuietly(stored, null);
            return Outcome.CONFLICT;
        }
        switch (outcome) {
            case CREATED:
                return Outcome.IMPORTED;
            case REPLACED:
                return Outcome.OVERWRITTEN;
            default:
                deleteQuietly(stored, null);
                return Outcome.UNCHANGED;
        }
    }

    private void deleteQuietly(List<StoredFile> stored, @Nullable RuntimeException failure) {
        FileStore fileStore = files;
        if (fileStore == null) {
            return;
        }
        for (StoredFile file : stored) {
            try {
                fileStore.delete(file.id(), file.storagePath());
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    private Outcome save(ChatThread thread) {
        ChatThread incoming = withAttachmentBytesPending(thread);
        Optional<ChatThread> existing = target.get(incoming.id());
        if (existing.isEmpty()) {
            saveWithFiles(incoming.toBuilder().version(0).build());
            return Outcome.IMPORTED;
        }
        if (sameContent(existing.get(), incoming)) {
            return Outcome.UNCHANGED;
        }
        if (!overwrite) {
            return Outcome.CONFLICT;
        }
        saveWithFiles(incoming.toBuilder().version(existing.get().version()).build());
        return Outcome.OVERWRITTEN;
    }

    private void saveWithFiles(ChatThread thread) {
        if (files != null && thread.hasPendingAttachments()) {
            target.save(thread, files);
        } else {
            target.save(thread);
        }
    }

    private static ChatThread withoutStoreFields(ChatThread t) {
        return t.toBuilder().version(0).updatedAt(t.createdAt()).build();
    }

    /** For save: bytes on a stored attachment become a new pending file for the target's file store, or are dropped. */
    private ChatThread withAttachmentBytesPending(ChatThread thread) {
        return mapAttachments(thread, a -> {
            byte[] content = a.content();
            if (content == null || a.status() == AttachmentStatus.PENDING) {
                return a;
            }
            return files != null
                    ? new Attachment(a.filename(), content, a.mimeType(), a.attributes(), null, null, null,
                            AttachmentStatus.PENDING, a.size(), null)
                    : withoutContent(a);
        });
    }

    private static ChatThread withoutBytes(ChatThread thread) {
        return mapAttachments(thread, a -> a.hasContent() && a.status() != AttachmentStatus.PENDING ? withoutContent(a) : a);
    }

    /** The thread with every attachment's bytes dropped and its file reference (id, path, backend) blanked out. */
    private static ChatThread withoutFileReferences(ChatThread thread) {
        return mapAttachments(thread, a -> withoutContent(a, a.fileId() == null ? null : "*",
                a.storagePath() == null ? null : "*", a.storageBackend() == null ? null : "*", a.status()));
    }

    private static Attachment withoutContent(Attachment a) {
        return withoutContent(a, a.fileId(), a.storagePath(), a.storageBackend(), a.status());
    }

    /** The attachment without its bytes, with the given file reference and status, everything else kept. */
    // NullAway reads Attachment from the API's class file; on JDK 17 javac does not load the type-use annotation of
    // `byte @Nullable [] content` from a class file (JDK 22 does), so NullAway takes the parameter as non-null. It is
    // nullable: null is the documented "bytes not held". Only this constructor call is exempt.
    @SuppressWarnings("NullAway")
    private static Attachment withoutContent(Attachment a, @Nullable String fileId, @Nullable String storagePath,
                                             @Nullable String storageBackend, AttachmentStatus status) {
        return new Attachment(a.filename(), null, a.mimeType(), a.attributes(), fileId, storagePath, storageBackend,
                status, a.size(), a.sha256());
    }

    private static boolean carriesBytes(ChatThread thread) {
        for (Message m : thread.messages()) {
            for (Attachment a : m.attachments()) {
                if (a.hasContent() && a.status() != AttachmentStatus.PENDING) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the thread with each attachment mapped; the same instance when no attachment changed */
    private static ChatThread mapAttachments(ChatThread thread, UnaryOperator<Attachment> change) {
        boolean any = false;
        List<Message> messages = new ArrayList<>(thread.messages().size());
        for (Message m : thread.messages()) {
            List<Attachment> attachments = new ArrayList<>(m.attachments().size());
            boolean changed = false;
            for (Attachment a : m.attachments()) {
                Attachment mapped = change.apply(a);
                changed |= !mapped.equals(a);
                attachments.add(mapped);
            }
            messages.add(changed ? m.toBuilder().attachments(attachments).build() : m);
            any |= changed;
        }
        return any ? thread.toBuilder().messages(messages).build() : thread;
    }

}
