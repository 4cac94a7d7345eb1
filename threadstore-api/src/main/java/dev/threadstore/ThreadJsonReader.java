package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads one line of the export format ({@code docs/export-format.md}) back into a {@link ChatThread}, the decoder
 * paired with {@link ThreadJsonWriter}. Strict: an unknown key, a value of the wrong JSON type, an unknown enum name
 * or a format version this code does not know is an {@link IllegalArgumentException} naming the field by its path
 * ({@code messages[3].toolCalls[0].id}); the records then apply their own rules. Optional fields may be left out
 * and take the values a builder gives them (null, empty, 0). Not thread-safe: one instance per line.
 */
final class ThreadJsonReader {

    /** Deep enough for attribute values at {@link JsonValues#MAX_DEPTH} inside the document's own nesting. */
    private static final int MAX_DOCUMENT_DEPTH = JsonValues.MAX_DEPTH + 8;

    private static final Set<String> THREAD_KEYS = Set.of("format", "formatVersion", "id", "title", "createdAt",
            "updatedAt", "version", "expiresAt", "attributes", "source", "messages");
    private static final Set<String> SOURCE_KEYS = Set.of("name", "properties");
    private static final Set<String> MESSAGE_KEYS = Set.of("id", "role", "sequence", "timestamp", "content", "parts",
            "name", "toolCallId", "toolCalls", "attributes", "source", "attachments", "reactions", "metrics");
    private static final Set<String> TEXT_PART_KEYS = Set.of("type", "text");
    private static final Set<String> IMAGE_PART_KEYS = Set.of("type", "url");
    private static final Set<String> TOOL_CALL_KEYS = Set.of("id", "type", "functionName", "arguments");
    private static final Set<String> MESSAGE_SOURCE_KEYS = Set.of("id", "name", "type", "attributes");
    private static final Set<String> ATTACHMENT_KEYS = Set.of("filename", "mimeType", "size", "sha256", "status",
            "fileId", "storagePath", "storageBackend", "attributes", "content");

    private ThreadJsonReader() {
    }

    static ChatThread read(String line) {
        Object document;
        try {
            document = JsonText.parse(line, MAX_DOCUMENT_DEPTH);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a thread line: " + e.getMessage(), e);
        }
        Node root = new Node("thread", document);
        Map<String, Object> t = root.object(THREAD_KEYS);
        String format = root.field(t, "format").requiredString();
        if (!ThreadJson.FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a thread line: format is '" + format + "', expected '"
                    + ThreadJson.FORMAT + "'");
        }
        long version = root.field(t, "formatVersion").requiredLong();
        if (version != ThreadJson.FORMAT_VERSION) {
            throw new IllegalArgumentException("formatVersion " + version + " is not supported; this threadstore reads"
                    + " formatVersion " + ThreadJson.FORMAT_VERSION + (version > ThreadJson.FORMAT_VERSION
                    ? " (the line was written by a newer threadstore: upgrade to read it)" : ""));
        }
        try {
            return thread(root, t);
        } catch (IllegalArgumentException | NullPointerException e) {
            String id = t.get("id") instanceof String s ? s : "?";
            throw new IllegalArgumentException("thread " + id + ": " + e.getMessage(), e);
        }
    }

    private static ChatThread thread(Node root, Map<String, Object> t) {
        ChatThread.Builder b = ChatThread.builder()
                .id(root.field(t, "id").requiredString())
                .title(root.field(t, "title").string())
                .createdAt(root.field(t, "createdAt").requiredInstant())
                .updatedAt(root.field(t, "updatedAt").requiredInstant())
                .version(root.field(t, "version").longValue(0))
                .expiresAt(root.field(t, "expiresAt").instant())
                .attributes(root.field(t, "attributes").jsonObject());
        Node source = root.field(t, "source");
        if (!source.isNull()) {
            Map<String, Object> s = source.object(SOURCE_KEYS);
            b.source(new ThreadSource(source.field(s, "name").requiredString(),
                    source.field(s, "properties").jsonObject()));
        }
        List<Message> messages = new ArrayList<>();
        for (Node m : root.field(t, "messages").array()) {
            messages.add(message(m));
        }
        return b.messages(messages).build();
    }

    private static Message message(Node node) {
        Map<String, Object> m = node.object(MESSAGE_KEYS);
        Message.Builder b = Message.builder(node.field(m, "role").requiredEnum(Role.class))
                .id(node.field(m, "id").requiredString())
                .sequence(Math.toIntExact(node.field(m, "sequence").longValue(0)))
                .timestamp(node.field(m, "timestamp").requiredInstant())
                .content(node.field(m, "content").string())
                .name(node.field(m, "name").string())
                .toolCallId(node.field(m, "toolCallId").string())
                .attributes(node.field(m, "attributes").jsonObject())
                .metrics(node.field(m, "metrics").jsonObject());
        List<ContentPart> parts = new ArrayList<>();
        for (Node p : node.field(m, "parts").array()) {
            Map<String, Object> part = p.object(null);
            String type = p.field(part, "type").requiredString();
            if (type.equals("text")) {
                p.object(TEXT_PART_KEYS);
                parts.add(new ContentPart.Text(p.field(part, "text").requiredString()));
            } else if (type.equals("image_url")) {
                p.object(IMAGE_PART_KEYS);
                parts.add(new ContentPart.ImageUrl(p.field(part, "url").requiredString()));
            } else {
                throw p.field(part, "type").error("is '" + type + "', expected 'text' or 'image_url'");
            }
        }
        List<ToolCall> calls = new ArrayList<>();
        for (Node c : node.field(m, "toolCalls").array()) {
            Map<String, Object> call = c.object(TOOL_CALL_KEYS);
            calls.add(new ToolCall(c.field(call, "id").requiredString(), c.field(call, "type").requiredString(),
                    c.field(call, "functionName").requiredString(), c.field(call, "arguments").requiredString()));
        }
        Node source = node.field(m, "source");
        if (!source.isNull()) {
            Map<String, Object> s = source.object(MESSAGE_SOURCE_KEYS);
            Node type = source.field(s, "type");
            b.source(new MessageSource(source.field(s, "id").requiredString(), source.field(s, "name").string(),
                    type.isNull() ? null : type.requiredEnum(MessageSource.Type.class),
                    source.field(s, "attributes").jsonObject()));
        }
        List<Attachment> attachments = new ArrayList<>();
        for (Node a : node.field(m, "attachments").array()) {
            attachments.add(attachment(a));
        }
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        Node reactionsNode = node.field(m, "reactions");
        if (!reactionsNode.isNull()) {
            for (Map.Entry<String, Object> e : reactionsNode.object(null).entrySet()) {
                List<String> users = new ArrayList<>();
                for (Node user : new Node(reactionsNode.path + "." + e.getKey(), e.getValue()).array()) {
                    users.add(user.requiredString());
                }
                reactions.put(e.getKey(), users);
            }
        }
        return b.parts(parts).toolCalls(calls).attachments(attachments).reactions(reactions).build();
    }

    private static Attachment attachment(Node node) {
        Map<String, Object> a = node.object(ATTACHMENT_KEYS);
        Node content = node.field(a, "content");
        byte[] bytes = null;
        if (!content.isNull()) {
            try {
                bytes = Base64.getDecoder().decode(content.requiredString());
            } catch (IllegalArgumentException e) {
                throw content.error("is not base64: " + e.getMessage());
            }
        }
        Node status = node.field(a, "status");
        return new Attachment(node.field(a, "filename").requiredString(), bytes, node.field(a, "mimeType").string(),
                node.field(a, "attributes").jsonObject(), node.field(a, "fileId").string(),
                node.field(a, "storagePath").string(), node.field(a, "storageBackend").string(),
                status.isNull() ? AttachmentStatus.PENDING : status.requiredEnum(AttachmentStatus.class),
                node.field(a, "size").longValue(bytes == null ? 0 : bytes.length), node.field(a, "sha256").string());
    }

    /** A parsed JSON value and its path in the line, for error messages that name the field. */
    private static final class Node {
        private final String path;
        private final @Nullable Object value;

        Node(String path, @Nullable Object value) {
            this.path = path;
            this.value = value;
        }

        boolean isNull() {
            return value == null;
        }

        Node field(Map<String, Object> object, String name) {
            return new Node(path.equals("thread") ? name : path + "." + name, object.get(name));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(@Nullable Set<String> allowed) {
            if (!(value instanceof Map)) {
                throw error("must be an object, got " + describe());
            }
            Map<String, Object> map = (Map<String, Object>) value;
            if (allowed != null) {
                for (String key : map.keySet()) {
                    if (!allowed.contains(key)) {
                        throw new IllegalArgumentException((path.equals("thread") ? "" : path + ": ")
                                + "unknown field '" + key + "'");
                    }
                }
            }
            return map;
        }

        /** A JSON object whose values are free JSON (attributes, properties, metrics); missing or null is empty. */
        Map<String, Object> jsonObject() {
            return value == null ? Map.of() : object(null);
        }

        List<Node> array() {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw error("must be an array, got " + describe());
            }
            List<Node> nodes = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                nodes.add(new Node(path + "[" + i + "]", list.get(i)));
            }
            return nodes;
        }

        @Nullable String string() {
            if (value == null) {
                return null;
            }
            if (!(value instanceof String s)) {
                throw error("must be a string, got " + describe());
            }
            return s;
        }

        String requiredString() {
            if (value == null) {
                throw error("is required");
            }
            String s = string();
            return s == null ? "" : s;
        }

        long requiredLong() {
            if (value == null) {
                throw error("is required");
            }
            return longValue(0);
        }

        long longValue(long absent) {
            if (value == null) {
                return absent;
            }
            if (!(value instanceof Long l)) {
                throw error("must be an integer, got " + describe());
            }
            return l;
        }

        @Nullable Instant instant() {
            return value == null ? null : requiredInstant();
        }

        Instant requiredInstant() {
            String text = requiredString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw error("is '" + text + "', not an ISO-8601 instant such as 2026-01-31T12:00:00.123456Z");
            }
        }

        <E extends Enum<E>> E requiredEnum(Class<E> type) {
            String text = requiredString();
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return constant;
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw error("is '" + text + "', expected one of " + String.join(", ", names));
        }

        private String describe() {
            if (value instanceof String) {
                return "a string";
            }
            if (value instanceof Map) {
                return "an object";
            }
            if (value instanceof List) {
                return "an array";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            return value == null ? "null" : "the number " + value;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(path + " " + what);
        }
    }
}
