package dev.threadstore;

import dev.threadstore.spi.AttachmentReferences;
import java.io.EOFException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves a thread's pending attachment bytes into a {@link FileStore} before the thread is saved, and
 * takes them out again if anything fails, so that a failed save leaves no orphan file; deletes the files a
 * save or a delete left unreferenced, and collects orphans. Shared by every backend through the default
 * methods of {@link ThreadStore}; a backend that implements {@link AttachmentReferences} answers the
 * reference questions from its own index.
 */
final class AttachmentStaging {

    static final int TEXT_PREVIEW_CHARS = 500;

    /** How many storage paths one reference check asks about. */
    static final int ORPHAN_BATCH = 500;

    private static final System.Logger LOG = System.getLogger(AttachmentStaging.class.getName());

    /** JSON attachments up to this size get their parsed value in the {@code parsed_content} attribute. */
    static final int MAX_PARSED_JSON_BYTES = 1024 * 1024;

    private static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private AttachmentStaging() {
    }

    /**
     * Stores every pending attachment, then saves the thread with them {@link AttachmentStatus#STORED};
     * after the commit deletes the files the previous version referenced and the saved one does not, when no
     * other thread references them. If a file cannot be stored or the save fails, the files stored so far are
     * deleted and the failure is rethrown unchanged (cleanup failures are added to it as suppressed), unless
     * the save's outcome is unknown: see {@link #unknownOutcome}.
     */
    static ChatThread saveWithAttachments(ThreadStore store, ChatThread thread, FileStore fileStore) {
        AttachmentReferences references = references(store);
        Optional<Map<String, String>> before = thread.version() > 0
                ? references.attachmentFiles(thread.id(), thread.version())
                : Optional.empty();
        ChatThread saved = thread.hasPendingAttachments()
                ? storeAndSave(store, thread, fileStore)
                : store.save(thread);
        before.ifPresent(files -> deleteDropped(references, fileStore, files, saved));
        return saved;
    }

    private static ChatThread storeAndSave(ThreadStore store, ChatThread thread, FileStore fileStore) {
        List<StoredFile> stored = new ArrayList<>();
        boolean saving = false;
        try {
            List<Message> messages = new ArrayList<>(thread.messages().size());
            for (Message m : thread.messages()) {
                messages.add(m.hasPendingAttachments() ? storeAttachments(m, fileStore, stored) : m);
            }
            ChatThread toSave = thread.toBuilder().messages(messages).build();
            saving = true;
            return store.save(toSave);
        } catch (RuntimeException e) {
            if (saving && !stored.isEmpty() && commitOutcomeUnknown(e)) {
                return unknownOutcome(store, thread, fileStore, stored, e);
            }
            deleteStored(fileStore, stored, e);
            throw e;
        } catch (Error e) {
            deleteStored(fileStore, stored, e);
            throw e;
        }
    }

    /**
     * The save failed in a way that leaves its commit in doubt (the connection broke while it ran). The thread
     * is read back: our files are fresh ids, so a stored thread referencing one of them proves the commit, and
     * then the saved thread is the result; a stored thread without them proves the opposite, and the files go.
     * When even that cannot be read, the files are kept and the error says so.
     */
    private static ChatThread unknownOutcome(ThreadStore store, ChatThread thread, FileStore fileStore,
                                             List<StoredFile> stored, RuntimeException failure) {
        Optional<ChatThread> current;
        try {
            current = store.get(thread.id());
        } catch (RuntimeException checkFailed) {
            failure.addSuppressed(checkFailed);
            throw keptFiles(thread, stored, failure);
        }
        Set<String> ours = new HashSet<>();
        stored.forEach(f -> ours.add(f.storagePath()));
        boolean committed = current.isPresent() && !Collections.disjoint(storedFiles(current.get()).keySet(), ours);
        if (!committed) {
            deleteStored(fileStore, stored, failure);
            throw failure;
        }
        if (current.get().version() == thread.version() + 1) {
            return current.get();
        }
        throw keptFiles(thread, stored, failure);
    }

    private static RuntimeException keptFiles(ChatThread thread, List<StoredFile> stored, RuntimeException failure) {
        String message = "The save of thread '" + thread.id() + "' may or may not have committed (" + failure.getMessage()
                + "). The " + stored.size() + " attachment file(s) it stored were kept, since a committed row may point"
                + " at them: " + String.join(", ", stored.stream().map(StoredFile::storagePath).toList())
                + ". get() the thread to see whether it was saved; ThreadStore.collectOrphans removes the files if not.";
        return failure instanceof StoreUnavailableException
                ? new StoreUnavailableException(message, failure)
                : new StorageException(message, failure);
    }

    /**
     * Whether a failure of {@code save} leaves its commit in doubt: the store was unreachable, or a storage
     * failure whose cause says the connection broke (SQL state class 08, a recoverable or connection
     * exception, a socket or end-of-stream failure).
     */
    static boolean commitOutcomeUnknown(RuntimeException e) {
        if (e instanceof StoreUnavailableException) {
            return true;
        }
        if (!(e instanceof StorageException) || e.getClass() != StorageException.class) {
            return false;
        }
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e.getCause(); t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLTransientConnectionException || t instanceof SocketException
                    || t instanceof EOFException) {
                return true;
            }
            if (t instanceof SQLException && ((SQLException) t).getSQLState() != null
                    && ((SQLException) t).getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static void deleteStored(FileStore fileStore, List<StoredFile> stored, Throwable failure) {
        for (StoredFile file : stored) {
            try {
                fileStore.delete(file.id(), file.storagePath());
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
        }
    }

    /**
     * Deletes the files the replaced version referenced and the saved one does not, unless another thread
     * references them. The save has committed: a failure here is logged, not thrown (orphan collection
     * removes what is left).
     */
    private static void deleteDropped(AttachmentReferences references, FileStore fileStore, Map<String, String> before,
                                      ChatThread saved) {
        Map<String, String> dropped = new LinkedHashMap<>(before);
        dropped.keySet().removeAll(storedFiles(saved).keySet());
        if (dropped.isEmpty()) {
            return;
        }
        try {
            dropped.keySet().removeAll(references.referencedStoragePaths(dropped.keySet()));
            AttachmentReferences.deleteFiles(fileStore, dropped);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Thread ''" + saved.id() + "'' was saved, but the attachment files it"
                    + " no longer references could not all be deleted; collectOrphans will remove them", e);
        }
    }

    /**
     * Deletes the thread, then those of its files no remaining thread references. This is the fallback for
     * backends that do not delete natively: the files are read before the delete, and the references checked
     * after it.
     */
    static boolean deleteWithAttachments(ThreadStore store, String threadId, FileStore fileStore) {
        Map<String, String> files = store.get(threadId).map(AttachmentStaging::storedFiles).orElse(Map.of());
        boolean existed = store.delete(threadId);
        if (files.isEmpty()) {
            return existed;
        }
        Map<String, String> unreferenced = new LinkedHashMap<>(files);
        unreferenced.keySet().removeAll(references(store).referencedStoragePaths(files.keySet()));
        AttachmentReferences.deleteFiles(fileStore, unreferenced);
        return existed;
    }

    /** Deletes the unreferenced files stored before now - minAge, checked in batches. */
    static List<String> collectOrphans(ThreadStore store, FileStore fileStore, Duration minAge) {
        Instant cutoff = Instant.now().minus(minAge);
        List<FileStore.FileEntry> candidates = fileStore.listFilesStoredBefore(cutoff);
        AttachmentReferences references = references(store);
        Map<String, String> unreferenced = new LinkedHashMap<>();
        for (int from = 0; from < candidates.size(); from += ORPHAN_BATCH) {
            Map<String, String> batch = new LinkedHashMap<>();
            for (FileStore.FileEntry entry : candidates.subList(from, Math.min(candidates.size(), from + ORPHAN_BATCH))) {
                batch.put(entry.storagePath(), entry.fileId());
            }
            batch.keySet().removeAll(references.referencedStoragePaths(batch.keySet()));
            unreferenced.putAll(batch);
        }
        List<String> removed = new ArrayList<>(AttachmentReferences.deleteFiles(fileStore, unreferenced));
        removed.sort(null);
        return List.copyOf(removed);
    }

    /** The backend's own answer when it has one, else one read through the public API. */
    private static AttachmentReferences references(ThreadStore store) {
        return store instanceof AttachmentReferences ? (AttachmentReferences) store : new ScannedReferences(store);
    }

    static Map<String, String> storedFiles(ChatThread thread) {
        return AttachmentReferences.storedFiles(thread);
    }

    /** References found by reading every thread: correct for any backend, a scan per call. */
    private record ScannedReferences(ThreadStore store) implements AttachmentReferences {

        @Override
        public Set<String> referencedStoragePaths(Collection<String> storagePaths) {
            Set<String> wanted = new HashSet<>(storagePaths);
            Set<String> found = new HashSet<>();
            for (ChatThread thread : store.listRecent()) {
                for (String path : storedFiles(thread).keySet()) {
                    if (wanted.contains(path)) {
                        found.add(path);
                    }
                }
            }
            return found;
        }

        @Override
        public Optional<Map<String, String>> attachmentFiles(String threadId, long version) {
            return store.get(threadId).filter(t -> t.version() == version).map(AttachmentStaging::storedFiles);
        }
    }

    private static Message storeAttachments(Message message, FileStore fileStore, List<StoredFile> stored) {
        List<Attachment> attachments = new ArrayList<>(message.attachments().size());
        for (Attachment a : message.attachments()) {
            byte[] content = a.content();
            if (a.status() != AttachmentStatus.PENDING || content == null) {
                attachments.add(a);
                continue;
            }
            StoredFile file = fileStore.save(content, a.filename(), a.mimeType());
            stored.add(file);
            attachments.add(a.withStoredFile(file, describe(a, file, content)));
        }
        return message.toBuilder().attachments(attachments).build();
    }

    /**
     * What a user of the attachment wants to know without reading its bytes, by kind of file: {@code type}
     * (image, audio, document, text, json or binary), {@code mime_type}, {@code storage_path}, and for
     * text the first {@value #TEXT_PREVIEW_CHARS} characters, for JSON the parsed value. The caller's own
     * attributes are kept unless these keys replace them.
     */
    static Map<String, Object> describe(Attachment attachment, StoredFile file, byte[] content) {
        Map<String, Object> attributes = new LinkedHashMap<>(attachment.attributes());
        String mime = file.mimeType();
        String name = attachment.filename();
        if (mime.startsWith("image/")) {
            attributes.put("type", "image");
            attributes.put("description", "Image file " + name);
        } else if (mime.startsWith("audio/")) {
            attributes.put("type", "audio");
            attributes.put("description", "Audio file " + name);
        } else if (DOCUMENT_TYPES.contains(mime)) {
            attributes.put("type", "document");
            attributes.put("description", (mime.equals("application/pdf") ? "PDF document " : "Word document ") + name);
        } else if (mime.equals("application/json") || mime.endsWith("+json")) {
            attributes.put("type", "json");
            describeJson(content, attributes);
        } else if (mime.startsWith("text/")) {
            attributes.put("type", "text");
            Decoded text = decode(content);
            attributes.put("text", firstCodePoints(text.text(), TEXT_PREVIEW_CHARS));
            if (!text.encoding().equals("UTF-8")) {
                attributes.put("encoding", text.encoding());
            }
        } else {
            attributes.put("type", "binary");
            attributes.put("description", "Binary file " + name);
        }
        attributes.put("mime_type", mime);
        attributes.put("storage_path", file.storagePath());
        return attributes;
    }

    private static void describeJson(byte[] content, Map<String, Object> attributes) {
        if (content.length > MAX_PARSED_JSON_BYTES) {
            attributes.put("overview", "JSON data structure");
            attributes.put("error", "Not parsed: " + content.length + " bytes is more than the " + MAX_PARSED_JSON_BYTES
                    + " bytes parsed for the parsed_content attribute");
            return;
        }
        Decoded text = decode(content);
        if (text.encoding().equals("ISO-8859-1")) {
            attributes.put("error", "Failed to parse JSON: the content is not UTF-8 or UTF-16");
            return;
        }
        try {
            Object parsed = JsonText.parse(text.text());
            attributes.put("overview", "JSON data structure");
            attributes.put("parsed_content", parsed);
        } catch (IllegalArgumentException e) {
            attributes.put("error", "Failed to parse JSON: " + e.getMessage());
        }
    }

    /**
     * The text: UTF-16 after its byte order mark, UTF-8 if it is valid UTF-8, otherwise ISO-8859-1 (which
     * decodes any bytes).
     */
    private static Decoded decode(byte[] content) {
        if (content.length >= 2 && content.length % 2 == 0 && ((content[0] & 0xFF) == 0xFE && (content[1] & 0xFF) == 0xFF
                || (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE)) {
            return new Decoded(new String(content, StandardCharsets.UTF_16).replaceFirst("^\uFEFF", ""), "UTF-16");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            return new Decoded(text, "UTF-8");
        } catch (CharacterCodingException e) {
            return new Decoded(new String(content, StandardCharsets.ISO_8859_1), "ISO-8859-1");
        }
    }

    private static String firstCodePoints(String text, int count) {
        if (text.length() <= count) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, Math.min(count, text.codePointCount(0, text.length()))));
    }

    private record Decoded(String text, String encoding) {
    }
}
