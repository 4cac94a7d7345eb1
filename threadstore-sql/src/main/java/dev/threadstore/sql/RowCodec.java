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
import dev.threadstore.ToolCall;
import dev.threadstore.sql.ThreadMapper.AttachmentRow;
import dev.threadstore.sql.ThreadMapper.MessageRow;
import dev.threadstore.sql.ThreadMapper.ThreadRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts between the domain records and the rows of {@link ThreadMapper}: JSON columns through Gson (integers
 * read back as {@code Long}, other numbers as {@code Double}, nulls kept), text columns through the dialect's
 * encoding hooks, and each message's digest ({@link MessageFingerprint}), which incremental save and append
 * compare instead of reading whole rows.
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

    ThreadRow threadRow(ChatThread thread) {
        ThreadSource source = thread.source();
        return new ThreadRow(thread.id(), text(thread.title()), jsonColumn(thread.attributes()),
                source == null ? null : source.name(), source == null ? null : jsonColumn(source.properties()),
                thread.createdAt(), thread.updatedAt(), thread.version());
    }

    MessageRow messageRow(String threadId, Message m, String digest) {
        Map<String, Object> sourceJson = source(m);
        return new MessageRow(threadId, m.id(), m.sequence(), m.role().name(), text(m.content()), jsonColumn(parts(m)),
                text(m.name()), text(m.toolCallId()), jsonColumn(toolCalls(m)), jsonColumn(m.attributes()), m.timestamp(),
                sourceJson == null ? null : jsonColumn(sourceJson), jsonColumn(m.reactions()),
                jsonColumn(m.metrics()), digest);
    }

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

    ChatThread thread(ThreadRow row, List<Message> messages) {
        ThreadSource source = row.sourceName() == null ? null
                : new ThreadSource(row.sourceName(), row.source() == null ? Map.of() : object(row.source(), row.id()));
        return ChatThread.builder()
                .id(row.id())
                .title(untext(row.title()))
                .messages(messages)
                .attributes(object(row.attributes(), row.id()))
                .source(source)
                .createdAt(row.createdAt())
                .updatedAt(row.updatedAt())
                .version(row.version())
                .build();
    }

    Message message(MessageRow row, List<AttachmentRow> attachmentRows) {
        String where = row.threadId();
        List<ContentPart> parts = new ArrayList<>();
        for (Object o : list(row.parts(), where)) {
            Map<?, ?> p = (Map<?, ?>) o;
            parts.add("image_url".equals(p.get("type"))
                    ? new ContentPart.ImageUrl((String) p.get("url"))
                    : new ContentPart.Text((String) p.get("text")));
        }
        List<ToolCall> calls = new ArrayList<>();
        for (Object o : list(row.toolCalls(), where)) {
            Map<?, ?> c = (Map<?, ?>) o;
            calls.add(new ToolCall((String) c.get("id"), (String) c.get("type"), (String) c.get("function"),
                    (String) c.get("arguments")));
        }
        MessageSource source = null;
        if (row.source() != null) {
            Map<String, Object> s = object(row.source(), where);
            Object type = s.get("type");
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = (Map<String, Object>) s.getOrDefault("attributes", Map.of());
            source = new MessageSource((String) s.get("id"), (String) s.get("name"),
                    type == null ? null : MessageSource.Type.valueOf((String) type), attributes);
        }
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        object(row.reactions(), where).forEach((emoji, users) -> {
            List<String> names = new ArrayList<>();
            for (Object u : (List<?>) users) {
                names.add((String) u);
            }
            reactions.put(emoji, names);
        });
        List<Attachment> attachments = new ArrayList<>(attachmentRows.size());
        for (AttachmentRow a : attachmentRows) {
            attachments.add(new Attachment(dialect.decodeText(a.filename()), null, untext(a.mimeType()),
                    object(a.attributes(), where), untext(a.fileId()), untext(a.storagePath()),
                    untext(a.storageBackend()), AttachmentStatus.valueOf(a.status()), a.size(), untext(a.sha256())));
        }
        return Message.builder(Role.valueOf(row.role()))
                .id(row.id())
                .sequence(row.sequence())
                .content(untext(row.content()))
                .parts(parts)
                .name(untext(row.name()))
                .toolCallId(untext(row.toolCallId()))
                .toolCalls(calls)
                .attributes(object(row.attributes(), where))
                .timestamp(row.timestamp())
                .source(source)
                .attachments(attachments)
                .reactions(reactions)
                .metrics(object(row.metrics(), where))
                .build();
    }

    /** @return the message's digest, see {@link MessageFingerprint} */
    static String digest(Message m) {
        return MessageFingerprint.of(m);
    }

    private static List<Object> parts(Message m) {
        List<Object> parts = new ArrayList<>(m.parts().size());
        for (ContentPart part : m.parts()) {
            Map<String, Object> p = new LinkedHashMap<>();
            if (part instanceof ContentPart.Text) {
                p.put("type", "text");
                p.put("text", ((ContentPart.Text) part).text());
            } else {
                p.put("type", "image_url");
                p.put("url", ((ContentPart.ImageUrl) part).url());
            }
            parts.add(p);
        }
        return parts;
    }

    private static List<Object> toolCalls(Message m) {
        List<Object> calls = new ArrayList<>(m.toolCalls().size());
        for (ToolCall call : m.toolCalls()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", call.id());
            c.put("type", call.type());
            c.put("function", call.functionName());
            c.put("arguments", call.arguments());
            calls.add(c);
        }
        return calls;
    }

    private static @Nullable Map<String, Object> source(Message m) {
        MessageSource source = m.source();
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

    private String jsonColumn(Object value) {
        return dialect.encodeJson(GSON.toJson(value));
    }

    private @Nullable String text(@Nullable String value) {
        return value == null ? null : dialect.encodeText(value);
    }

    private @Nullable String untext(@Nullable String column) {
        return column == null ? null : dialect.decodeText(column);
    }

    private Map<String, Object> object(String column, String threadId) {
        Object value = parse(column, threadId);
        if (!(value instanceof Map)) {
            throw corrupt(threadId, "a JSON object", column);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    private List<?> list(String column, String threadId) {
        Object value = parse(column, threadId);
        if (!(value instanceof List)) {
            throw corrupt(threadId, "a JSON array", column);
        }
        return (List<?>) value;
    }

    private @Nullable Object parse(String column, String threadId) {
        String json = dialect.decodeJson(column);
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
            throw new StorageException("Thread '" + threadId + "' holds a JSON column that does not parse ("
                    + e.getMessage() + "); the database was changed outside threadstore", e);
        }
    }

    private static StorageException corrupt(String threadId, String expected, String column) {
        return new StorageException("Thread '" + threadId + "' holds a JSON column that is not " + expected + ": "
                + (column.length() > 60 ? column.substring(0, 57) + "..." : column)
                + "; the database was changed outside threadstore");
    }
}
