package dev.threadstore.sql;

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
import dev.threadstore.spi.MessageList;
import dev.threadstore.sql.JsonShapes.Shape;
import dev.threadstore.sql.Rows.AttachmentRow;
import dev.threadstore.sql.Rows.MessageRow;
import dev.threadstore.sql.Rows.ThreadMessageRow;
import dev.threadstore.sql.Rows.ThreadRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Converts between the domain records and the rows of {@link ThreadMapper}: JSON columns through
 * {@link JsonText} and the {@link JsonShapes} (each shape's encoder beside its decoder), text columns through
 * the dialect's encoding hooks. Each row's encoder sits beside its decoder too.
 *
 * <p>A decoder checks every type it reads; a row changed outside threadstore (a wrong JSON type, an unknown
 * role or status, a null where a value is required, a value the records reject) is a {@link StorageException}
 * naming the thread, the message and the column ({@link Column}), never a {@code ClassCastException} or
 * {@code NullPointerException}.
 */
final class RowCodec {

    /** The roles, looked up by comparing names: cheaper than hashing each row's freshly read role text. */
    private static final Role[] ROLES = Role.values();

    private final Dialect dialect;
    /** Whether the dialect stores {@code {}} and {@code []} as they are, so a column holding one needs no decoding. */
    private final boolean emptyJsonVerbatim;

    RowCodec(Dialect dialect) {
        this.dialect = dialect;
        this.emptyJsonVerbatim = verbatim(dialect, "{}") && verbatim(dialect, "[]");
    }

    private static boolean verbatim(Dialect dialect, String json) {
        try {
            return dialect.encodeJson(json).equals(json) && dialect.decodeJson(json).equals(json);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** @return the value as JSON text, not yet encoded for a column */
    static String json(@Nullable Object value) {
        return JsonText.write(value);
    }

    /** @return the message's digest, see {@link MessageFingerprint} */
    static String digest(Message m) {
        return MessageFingerprint.of(m);
    }

    // ---- threads ----------------------------------------------------------------------------------------------

    ThreadRow threadRow(ChatThread thread) {
        ThreadSource source = thread.source();
        return new ThreadRow(thread.id(), text(thread.title()), encode(JsonShapes.OBJECT, thread.attributes()),
                source == null ? null : source.name(),
                source == null ? null : encode(JsonShapes.OBJECT, source.properties()),
                thread.createdAt(), thread.updatedAt(), thread.version(), thread.expiresAt());
    }

    ChatThread thread(ThreadRow row, List<Message> messages) {
        String id = row.id();
        Map<String, Object> attributes = decode(JsonShapes.OBJECT, row.attributes(), id, null, "threads", "attributes");
        ThreadSource source = null;
        String sourceName = row.sourceName();
        if (sourceName != null) {
            String sourceJson = row.source();
            Map<String, Object> properties = sourceJson == null ? Map.of()
                    : decode(JsonShapes.OBJECT, sourceJson, id, null, "threads", "source");
            try {
                source = new ThreadSource(sourceName, properties);
            } catch (RuntimeException e) {
                throw rejected(at(id, null, "threads", "source"), e);
            }
        }
        try {
            MessageList list;
            try {
                list = MessageList.ofStored(messages); // ids distinct by the messages' primary key: not hashed now
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("thread " + id + " holds " + e.getMessage(), e);
            }
            return new ChatThread(id, untext(row.title()), list, attributes, source, row.createdAt(), row.updatedAt(),
                    row.version(), null, row.expiresAt());
        } catch (RuntimeException e) {
            throw rejected(at(id, null, "threads", "row"), e);
        }
    }

    // ---- messages ---------------------------------------------------------------------------------------------

    MessageRow messageRow(String threadId, Message m, String digest) {
        MessageSource source = m.source();
        return new MessageRow(threadId, m.id(), m.sequence(), m.role().name(), text(m.content()),
                encode(JsonShapes.PARTS, m.parts()), text(m.name()), text(m.toolCallId()),
                encode(JsonShapes.TOOL_CALLS, m.toolCalls()), encode(JsonShapes.OBJECT, m.attributes()), m.timestamp(),
                source == null ? null : encode(JsonShapes.MESSAGE_SOURCE, source),
                encode(JsonShapes.REACTIONS, m.reactions()), encode(JsonShapes.OBJECT, m.metrics()), digest);
    }

    Message message(MessageRow row, List<AttachmentRow> attachmentRows) {
        return message(row.threadId(), row.id(), row.sequence(), row.role(), row.content(), row.parts(), row.name(),
                row.toolCallId(), row.toolCalls(), row.attributes(), row.timestamp(), row.source(), row.reactions(),
                row.metrics(), attachmentRows);
    }

    /**
     * The message of a row of {@link ThreadMapper#selectThreadWithMessages} that holds one (its message id is not
     * null), decoded from the row itself: no {@link MessageRow} is made for it.
     */
    Message message(ThreadMessageRow row) {
        String id = Objects.requireNonNull(row.messageId(), "a row without a message");
        Integer sequence = row.sequence();
        if (sequence == null) {
            throw at(row.id(), id, "messages", "sequence").corrupt("NULL, where a number is required");
        }
        return message(row.id(), id, sequence, row.role(), row.content(), row.parts(), row.name(), row.toolCallId(),
                row.toolCalls(), row.messageAttributes(), row.timestamp(), row.messageSource(), row.reactions(),
                row.metrics(), List.of());
    }

    private Message message(String threadId, String id, int sequence, @Nullable String roleName,
                            @Nullable String content, @Nullable String partsColumn, @Nullable String name,
                            @Nullable String toolCallId, @Nullable String toolCallsColumn,
                            @Nullable String attributesColumn, @Nullable Instant timestamp,
                            @Nullable String sourceColumn, @Nullable String reactionsColumn,
                            @Nullable String metricsColumn, List<AttachmentRow> attachmentRows) {
        Role role = role(roleName);
        if (role == null) {
            role = at(threadId, id, "messages", "role").enumValue(Role.class, roleName); // throws, naming the column
        }
        List<ContentPart> parts = decode(JsonShapes.PARTS, partsColumn, threadId, id, "messages", "parts");
        List<ToolCall> calls = decode(JsonShapes.TOOL_CALLS, toolCallsColumn, threadId, id, "messages", "tool_calls");
        Map<String, Object> attributes = decode(JsonShapes.OBJECT, attributesColumn, threadId, id, "messages",
                "attributes");
        MessageSource source = sourceColumn == null ? null
                : decode(JsonShapes.MESSAGE_SOURCE, sourceColumn, threadId, id, "messages", "source");
        Map<String, List<String>> reactions = decode(JsonShapes.REACTIONS, reactionsColumn, threadId, id, "messages",
                "reactions");
        Map<String, Object> metrics = decode(JsonShapes.OBJECT, metricsColumn, threadId, id, "messages", "metrics");
        if (timestamp == null) {
            throw at(threadId, id, "messages", "timestamp").corrupt("NULL, where a time is required");
        }
        List<Attachment> attachments;
        if (attachmentRows.isEmpty()) {
            attachments = List.of();
        } else {
            attachments = new ArrayList<>(attachmentRows.size());
            for (AttachmentRow a : attachmentRows) {
                attachments.add(attachment(a));
            }
        }
        try {
            return new Message(id, role, sequence, untext(content), parts, untext(name), untext(toolCallId), calls,
                    attributes, timestamp, source, attachments, reactions, metrics);
        } catch (RuntimeException e) {
            throw rejected(at(threadId, id, "messages", "row"), e);
        }
    }

    private static @Nullable Role role(@Nullable String name) {
        if (name != null) {
            for (Role role : ROLES) {
                if (role.name().equals(name)) {
                    return role;
                }
            }
        }
        return null;
    }

    // ---- attachments ------------------------------------------------------------------------------------------

    List<AttachmentRow> attachmentRows(String threadId, Message m) {
        List<AttachmentRow> rows = new ArrayList<>(m.attachments().size());
        int position = 0;
        for (Attachment a : m.attachments()) {
            rows.add(new AttachmentRow(threadId, m.id(), position++, dialect.encodeText(a.filename()), text(a.mimeType()),
                    encode(JsonShapes.OBJECT, a.attributes()), text(a.fileId()), text(a.storagePath()),
                    text(a.storageBackend()), a.status().name(), a.size(), text(a.sha256())));
        }
        return rows;
    }

    Attachment attachment(AttachmentRow a) {
        String threadId = a.threadId();
        String messageId = a.messageId();
        AttachmentStatus status = at(threadId, messageId, "attachments", "status")
                .enumValue(AttachmentStatus.class, a.status());
        Map<String, Object> attributes = decode(JsonShapes.OBJECT, a.attributes(), threadId, messageId, "attachments",
                "attributes");
        return at(threadId, messageId, "attachments", "row at position " + a.position()).decode(() -> withoutBytes(
                dialect.decodeText(a.filename()), untext(a.mimeType()), attributes, untext(a.fileId()),
                untext(a.storagePath()), untext(a.storageBackend()), status, a.size(), untext(a.sha256())));
    }

    // ---- columns ----------------------------------------------------------------------------------------------

    private static Column at(String threadId, @Nullable String messageId, String table, String column) {
        return new Column(threadId, messageId, table, column);
    }

    /** @return the value in its shape, as JSON text encoded for its column */
    private <T> String encode(Shape<T> shape, T value) {
        return dialect.encodeJson(JsonText.write(shape.encode(value)));
    }

    /** What {@link Column#decode} makes of an exception a record constructor threw. */
    private static RuntimeException rejected(Column column, RuntimeException e) {
        if (e instanceof ThreadStoreException) {
            return e;
        }
        return column.corrupt("a value the records reject (" + e.getMessage() + ")", e);
    }

    /**
     * @return the column's text decoded in its shape: an empty map or list at once (most columns hold one), anything
     *     else decoded by the dialect, read as JSON and decoded in its shape, checked through a {@link Column}
     */
    private <T> T decode(Shape<T> shape, @Nullable String columnText, String threadId, @Nullable String messageId,
                         String table, String name) {
        if (emptyJsonVerbatim && columnText != null && columnText.length() == 2) {
            T empty = shape.ofEmpty(columnText);
            if (empty != null) {
                return empty;
            }
        }
        return decode(shape, columnText, at(threadId, messageId, table, name));
    }

    /** @return the column's text decoded by the dialect, read as JSON and decoded in its shape */
    private <T> T decode(Shape<T> shape, @Nullable String columnText, Column column) {
        if (columnText == null) {
            throw column.corrupt("NULL, where a JSON value is required");
        }
        String json;
        try {
            json = dialect.decodeJson(columnText);
        } catch (RuntimeException e) {
            throw column.corrupt("text the dialect cannot decode (" + e.getMessage() + ")", e);
        }
        if (json.length() == 2) {
            T empty = shape.ofEmpty(json);
            if (empty != null) {
                return empty;
            }
        }
        return shape.decode(JsonText.read(json, column), column);
    }

    private @Nullable String text(@Nullable String value) {
        return value == null ? null : dialect.encodeText(value);
    }

    private @Nullable String untext(@Nullable String column) {
        return column == null ? null : dialect.decodeText(column);
    }

    /** An attachment as a row holds it: metadata only, its bytes are in the FileStore (content null). */
    // NullAway reads Attachment from the API's class file; on JDK 17 javac does not load the type-use annotation of
    // `byte @Nullable [] content` from a class file (JDK 22 does), so NullAway takes the parameter as non-null. It is
    // nullable: null is the documented "bytes not held". Only this call is exempt.
    @SuppressWarnings("NullAway")
    private static Attachment withoutBytes(String filename, @Nullable String mimeType, Map<String, Object> attributes,
                                           @Nullable String fileId, @Nullable String storagePath,
                                           @Nullable String storageBackend, AttachmentStatus status, long size,
                                           @Nullable String sha256) {
        return new Attachment(filename, null, mimeType, attributes, fileId, storagePath, storageBackend, status, size,
                sha256);
    }
}
