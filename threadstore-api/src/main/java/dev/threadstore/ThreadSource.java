package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.util.Map;
import java.util.Objects;

/**
 * Where a thread lives outside threadstore, e.g. {@code new ThreadSource("slack", Map.of("channel",
 * "C123", "thread_ts", "123.456"))}. Queried with {@link ThreadStore#findBySource}.
 *
 * @param name the source system, e.g. {@code "slack"}
 * @param properties JSON properties that identify the thread in that system
 */
public record ThreadSource(String name, Map<String, Object> properties) {

    /** Validates the name and copies the properties, which must be JSON values. */
    public ThreadSource {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("thread source name must not be blank");
        }
        JsonValues.checkText(name, "thread source name");
        properties = JsonValues.copyOf(properties, "thread source properties");
    }

    /** @return a source with no properties */
    public static ThreadSource of(String name) {
        return new ThreadSource(name, Map.of());
    }
}
