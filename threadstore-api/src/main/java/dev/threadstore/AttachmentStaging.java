package dev.threadstore;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a thread's pending attachment bytes into a {@link FileStore} before the thread is saved, and
 * takes them out again if anything fails, so that a failed save leaves no orphan file. Shared by every
 * backend through the default methods of {@link ThreadStore}.
 */
final class AttachmentStaging {

    static final int TEXT_PREVIEW_CHARS = 500;

    /** JSON attachments up to this size get their parsed value in the {@code parsed_content} attribute. */
    static final int MAX_PARSED_JSON_BYTES = 1024 * 1024;

    private static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private AttachmentStaging() {
    }

    /**
     * Stores every pending attachment, then saves the thread with them {@link AttachmentStatus#STORED}.
     * If a file cannot be stored or the save fails, the files stored so far are deleted and the failure
     * is rethrown unchanged (cleanup failures are added to it as suppressed).
     */
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

    /**
     * Deletes the thread, then every file its stored attachments point to. A file that cannot be deleted
     * does not stop the others; the first failure is thrown at the end with the rest suppressed.
     */
    static boolean deleteWithAttachments(ThreadStore store, String threadId, FileStore fileStore) {
        List<Attachment> files = new ArrayList<>();
        store.get(threadId).ifPresent(t -> t.messages().forEach(m -> m.attachments().stream()
                .filter(a -> a.status() == AttachmentStatus.STORED)
                .forEach(files::add)));
        boolean existed = store.delete(threadId);
        RuntimeException failure = null;
        for (Attachment a : files) {
            try {
                fileStore.delete(a.fileId(), a.storagePath());
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
            if (!text.utf8()) {
                attributes.put("encoding", "ISO-8859-1");
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
        if (!text.utf8()) {
            attributes.put("error", "Failed to parse JSON: the content is not UTF-8");
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

    /** The text, as UTF-8 if it is valid UTF-8, otherwise as ISO-8859-1 (which decodes any bytes). */
    private static Decoded decode(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            return new Decoded(text, true);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(content, StandardCharsets.ISO_8859_1), false);
        }
    }

    private static String firstCodePoints(String text, int count) {
        if (text.length() <= count) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, Math.min(count, text.codePointCount(0, text.length()))));
    }

    private record Decoded(String text, boolean utf8) {
    }
}
