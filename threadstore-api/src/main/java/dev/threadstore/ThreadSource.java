package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.util.Map;
import java.util.Objects;

/**
 * Where a thread lives outside threadstore, e.g. {@code new ThreadSource("slack", Map.of("channel",
 * "C123", "thread_ts", "123.456"))}. Queried with {@link ThreadStore#findBySource}.
 *
 * <p>Neither a component nor its accessor is ever null, unless its description below says "or null".
 *
 * @param name the source system, e.g. {@code "slack"}; not blank, at most {@value ValueLimits#MAX_KEY_LENGTH}
 *     characters
 * @param properties JSON properties that identify the thread in that system
 */
public record ThreadSource(String name, Map<String, Object> properties) {

    /**
     * Validates the name and copies the properties, which must be JSON values.
     *
     * @throws NullPointerException if the name or properties are null
     * @throws IllegalArgumentException if the name is blank, too long or not valid UTF-16, or a property is
     *     not a JSON value
     */
    public ThreadSource {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("thread source name must not be blank");
        }
        ValueLimits.checkKey(name, "thread source name");
        properties = JsonValues.copyOf(properties, "thread source properties");
    }

    /**
     * A source with no properties.
     *
     * @param name the source system, e.g. {@code "slack"}
     * @return a source with no properties
     * @throws IllegalArgumentException as the canonical constructor
     * @throws NullPointerException if {@code name} is null
     */
    public static ThreadSource of(String name) {
        return new ThreadSource(name, Map.of());
    }
}
