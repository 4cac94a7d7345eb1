package dev.threadstore.sql;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON text as the SQL backends store it, through one Gson: nulls kept, no HTML escaping, integers read back as
 * {@code Long} and other numbers as {@code Double}. Most messages hold empty maps and lists, so those are written
 * and read without Gson (which would allocate a writer or a reader and its buffer for each).
 */
final class JsonText {

    private static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    private JsonText() {
    }

    /** @return the value as JSON text */
    static String write(@Nullable Object value) {
        if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return "{}";
        }
        if (value instanceof Collection<?> collection && collection.isEmpty()) {
            return "[]";
        }
        return GSON.toJson(value);
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
            return GSON.fromJson(json, Object.class);
        } catch (JsonParseException e) {
            throw column.corrupt("text that is not JSON (" + e.getMessage() + "): " + shorten(json), e);
        }
    }

    /** @return the text, cut to 60 characters for an error message */
    static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
