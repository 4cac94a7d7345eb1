package dev.threadstore.sql;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link JsonText} as it was when one {@code Gson} wrote and read every value: kept as the reference the streaming
 * one must match, text for text and failure for failure, since every JSON column already stored was written by it.
 */
final class JsonTextReference {

    private static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    private JsonTextReference() {
    }

    static String write(@Nullable Object value) {
        if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return "{}";
        }
        if (value instanceof Collection<?> collection && collection.isEmpty()) {
            return "[]";
        }
        return GSON.toJson(value);
    }

    /** {@link JsonText#read} without its column: the value, or Gson's {@code JsonParseException}. */
    static @Nullable Object parse(String json) {
        return GSON.fromJson(json, Object.class);
    }
}
