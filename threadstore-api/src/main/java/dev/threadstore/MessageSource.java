package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who or what produced a message, e.g. a Slack user or a named agent.
 *
 * <p>Neither a component nor its accessor is ever null, unless its description below says "or null".
 *
 * @param id the entity's id in its own system
 * @param name a display name, or null
 * @param type the kind of entity, or null
 * @param attributes more about the entity, as JSON values
 */
public record MessageSource(String id, @Nullable String name, @Nullable Type type, Map<String, Object> attributes) {

    /** The kind of entity a message came from. */
    public enum Type {
        /** A person. */
        USER,
        /** An agent or model. */
        AGENT,
        /** A tool. */
        TOOL
    }

    /**
     * Validates the id and copies the attributes, which must be JSON values.
     *
     * @throws NullPointerException if the id or the attributes are null
     * @throws IllegalArgumentException if the id is blank or an attribute is not a JSON value
     */
    public MessageSource {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("message source id must not be blank");
        }
        JsonValues.checkText(id, "message source id");
        if (name != null) {
            JsonValues.checkText(name, "message source name");
        }
        attributes = JsonValues.copyOf(attributes, "message source attributes");
    }

    /**
     * A source with no attributes.
     *
     * @param id who or what wrote the message
     * @param name its display name, or null
     * @param type its kind, or null
     * @return a source with just an id, name and type
     * @throws IllegalArgumentException as the canonical constructor
     * @throws NullPointerException if {@code id} is null
     */
    public static MessageSource of(String id, @Nullable String name, @Nullable Type type) {
        return new MessageSource(id, name, type, Map.of());
    }
}
