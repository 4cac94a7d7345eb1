package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of a {@link ChatThread}. Immutable; every {@code with…} method returns a new message.
 *
 * <p>Create one with {@link #user}, {@link #assistant}, {@link #system}, {@link #tool} or
 * {@link #builder(Role)}. The id, when not given, is a time-ordered UUID (version 7). The
 * {@code sequence} is the message's place in its thread, starting at 1; 0 means "not yet placed", and
 * {@link ChatThread#withMessage} or the store assigns it.
 *
 * <p>Every component is checked against {@link ValueLimits}: ids hold at most
 * {@value ValueLimits#MAX_KEY_LENGTH} characters, the timestamp lies between years 1 and 9999, strings are
 * valid UTF-16, numbers in JSON values are canonical ({@code -0.0} becomes {@code 0.0}).
 *
 * @param id unique within its thread; not blank, at most {@value ValueLimits#MAX_KEY_LENGTH} characters
 * @param role who speaks
 * @param sequence the place in the thread, 1-based; 0 while not yet placed
 * @param content the text, or null (e.g. an assistant message holding only tool calls)
 * @param parts multimodal content parts, empty for plain text
 * @param name the speaker's or tool's name, or null
 * @param toolCallId for a {@link Role#TOOL} message, the {@link ToolCall#id()} it answers; null otherwise;
 *     at most {@value ValueLimits#MAX_KEY_LENGTH} characters
 * @param toolCalls tool calls requested by an assistant message
 * @param attributes application data, as JSON values
 * @param timestamp when the message was created, truncated to microseconds; between
 *     {@link ValueLimits#MIN_INSTANT} and {@link ValueLimits#MAX_INSTANT}
 * @param source who or what produced the message, or null
 * @param attachments attached files
 * @param reactions emoji to the ids of the users who reacted with it
 * @param metrics model, timing and token usage, as JSON values
 */
public record Message(String id, Role role, int sequence, @Nullable String content, List<ContentPart> parts,
                      @Nullable String name, @Nullable String toolCallId, List<ToolCall> toolCalls,
                      Map<String, Object> attributes, Instant timestamp, @Nullable MessageSource source,
                      List<Attachment> attachments, Map<String, List<String>> reactions, Map<String, Object> metrics) {

    /**
     * Validates and copies every component.
     *
     * @throws NullPointerException if a non-nullable component is null
     * @throws IllegalArgumentException if a component breaks the rules above: a blank or too long id or
     *     toolCallId, a timestamp outside {@link ValueLimits#MIN_INSTANT} to {@link ValueLimits#MAX_INSTANT}
     *     (the message names the field and the range), a string that is not valid UTF-16, a value that is not
     *     JSON, a TOOL message without a toolCallId, a negative sequence
     */
    public Message {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("message id must not be blank");
        }
        ValueLimits.checkKey(id, "message id");
        Objects.requireNonNull(role, "role");
        if (sequence < 0) {
            throw new IllegalArgumentException("message sequence must not be negative, got " + sequence);
        }
        if (content != null) {
            JsonValues.checkText(content, "message content");
        }
        parts = List.copyOf(parts);
        if (name != null) {
            JsonValues.checkText(name, "message name");
        }
        if (role == Role.TOOL && (toolCallId == null || toolCallId.isBlank())) {
            throw new IllegalArgumentException("a TOOL message needs a toolCallId naming the tool call it answers");
        }
        if (toolCallId != null) {
            ValueLimits.checkKey(toolCallId, "message toolCallId");
        }
        toolCalls = List.copyOf(toolCalls);
        attributes = JsonValues.copyOf(attributes, "message attributes");
        timestamp = ValueLimits.checkInstant(timestamp, "timestamp");
        attachments = List.copyOf(attachments);
        reactions = copyReactions(reactions);
        metrics = JsonValues.copyOf(metrics, "message metrics");
    }

    /**
     * A new user message.
     *
     * @param text the message's text
     * @return a new user message with the given text
     * @throws IllegalArgumentException if the text is not valid text (an unpaired surrogate)
     * @throws NullPointerException if {@code text} is null
     */
    public static Message user(String text) {
        return builder(Role.USER).content(Objects.requireNonNull(text, "text")).build();
    }

    /**
     * A new assistant message.
     *
     * @param text the message's text
     * @return a new assistant message with the given text
     * @throws IllegalArgumentException if the text is not valid text (an unpaired surrogate)
     * @throws NullPointerException if {@code text} is null
     */
    public static Message assistant(String text) {
        return builder(Role.ASSISTANT).content(Objects.requireNonNull(text, "text")).build();
    }

    /**
     * A new system message.
     *
     * @param text the message's text
     * @return a new system message with the given text
     * @throws IllegalArgumentException if the text is not valid text (an unpaired surrogate)
     * @throws NullPointerException if {@code text} is null
     */
    public static Message system(String text) {
        return builder(Role.SYSTEM).content(Objects.requireNonNull(text, "text")).build();
    }

    /**
     * A new tool-result message.
     *
     * @param toolCallId the id of the {@link ToolCall} this answers
     * @param name the tool's name, or null
     * @param text the result
     * @return the message
     */
    public static Message tool(String toolCallId, @Nullable String name, String text) {
        return builder(Role.TOOL).toolCallId(Objects.requireNonNull(toolCallId, "toolCallId")).name(name)
                .content(Objects.requireNonNull(text, "text")).build();
    }

    /**
     * A builder for a message with the given role. Unset components default to: a new UUIDv7 id,
     * sequence 0, no content, empty lists and maps, and the current time.
     *
     * @param role who speaks
     * @return a new builder
     * @throws NullPointerException if {@code role} is null
     */
    public static Builder builder(Role role) {
        return new Builder(Objects.requireNonNull(role, "role"));
    }

    /** @return a builder holding this message's components */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * This message with a new pending attachment holding the given bytes.
     *
     * @param content the bytes (copied)
     * @param filename the file's name
     * @return a new message
     * @throws IllegalArgumentException if the filename is blank or not valid text
     * @throws NullPointerException if an argument is null
     */
    public Message withAttachment(byte[] content, String filename) {
        return withAttachment(Attachment.of(content, filename));
    }

    /**
     * This message with one more attachment.
     *
     * @param attachment the attachment
     * @return this message with the given attachment added at the end
     * @throws NullPointerException if {@code attachment} is null
     */
    public Message withAttachment(Attachment attachment) {
        Objects.requireNonNull(attachment, "attachment");
        List<Attachment> list = new ArrayList<>(attachments);
        list.add(attachment);
        return toBuilder().attachments(list).build();
    }

    /**
     * This message at another place in its thread.
     *
     * @param sequence the sequence, 0 for "not yet placed"
     * @return this message placed at the given sequence
     * @throws IllegalArgumentException if {@code sequence} is negative
     */
    public Message withSequence(int sequence) {
        return sequence == this.sequence ? this : toBuilder().sequence(sequence).build();
    }

    /**
     * This message with one attribute set.
     *
     * @param key the attribute's name
     * @param value a JSON value, or null for a JSON null
     * @return a new message
     * @throws IllegalArgumentException if the value is not a JSON value
     * @throws NullPointerException if {@code key} is null
     */
    public Message withAttribute(String key, @Nullable Object value) {
        Objects.requireNonNull(key, "key");
        Map<String, Object> map = new LinkedHashMap<>(attributes);
        map.put(key, value);
        return toBuilder().attributes(map).build();
    }

    /** @return whether any attachment still holds bytes that must go to a {@link FileStore} */
    public boolean hasPendingAttachments() {
        for (Attachment a : attachments) {
            if (a.isPending()) {
                return true;
            }
        }
        return false;
    }

    /** The reactions of a message without any: one shared instance, read exactly as a copy would be. */
    private static final Map<String, List<String>> NO_REACTIONS = Collections.unmodifiableMap(new LinkedHashMap<>());

    private static Map<String, List<String>> copyReactions(Map<String, List<String>> reactions) {
        Objects.requireNonNull(reactions, "reactions");
        if (reactions.isEmpty()) {
            return NO_REACTIONS;
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        reactions.forEach((emoji, users) -> {
            Objects.requireNonNull(emoji, "reaction emoji");
            Objects.requireNonNull(users, "users reacting with " + emoji);
            JsonValues.checkText(emoji, "reaction emoji");
            users.forEach(u -> JsonValues.checkText(Objects.requireNonNull(u, "reacting user"), "reacting user"));
            copy.put(emoji, List.copyOf(users));
        });
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Map<String, ?> map) {
        return (Map<String, Object>) map; // the record's constructor validates and copies
    }

    /**
     * Builds a {@link Message}; one setter per component. A setter given null for a component that is not
     * {@code @Nullable} throws {@link NullPointerException} naming it; {@link #build()} checks and copies the rest
     * as the canonical constructor does. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String id;
        private Role role;
        private int sequence;
        private @Nullable String content;
        private List<ContentPart> parts = List.of();
        private @Nullable String name;
        private @Nullable String toolCallId;
        private List<ToolCall> toolCalls = List.of();
        private Map<String, ?> attributes = Map.of();
        private @Nullable Instant timestamp;
        private @Nullable MessageSource source;
        private List<Attachment> attachments = List.of();
        private Map<String, List<String>> reactions = Map.of();
        private Map<String, ?> metrics = Map.of();

        private Builder(Role role) {
            this.role = role;
        }

        private Builder(Message m) {
            id = m.id;
            role = m.role;
            sequence = m.sequence;
            content = m.content;
            parts = m.parts;
            name = m.name;
            toolCallId = m.toolCallId;
            toolCalls = m.toolCalls;
            attributes = m.attributes;
            timestamp = m.timestamp;
            source = m.source;
            attachments = m.attachments;
            reactions = m.reactions;
            metrics = m.metrics;
        }

        /** @return this builder, with the given id */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /** @return this builder, with the given role */
        public Builder role(Role role) {
            this.role = Objects.requireNonNull(role, "role");
            return this;
        }

        /** @return this builder, with the given sequence (0: not yet placed) */
        public Builder sequence(int sequence) {
            this.sequence = sequence;
            return this;
        }

        /** @return this builder, with the given text content */
        public Builder content(@Nullable String content) {
            this.content = content;
            return this;
        }

        /** @return this builder, with the given multimodal parts */
        public Builder parts(List<ContentPart> parts) {
            this.parts = Objects.requireNonNull(parts, "parts");
            return this;
        }

        /** @return this builder, with the given name */
        public Builder name(@Nullable String name) {
            this.name = name;
            return this;
        }

        /** @return this builder, with the given tool call id */
        public Builder toolCallId(@Nullable String toolCallId) {
            this.toolCallId = toolCallId;
            return this;
        }

        /** @return this builder, with the given tool calls */
        public Builder toolCalls(List<ToolCall> toolCalls) {
            this.toolCalls = Objects.requireNonNull(toolCalls, "toolCalls");
            return this;
        }

        /** @return this builder, with the given attributes */
        public Builder attributes(Map<String, ?> attributes) {
            this.attributes = Objects.requireNonNull(attributes, "attributes");
            return this;
        }

        /** @return this builder, with the given timestamp */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
            return this;
        }

        /** @return this builder, with the given source */
        public Builder source(@Nullable MessageSource source) {
            this.source = source;
            return this;
        }

        /** @return this builder, with the given attachments */
        public Builder attachments(List<Attachment> attachments) {
            this.attachments = Objects.requireNonNull(attachments, "attachments");
            return this;
        }

        /** @return this builder, with the given reactions */
        public Builder reactions(Map<String, List<String>> reactions) {
            this.reactions = Objects.requireNonNull(reactions, "reactions");
            return this;
        }

        /** @return this builder, with the given metrics */
        public Builder metrics(Map<String, ?> metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * @return the message
         * @throws IllegalArgumentException if a component is invalid
         */
        public Message build() {
            return new Message(id != null ? id : Ids.uuidV7(), role, sequence, content, parts, name, toolCallId,
                    toolCalls, json(attributes), timestamp != null ? timestamp : Instant.now(), source, attachments,
                    reactions, json(metrics));
        }
    }
}
