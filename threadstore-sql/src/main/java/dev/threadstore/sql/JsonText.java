package dev.threadstore.sql;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonIOException;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON text as the SQL backends store it, with the semantics of one Gson ({@code serializeNulls},
 * {@code disableHtmlEscaping}, {@link ToNumberPolicy#LONG_OR_DOUBLE}; {@code fromJson(json, Object.class)} to read):
 * nulls kept, no HTML escaping, integers read back as {@code Long} and other numbers as {@code Double}, objects as
 * {@code LinkedHashMap} (a repeated key keeps its last value), Gson's leniency and its "not fully consumed" check.
 * The values the store writes (maps with string keys, lists, strings, booleans, {@code Long}, {@code Integer},
 * finite {@code Double}, null) go straight through Gson's {@link JsonWriter} and {@link JsonReader}: building a
 * {@code Gson} registers every type adapter it has, over a hundred classes in a fresh JVM, so that one is made only
 * for a value of another type. Empty maps and lists skip the writer and the reader altogether.
 */
final class JsonText {

    private JsonText() {
    }

    /** The Gson for values of other types, made on first use. */
    private static final class Fallback {
        static final Gson GSON = new GsonBuilder()
                .serializeNulls()
                .disableHtmlEscaping()
                .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
                .create();
    }

    /** @return the value as JSON text */
    static String write(@Nullable Object value) {
        if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return "{}";
        }
        if (value instanceof Collection<?> collection && collection.isEmpty()) {
            return "[]";
        }
        StringWriter text = new StringWriter();
        JsonWriter writer = new JsonWriter(text);
        // as Gson.toJson sets its writer up
        writer.setStrictness(Strictness.LENIENT);
        writer.setHtmlSafe(false);
        writer.setSerializeNulls(true);
        try {
            if (writePlain(writer, value)) {
                return text.toString();
            }
        } catch (IOException e) {
            throw new JsonIOException(e); // a StringWriter does not fail
        }
        return Fallback.GSON.toJson(value);
    }

    /**
     * Writes a value Gson would write with its built-in adapters for these types, the same way.
     *
     * @return false, leaving the writer part-way, when the value holds anything else
     */
    private static boolean writePlain(JsonWriter writer, @Nullable Object value) throws IOException {
        if (value == null) {
            writer.nullValue();
        } else if (value instanceof String s) {
            writer.value(s);
        } else if (value instanceof Boolean b) {
            writer.value(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer) {
            writer.value(((Number) value).longValue());
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return false; // Gson's own error
            }
            writer.value(d.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            writer.beginObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return false;
                }
                writer.name(key);
                if (!writePlain(writer, entry.getValue())) {
                    return false;
                }
            }
            writer.endObject();
        } else if (value instanceof List<?> list) {
            writer.beginArray();
            for (Object element : list) {
                if (!writePlain(writer, element)) {
                    return false;
                }
            }
            writer.endArray();
        } else {
            return false;
        }
        return true;
    }

    /**
     * @param json JSON text
     * @param column where it was read
     * @return the value: a map, a list, a string, a {@code Long}, a {@code Double}, a {@code Boolean} or null
     * @throws dev.threadstore.StorageException naming the column when the text is not JSON
     */
    static @Nullable Object read(String json, Column column) {
        if (json.equals("{}")) {
            return new LinkedHashMap<String, Object>();
        }
        if (json.equals("[]")) {
            return new ArrayList<Object>();
        }
        try {
            return parse(json);
        } catch (JsonParseException e) {
            throw column.corrupt("text that is not JSON (" + e.getMessage() + "): " + shorten(json), e);
        }
    }

    /**
     * What {@code Gson.fromJson(json, Object.class)} returns for the text, or throws: read leniently, then checked
     * strictly for anything after the value; blank text is null.
     *
     * @throws JsonParseException when the text is not JSON
     */
    static @Nullable Object parse(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.LENIENT);
        boolean empty = true;
        Object value;
        try {
            JsonToken first = reader.peek();
            empty = false;
            value = readValue(reader, first);
        } catch (EOFException e) {
            if (empty) {
                return null;
            }
            throw new JsonSyntaxException(e);
        } catch (IllegalStateException | IOException e) {
            throw new JsonSyntaxException(e);
        }
        reader.setStrictness(Strictness.LEGACY_STRICT);
        try {
            if (value != null && reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("JSON document was not fully consumed.");
            }
        } catch (MalformedJsonException e) {
            throw new JsonSyntaxException(e);
        } catch (IOException e) {
            throw new JsonIOException(e);
        }
        return value;
    }

    /** Gson's {@code ObjectTypeAdapter.read}: iterative, so that deep nesting needs no deep stack. */
    private static @Nullable Object readValue(JsonReader reader, JsonToken first) throws IOException {
        Object current = beginNesting(reader, first);
        if (current == null) {
            return readTerminal(reader, first);
        }
        Deque<Object> outer = new ArrayDeque<>();
        while (true) {
            while (reader.hasNext()) {
                String name = current instanceof Map ? reader.nextName() : null;
                JsonToken token = reader.peek();
                Object nested = beginNesting(reader, token);
                if (nested == null) {
                    add(current, name, readTerminal(reader, token));
                } else {
                    add(current, name, nested);
                    outer.addLast(current);
                    current = nested;
                }
            }
            if (current instanceof List) {
                reader.endArray();
            } else {
                reader.endObject();
            }
            if (outer.isEmpty()) {
                return current;
            }
            current = outer.removeLast();
        }
    }

    /** Adds to an array, or puts under its name in an object (a repeated name keeps the last value). */
    @SuppressWarnings("unchecked")
    private static void add(Object container, @Nullable String name, @Nullable Object value) {
        if (container instanceof List) {
            ((List<@Nullable Object>) container).add(value);
        } else {
            ((Map<@Nullable String, @Nullable Object>) container).put(name, value);
        }
    }

    private static @Nullable Object beginNesting(JsonReader reader, JsonToken token) throws IOException {
        switch (token) {
            case BEGIN_ARRAY:
                reader.beginArray();
                return new ArrayList<>();
            case BEGIN_OBJECT:
                reader.beginObject();
                return new LinkedHashMap<>();
            default:
                return null;
        }
    }

    private static @Nullable Object readTerminal(JsonReader reader, JsonToken token) throws IOException {
        switch (token) {
            case STRING:
                return reader.nextString();
            case NUMBER:
                return ToNumberPolicy.LONG_OR_DOUBLE.readNumber(reader);
            case BOOLEAN:
                return reader.nextBoolean();
            case NULL:
                reader.nextNull();
                return null;
            default:
                throw new IllegalStateException("Unexpected token: " + token);
        }
    }

    /** @return the text, cut to 60 characters for an error message */
    static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
