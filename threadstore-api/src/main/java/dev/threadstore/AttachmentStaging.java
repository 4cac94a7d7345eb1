package dev.threadstore;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a thread's pending attachment bytes into a {@link FileStore} before the thread is saved, and
 * takes them out again if anything fails, so that a failed save leaves no orphan file. Shared by every
 * backend through the default methods of {@link ThreadStore}.
 */
final class AttachmentStaging {

    static final int TEXT_PREVIEW_CHARS = 500;

    private AttachmentStaging() {
    }

    static ChatThread saveWithAttachments(ThreadStore store, ChatThread thread, FileStore fileStore) {
        if (!thread.hasPendingAttachments()) {
            return store.save(thread);
        }
        List<StoredFile> stored = new ArrayList<>();
        try {
            List<Message> messages = new ArrayList<>(thread.messages().size());
            for (Message m : thread.messages()) {
                messages.add(m.hasPendingAttachments() ? storeAttachments(m, fileStore, stored) : m);
            }
            return store.save(thread.toBuilder().messages(messages).build());
        } catch (RuntimeException | Error e) {
            for (StoredFile file : stored) {
                try {
                    fileStore.delete(file.id(), file.storagePath());
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    static boolean deleteWithAttachments(ThreadStore store, String threadId, FileStore fileStore) {
        List<Attachment> files = new ArrayList<>();
        store.get(threadId).ifPresent(t -> t.messages().forEach(m -> m.attachments().stream()
                .filter(a -> a.status() == AttachmentStatus.STORED)
                .forEach(files::add)));
        boolean existed = store.delete(threadId);
        for (Attachment a : files) {
            fileStore.delete(a.fileId(), a.storagePath());
        }
        return existed;
    }

    private static Message storeAttachments(Message message, FileStore fileStore, List<StoredFile> stored) {
        List<Attachment> attachments = new ArrayList<>(message.attachments().size());
        for (Attachment a : message.attachments()) {
            if (!a.isPending()) {
                attachments.add(a);
                continue;
            }
            byte[] content = a.content();
            StoredFile file = fileStore.save(content, a.filename(), a.mimeType());
            stored.add(file);
            attachments.add(a.withStoredFile(file, describe(a, file, content)));
        }
        return message.toBuilder().attachments(attachments).build();
    }

    /** What a user of the attachment wants to know without reading its bytes, by kind of file. */
    static Map<String, Object> describe(Attachment attachment, StoredFile file, byte[] content) {
        Map<String, Object> attributes = new LinkedHashMap<>(attachment.attributes());
        String mime = file.mimeType();
        if (mime.startsWith("image/")) {
            attributes.put("type", "image");
            attributes.put("description", "Image file " + attachment.filename());
        } else if (mime.startsWith("audio/")) {
            attributes.put("type", "audio");
            attributes.put("description", "Audio file " + attachment.filename());
        } else if (mime.equals("application/pdf")) {
            attributes.put("type", "document");
            attributes.put("description", "PDF document " + attachment.filename());
        } else if (mime.equals("application/json")) {
            attributes.put("type", "json");
            attributes.put("overview", "JSON data structure");
        } else if (mime.startsWith("text/")) {
            attributes.put("type", "text");
            attributes.put("text", preview(content));
        } else {
            attributes.put("type", "binary");
            attributes.put("description", "Binary file " + attachment.filename());
        }
        attributes.put("mime_type", mime);
        attributes.put("storage_path", file.storagePath());
        return attributes;
    }

    private static String preview(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            text = new String(content, StandardCharsets.ISO_8859_1);
        }
        int end = text.offsetByCodePoints(0, Math.min(TEXT_PREVIEW_CHARS, text.codePointCount(0, text.length())));
        return text.substring(0, end);
    }
}
