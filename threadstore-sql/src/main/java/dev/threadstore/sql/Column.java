package dev.threadstore.sql;

import dev.threadstore.StorageException;
import dev.threadstore.ThreadStoreException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where a stored value was read, and the checks a decoder makes of it. Every check that fails is a
 * {@link StorageException} naming the thread, the message and the column, never a {@code ClassCastException}
 * or {@code NullPointerException}: a row changed outside threadstore is reported as what it is.
 *
 * @param threadId the thread
 * @param messageId the message, or null for a thread column
 * @param table the table
 * @param name the column, or {@code row…} for a check of the whole row
 */
record Column(String threadId, @Nullable String messageId, String table, String name) {

    /** @return the store's error saying this column holds the problem */
    StorageException corrupt(String problem) {
        return corrupt(problem, null);
    }

    /** @return the store's error saying this column holds the problem, with its cause */
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

    /** @return the JSON object, its keys checked to be strings (as JSON's always are) */
    Map<String, Object> object(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw corrupt(describe(value) + " where a JSON object belongs");
        }
        Map<String, Object> object = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        map.forEach((key, entry) -> object.put((String) key, entry));
        return object;
    }

    /** @return the JSON object that stands for {@code what} */
    Map<?, ?> map(@Nullable Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw corrupt(describe(value) + " where " + what + " (a JSON object) belongs");
        }
        return map;
    }

    /** @return the JSON array */
    List<?> list(@Nullable Object value) {
        if (!(value instanceof List<?> list)) {
            throw corrupt(describe(value) + " where a JSON array belongs");
        }
        return list;
    }

    /** @return the string under the key, which is required */
    String string(Map<?, ?> object, String key) {
        Object value = object.get(key);
        if (!(value instanceof String string)) {
            throw corrupt(describe(value) + " as \"" + key + "\", where a string is required");
        }
        return string;
    }

    /** @return the string under the key, or null */
    @Nullable String optionalString(Map<?, ?> object, String key) {
        Object value = object.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String string)) {
            throw corrupt(describe(value) + " as \"" + key + "\", where a string or null belongs");
        }
        return string;
    }

    /** @return the constant of that name */
    <E extends Enum<E>> E enumValue(Class<E> type, @Nullable String constantName) {
        if (constantName != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(constantName)) {
                    return constant;
                }
            }
        }
        throw corrupt("an unknown " + type.getSimpleName() + " "
                + (constantName == null ? "null" : "'" + JsonText.shorten(constantName) + "'"));
    }

    /** @return the value as an error message shows it */
    static String describe(@Nullable Object value) {
        return value == null ? "null" : "the JSON " + JsonText.shorten(JsonText.write(value));
    }
}
