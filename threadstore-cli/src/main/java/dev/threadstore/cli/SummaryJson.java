package dev.threadstore.cli;

import dev.threadstore.ThreadSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code ls --json}: one {@link ThreadSummary} as one line of JSON, keys in a fixed order and JSON values written as
 * the export format writes them (sorted object keys, {@code Long} without and {@code Double} with a decimal point).
 */
final class SummaryJson {

    private final StringBuilder out = new StringBuilder(160);

    private SummaryJson() {
    }

    static String write(ThreadSummary s) {
        SummaryJson w = new SummaryJson();
        w.out.append('{');
        w.key("id").string(s.id()).comma();
        w.key("title").string(s.title()).comma();
        w.key("createdAt").string(s.createdAt().toString()).comma();
        w.key("updatedAt").string(s.updatedAt().toString()).comma();
        w.key("version").raw(Long.toString(s.version())).comma();
        w.key("messageCount").raw(Integer.toString(s.messageCount())).comma();
        w.key("lastSequence").raw(Integer.toString(s.lastSequence())).comma();
        w.key("expiresAt").string(s.expiresAt() == null ? null : s.expiresAt().toString()).comma();
        w.key("attributes").value(s.attributes()).comma();
        w.key("source");
        if (s.source() == null) {
            w.raw("null");
        } else {
            w.out.append('{');
            w.key("name").string(s.source().name()).comma();
            w.key("properties").value(s.source().properties());
            w.out.append('}');
        }
        w.out.append('}');
        return w.out.toString();
    }

    private SummaryJson value(@Nullable Object value) {
        if (value == null) {
            return raw("null");
        }
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>();
            map.keySet().forEach(k -> keys.add((String) k));
            keys.sort(null);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    comma();
                }
                key(keys.get(i)).value(map.get(keys.get(i)));
            }
            return raw("}");
        }
        if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    comma();
                }
                value(list.get(i));
            }
            return raw("]");
        }
        return raw(value.toString()); // Long, Double (Double.toString keeps a decimal point), Boolean
    }

    private SummaryJson key(String key) {
        string(key);
        out.append(':');
        return this;
    }

    private SummaryJson string(@Nullable String s) {
        if (s == null) {
            return raw("null");
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        return this;
    }

    private SummaryJson comma() {
        out.append(',');
        return this;
    }

    private SummaryJson raw(String s) {
        out.append(s);
        return this;
    }
}
