package dev.threadstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes one {@link ChatThread} as one line of the export format ({@code docs/export-format.md}). The output is
 * canonical, so that the same thread always gives the same bytes whatever backend it was read from: every field is
 * written, in a fixed order, {@code null} included; object keys of JSON values (attributes, properties, metrics,
 * reactions) are sorted; numbers keep their JSON type ({@code Long} without a decimal point, {@code Double} always with
 * one or with an exponent); instants are ISO-8601 UTC with the fraction {@link Instant#toString()} gives. Not
 * thread-safe: one instance per line.
 */
final class ThreadJsonWriter {

    private final StringBuilder out = new StringBuilder(256);

    private ThreadJsonWriter() {
    }

    static String write(ChatThread thread) {
        if (thread.window() != null) {
            throw new IllegalArgumentException("thread " + thread.id() + " was read through " + thread.window()
                    + " and holds only some of its messages; export whole threads (get(id) or threads(query))");
        }
        ThreadJsonWriter w = new ThreadJsonWriter();
        w.thread(thread);
        return w.out.toString();
    }

    private void thread(ChatThread t) {
        out.append('{');
        name("format").string(ThreadJson.FORMAT).comma();
        name("formatVersion").append(Integer.toString(ThreadJson.FORMAT_VERSION)).comma();
        name("id").string(t.id()).comma();
        name("title").string(t.title()).comma();
        name("createdAt").instant(t.createdAt()).comma();
        name("updatedAt").instant(t.updatedAt()).comma();
        name("version").append(Long.toString(t.version())).comma();
        Instant expiresAt = t.expiresAt();
        if (expiresAt != null) {
            name("expiresAt").instant(expiresAt).comma();
        }
        name("attributes").value(t.attributes()).comma();
        name("source");
        ThreadSource source = t.source();
        if (source == null) {
            append("null");
        } else {
            out.append('{');
            name("name").string(source.name()).comma();
            name("properties").value(source.properties());
            out.append('}');
        }
        comma();
        name("messages").append("[");
        List<Message> messages = t.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                comma();
            }
            message(messages.get(i));
        }
        out.append("]}");
    }

    private void message(Message m) {
        out.append('{');
        name("id").string(m.id()).comma();
        name("role").string(lower(m.role())).comma();
        name("sequence").append(Integer.toString(m.sequence())).comma();
        name("timestamp").instant(m.timestamp()).comma();
        name("content").string(m.content()).comma();
        name("parts").append("[");
        for (int i = 0; i < m.parts().size(); i++) {
            if (i > 0) {
                comma();
            }
            ContentPart part = m.parts().get(i);
            if (part instanceof ContentPart.Text text) {
                out.append('{');
                name("type").string("text").comma();
                name("text").string(text.text());
            } else {
                out.append('{');
                name("type").string("image_url").comma();
                name("url").string(((ContentPart.ImageUrl) part).url());
            }
            out.append('}');
        }
        append("]").comma();
        name("name").string(m.name()).comma();
        name("toolCallId").string(m.toolCallId()).comma();
        name("toolCalls").append("[");
        for (int i = 0; i < m.toolCalls().size(); i++) {
            if (i > 0) {
                comma();
            }
            ToolCall call = m.toolCalls().get(i);
            out.append('{');
            name("id").string(call.id()).comma();
            name("type").string(call.type()).comma();
            name("functionName").string(call.functionName()).comma();
            name("arguments").string(call.arguments());
            out.append('}');
        }
        append("]").comma();
        name("attributes").value(m.attributes()).comma();
        name("source");
        MessageSource source = m.source();
        if (source == null) {
            append("null");
        } else {
            out.append('{');
            name("id").string(source.id()).comma();
            name("name").string(source.name()).comma();
            name("type").string(source.type() == null ? null : lower(source.type())).comma();
            name("attributes").value(source.attributes());
            out.append('}');
        }
        comma();
        name("attachments").append("[");
        for (int i = 0; i < m.attachments().size(); i++) {
            if (i > 0) {
                comma();
            }
            attachment(m.attachments().get(i));
        }
        append("]").comma();
        name("reactions").value(m.reactions()).comma();
        name("metrics").value(m.metrics());
        out.append('}');
    }

    private void attachment(Attachment a) {
        out.append('{');
        name("filename").string(a.filename()).comma();
        name("mimeType").string(a.mimeType()).comma();
        name("size").append(Long.toString(a.size())).comma();
        name("sha256").string(a.sha256()).comma();
        name("status").string(lower(a.status())).comma();
        name("fileId").string(a.fileId()).comma();
        name("storagePath").string(a.storagePath()).comma();
        name("storageBackend").string(a.storageBackend()).comma();
        name("attributes").value(a.attributes()).comma();
        byte[] content = a.content();
        name("content").string(content == null ? null : Base64.getEncoder().encodeToString(content));
        out.append('}');
    }

    private ThreadJsonWriter value(@Nullable Object value) {
        if (value == null) {
            return append("null");
        }
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof Boolean || value instanceof Long) {
            return append(value.toString());
        }
        if (value instanceof Double d) {
            return append(Double.toString(d)); // always "1.0" or "1.0E10": reads back as a Double, exactly
        }
        if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>(map.size());
            for (Object key : map.keySet()) {
                keys.add((String) key);
            }
            keys.sort(null);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    comma();
                }
                name(keys.get(i)).value(map.get(keys.get(i)));
            }
            return append("}");
        }
        if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    comma();
                }
                value(list.get(i));
            }
            return append("]");
        }
        // The records admit only canonical JSON values, so this is a bug in a record, not bad input.
        throw new IllegalStateException("not a canonical JSON value: " + value.getClass().getName());
    }

    private ThreadJsonWriter instant(Instant instant) {
        return string(instant.toString());
    }

    private ThreadJsonWriter name(String name) {
        string(name);
        out.append(':');
        return this;
    }

    private ThreadJsonWriter string(@Nullable String s) {
        if (s == null) {
            return append("null");
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return this;
    }

    private ThreadJsonWriter comma() {
        out.append(',');
        return this;
    }

    private ThreadJsonWriter append(String s) {
        out.append(s);
        return this;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
