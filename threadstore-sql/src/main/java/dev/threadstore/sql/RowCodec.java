package dev.threadstore.sql;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.ContentPart;
import dev.threadstore.Message;
import dev.threadstore.MessageSource;
import dev.threadstore.Role;
import dev.threadstore.StorageException;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStoreException;
import dev.threadstore.ToolCall;
import dev.threadstore.sql.ThreadMapper.AttachmentRow;
import dev.threadstore.sql.ThreadMapper.MessageRow;
import dev.threadstore.sql.ThreadMapper.ThreadRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Converts between the domain records and the rows of {@link ThreadMapper}: JSON columns through Gson (integers
 * read back as {@code Long}, other numbers as {@code Double}, nulls kept), text columns through the dialect's
 * encoding hooks, and each message's digest ({@link MessageFingerprint}), which incremental save and append
 * compare instead of reading whole rows.
 *
 * <p>Each JSON shape has its encoder and its decoder side by side. A decoder checks every type it reads; a row
 * changed outside threadstore (a wrong JSON type, an unknown role or status, a null where a value is required,
 * a value the records reject) is a {@link StorageException} naming the thread, the message and the column,
 * never a {@code ClassCastException} or {@code NullPointerException}.
 */
final class RowCodec {

    private static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    private final Dialect dialect;

    RowCodec(Dialect dialect) {
        this.dialect = dialect;
    }

    /** @return the value as JSON text, not yet encoded for a column */
    static String json(@Nullable Object value) {
        return GSON.toJson(value);
    }

    /** @return the message's digest, see {@link MessageFingerprint} */
    static String digest(Message m) {
        return MessageFingerprint.of(m);
    }

    // ---- threads ----------------------------------------------------------------------------------------------

    ThreadRow threadRow(ChatThread thread) {
        ThreadSource source = thread.source();
        return new ThreadRow(thread.id(), text(thread.title()), jsonColumn(thread.attributes()),
                source == null ? null : source.name(), source == null ? null : jsonColumn(source.properties()),
                thread.createdAt(), thread.updatedAt(), thread.version(), thread.expiresAt());
    }

    ChatThread thread(ThreadRow row, List<Message> messages) {
        String id = row.id();
        Map<String, Object> attributes = object(parse(row.attributes(), at(id, null, "threads", "attributes")),
                at(id, null, "threads", "attributes"));
        ThreadSource source = null;
        if (row.sourceName() != null) {
            Column column = at(id, null, "threads", "source");
            Map<String, Object> properties = row.source() == null ? Map.of() : object(parse(row.source(), column), column);
            source = column.decode(() -> new ThreadSource(row.sourceName(), properties));
        }
        ThreadSource threadSource = source;
        return at(id, null, "threads", "row").decode(() -> ChatThread.builder()
                .id(id)
                .title(untext(row.title()))
                .messages(messages)
                .attributes(attributes)
                .source(threadSource)
                .createdAt(row.createdAt())
                .updatedAt(row.updatedAt())
                .version(row.version())
                .expiresAt(row.expiresAt())
                .build());
    }

    // ---- messages ---------------------------------------------------------------------------------------------

    MessageRow messageRow(String threadId, Message m, String digest) {
        Map<String, Object> sourceJson = sourceJson(m.source());
        return new MessageRow(threadId, m.id(), m.sequence(), m.role().name(), text(m.content()),
                jsonColumn(partsJson(m.parts())), text(m.name()), text(m.toolCallId()),
                jsonColumn(toolCallsJson(m.toolCalls())), jsonColumn(m.attributes()), m.timestamp(),
                sourceJson == null ? null : jsonColumn(sourceJson), jsonColumn(m.reactions()),
                jsonColumn(m.metrics()), digest);
    }

    Message message(MessageRow row, List<AttachmentRow> attachmentRows) {
        String threadId = row.threadId();
        String id = row.id();
        Role role = enumValue(Role.class, row.role(), at(threadId, id, "messages", "role"));
        List<ContentPart> parts = parts(row.parts(), at(threadId, id, "messages", "parts"));
        List<ToolCall> calls = toolCalls(row.toolCalls(), at(threadId, id, "messages", "tool_calls"));
        Map<String, Object> attributes = objectColumn(row.attributes(), at(threadId, id, "messages", "attributes"));
        MessageSource source = row.source() == null ? null : source(row.source(), at(threadId, id, "messages", "source"));
        Map<String, List<String>> reactions = reactions(row.reactions(), at(threadId, id, "messages", "reactions"));
        Map<String, Object> metrics = objectColumn(row.metrics(), at(threadId, id, "messages", "metrics"));
        List<Attachment> attachments = new ArrayList<>(attachmentRows.size());
        for (AttachmentRow a : attachmentRows) {
            attachments.add(attachment(a));
        }
        return at(threadId, id, "messages", "row").decode(() -> Message.builder(role)
                .id(id)
                .sequence(row.sequence())
                .content(untext(row.content()))
                .parts(parts)
                .name(untext(row.name()))
                .toolCallId(untext(row.toolCallId()))
                .toolCalls(calls)
                .attributes(attributes)
                .timestamp(row.timestamp())
                .source(source)
                .attachments(attachments)
                .reactions(reactions)
                .metrics(metrics)
                .build());
    }

    private static List<Object> partsJson(List<ContentPart> parts) {
        List<Object> json = new ArrayList<>(parts.size());
        for (ContentPart part : parts) {
            Map<String, Object> p = new LinkedHashMap<>();
            if (part instanceof ContentPart.Text) {
                p.put("type", "text");
                p.put("text", ((ContentPart.Text) part).text());
            } else {
                p.put("type", "image_url");
                p.put("url", ((ContentPart.ImageUrl) part).url());
            }
            json.add(p);
        }
        return json;
    }

    private List<ContentPart> parts(String columnText, Column column) {
        List<ContentPart> parts = new ArrayList<>();
        for (Object o : list(parse(columnText, column), column)) {
            Map<?, ?> p = map(o, column, "a content part");
            Object type = p.get("type");
            if ("text".equals(type)) {
                parts.add(new ContentPart.Text(string(p, "text", column)));
            } else if ("image_url".equals(type)) {
                parts.add(new ContentPart.ImageUrl(string(p, "url", column)));
            } else {
                throw column.corrupt("a content part of unknown type " + GSON.toJson(type));
            }
        }
        return parts;
    }

    private static List<Object> toolCallsJson(List<ToolCall> toolCalls) {
        List<Object> json = new ArrayList<>(toolCalls.size());
        for (ToolCall call : toolCalls) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", call.id());
            c.put("type", call.type());
            c.put("function", call.functionName());
            c.put("arguments", call.arguments());
            json.add(c);
        }
        return json;
    }

    private List<ToolCall> toolCalls(String columnText, Column column) {
        List<ToolCall> calls = new ArrayList<>();
        for (Object o : list(parse(columnText, column), column)) {
            Map<?, ?> c = map(o, column, "a tool call");
            String id = string(c, "id", column);
            String type = string(c, "type", column);
            String function = string(c, "function", column);
            String arguments = string(c, "arguments", column);
            calls.add(column.decode(() -> new ToolCall(id, type, function, arguments)));
        }
        return calls;
    }

    private static @Nullable Map<String, Object> sourceJson(@Nullable MessageSource source) {
        if (source == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", source.id());
        json.put("name", source.name());
        json.put("type", source.type() == null ? null : source.type().name());
        json.put("attributes", source.attributes());
        return json;
    }

    private MessageSource source(String columnText, Column column) {
        Map<String, Object> s = objectColumn(columnText, column);
        String id = string(s, "id", column);
        String name = optionalString(s, "name", column);
        String typeName = optionalString(s, "type", column);
        MessageSource.Type type = typeName == null ? null : enumValue(MessageSource.Type.class, typeName, column);
        Object attributesJson = s.get("attributes");
        Map<String, Object> attributes = attributesJson == null ? Map.of() : object(attributesJson, column);
        return column.decode(() -> new MessageSource(id, name, type, attributes));
    }

    private Map<String, List<String>> reactions(String columnText, Column column) {
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        objectColumn(columnText, column).forEach((emoji, users) -> {
            List<String> names = new ArrayList<>();
            for (Object u : list(users, column)) {
                if (!(u instanceof String)) {
                    throw column.corrupt("a reaction by " + GSON.toJson(u) + ", not a user name");
                }
                names.add((String) u);
            }
            reactions.put(emoji, names);
        });
        return reactions;
    }

    // ---- attachments ------------------------------------------------------------------------------------------

    List<AttachmentRow> attachmentRows(String threadId, Message m) {
        List<AttachmentRow> rows = new ArrayList<>(m.attachments().size());
        int position = 0;
        for (Attachment a : m.attachments()) {
            rows.add(new AttachmentRow(threadId, m.id(), position++, dialect.encodeText(a.filename()), text(a.mimeType()),
                    jsonColumn(a.attributes()), text(a.fileId()), text(a.storagePath()), text(a.storageBackend()),
                    a.status().name(), a.size(), text(a.sha256())));
        }
        return rows;
    }

    private Attachment attachment(AttachmentRow a) {
        String threadId = a.threadId();
        String messageId = a.messageId();
        AttachmentStatus status = enumValue(AttachmentStatus.class, a.status(),
                at(threadId, messageId, "attachments", "status"));
        Map<String, Object> attributes = objectColumn(a.attributes(), at(threadId, messageId, "attachments", "attributes"));
        return at(threadId, messageId, "attachments", "row at position " + a.position()).decode(() -> new Attachment(
                dialect.decodeText(a.filename()), null, untext(a.mimeType()), attributes, untext(a.fileId()),
                untext(a.storagePath()), untext(a.storageBackend()), status, a.size(), untext(a.sha256())));
    }

    // ---- columns and JSON values ------------------------------------------------------------------------------

    /**
     * Where a value was read, for error messages.
     *
     * @param threadId the thread
     * @param messageId the message, or null for a thread column
     * @param table the table
     * @param name the column, or {@code row} for a check of the whole row
     */
    private record Column(String threadId, @Nullable String messageId, String table, String name) {

        StorageException corrupt(String problem) {
            return corrupt(problem, null);
        }

        StorageException corrupt(String problem, @Nullable Throwable cause) {
            String where = "Thread '" + threadId + "'" + (messageId == null ? "" : ", message '" + messageId + "',")
                    + (name.startsWith("row") ? " " + table + " " + name : " column " + table + "." + name);
            return new StorageException(where + " holds " + problem
                    + "; the database was changed outside threadstore. Fix or delete that row.", cause);
        }

        /** Runs a record constructor, turning what it rejects into the store's error naming this column. */
        <T> T decode(Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (ThreadStoreException e) {
                throw e;
            } catch (RuntimeException e) {
                throw corrupt("a value the records reject (" + e.getMessage() + ")", e);
            }
        }
    }

    private static Column at(String threadId, @Nullable String messageId, String table, String column) {
        return new Column(threadId, messageId, table, column);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, @Nullable String name, Column column) {
        if (name != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(name)) {
                    return constant;
                }
            }
        }
        throw column.corrupt("an unknown " + type.getSimpleName() + " " + (name == null ? "null" : "'" + shorten(name) + "'"));
    }

    private Map<String, Object> objectColumn(@Nullable String columnText, Column column) {
        return object(parse(columnText, column), column);
    }

    private static Map<String, Object> object(@Nullable Object value, Column column) {
        if (!(value instanceof Map)) {
            throw column.corrupt(describe(value) + " where a JSON object belongs");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    private static Map<?, ?> map(@Nullable Object value, Column column, String what) {
        if (!(value instanceof Map)) {
            throw column.corrupt(describe(value) + " where " + what + " (a JSON object) belongs");
        }
        return (Map<?, ?>) value;
    }

    private static List<?> list(@Nullable Object value, Column column) {
        if (!(value instanceof List)) {
            throw column.corrupt(describe(value) + " where a JSON array belongs");
        }
        return (List<?>) value;
    }

    private static String string(Map<?, ?> object, String key, Column column) {
        Object value = object.get(key);
        if (!(value instanceof String)) {
            throw column.corrupt(describe(value) + " as \"" + key + "\", where a string is required");
        }
        return (String) value;
    }

    private static @Nullable String optionalString(Map<?, ?> object, String key, Column column) {
        Object value = object.get(key);
        if (value != null && !(value instanceof String)) {
            throw column.corrupt(describe(value) + " as \"" + key + "\", where a string or null belongs");
        }
        return (String) value;
    }

    private static String describe(@Nullable Object value) {
        return value == null ? "null" : "the JSON " + shorten(GSON.toJson(value));
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private @Nullable Object parse(@Nullable String columnText, Column column) {
        if (columnText == null) {
            throw column.corrupt("NULL, where a JSON value is required");
        }
        String json;
        try {
            json = dialect.decodeJson(columnText);
        } catch (RuntimeException e) {
            throw column.corrupt("text the dialect cannot decode (" + e.getMessage() + ")", e);
        }
        // Most messages hold empty maps and lists; Gson would allocate a reader and its buffer for each.
        if (json.equals("{}")) {
            return new LinkedHashMap<String, Object>();
        }
        if (json.equals("[]")) {
            return new ArrayList<Object>();
        }
        try {
            return GSON.fromJson(json, Object.class);
        } catch (JsonParseException e) {
            throw column.corrupt("text that is not JSON (" + e.getMessage() + "): " + shorten(json), e);
        }
    }

    private String jsonColumn(Object value) {
        return dialect.encodeJson(GSON.toJson(value));
    }

    private @Nullable String text(@Nullable String value) {
        return value == null ? null : dialect.encodeText(value);
    }

    private @Nullable String untext(@Nullable String column) {
        return column == null ? null : dialect.decodeText(column);
    }
}
