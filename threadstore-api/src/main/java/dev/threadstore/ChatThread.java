package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import dev.threadstore.spi.MessageList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A conversation: an ordered list of {@link Message}s with a title, JSON attributes and the outside
 * source it belongs to. Immutable; every {@code with…} method returns a new thread. (The name avoids
 * shadowing {@link java.lang.Thread}.)
 *
 * <p>{@code version} is the store's optimistic-concurrency counter: 0 for a thread never saved, then
 * incremented by each successful {@link ThreadStore#save save} or {@link ThreadStore#append append}.
 * Save the thread the store returned, not the one you passed in.
 *
 * <p>Every component is checked against {@link ValueLimits}: ids hold at most
 * {@value ValueLimits#MAX_KEY_LENGTH} characters, instants lie between years 1 and 9999, strings are
 * valid UTF-16. A record outside them cannot be built, so no backend ever sees it.
 *
 * @param id the thread's id, not blank, at most {@value ValueLimits#MAX_KEY_LENGTH} characters
 * @param title the title, or null
 * @param messages the messages, in order of {@link Message#sequence()}; ids are unique, and so are
 *     sequences other than 0. Held as a {@link MessageList}, which {@link #withMessage} extends without copying or
 *     checking the messages already there; any other list is copied and checked whole
 * @param attributes application data, as JSON values; queried with {@link ThreadStore#findByAttributes}
 * @param source where the thread lives outside, or null; queried with {@link ThreadStore#findBySource}
 * @param createdAt when the thread was created, truncated to microseconds; between
 *     {@link ValueLimits#MIN_INSTANT} and {@link ValueLimits#MAX_INSTANT}
 * @param updatedAt when the thread last changed, truncated to microseconds, in the same range; stamped by
 *     the store on save
 * @param version the stored version; 0 for a new thread
 * @param window the window this thread was read through ({@link ThreadStore#get(String, MessageWindow)}), so
 *     that {@code messages} are only some of the stored ones; null for a whole thread ({@link MessageWindow#all()}
 *     is stored as null). Every {@code with…} method and {@link #toBuilder()} keep it, and a store refuses to save
 *     a thread that has one: saving it would delete the messages outside the window.
 * @param expiresAt when the thread expires, truncated to microseconds, or null if it does not; from that instant
 *     on every store treats it as deleted (invisible to every read, {@code append} throws
 *     {@link ThreadNotFoundException}) and {@link ThreadStore#deleteExpired(int)} purges it. A store opened with
 *     the {@code timeToLive} option sets it on writes that leave it null (see {@link ThreadStore#save})
 */
public record ChatThread(String id, @Nullable String title, List<Message> messages, Map<String, Object> attributes,
                         @Nullable ThreadSource source, Instant createdAt, Instant updatedAt, long version,
                         @Nullable MessageWindow window, @Nullable Instant expiresAt) {

    /** The title of a thread created without one. */
    public static final String DEFAULT_TITLE = "Untitled Thread";

    /**
     * Validates and copies every component.
     *
     * @throws NullPointerException if a non-nullable component is null
     * @throws IllegalArgumentException if a component breaks the rules above: a blank or too long id, an
     *     instant outside {@link ValueLimits#MIN_INSTANT} to {@link ValueLimits#MAX_INSTANT} (the message names
     *     the field and the range), a string that is not valid UTF-16, an attribute that is not a JSON value,
     *     two messages with one id or sequence, a negative version
     */
    public ChatThread {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("thread id must not be blank");
        }
        ValueLimits.checkKey(id, "thread id");
        if (title != null) {
            JsonValues.checkText(title, "thread title");
        }
        try {
            messages = MessageList.copyOf(messages); // a MessageList is already checked: kept as it is
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("thread " + id + " holds " + e.getMessage(), e);
        }
        attributes = JsonValues.copyOf(attributes, "thread attributes");
        createdAt = ValueLimits.checkInstant(createdAt, "createdAt");
        updatedAt = ValueLimits.checkInstant(updatedAt, "updatedAt");
        if (version < 0) {
            throw new IllegalArgumentException("thread version must not be negative, got " + version);
        }
        if (window instanceof MessageWindow.All) {
            window = null;
        }
        if (expiresAt != null) {
            expiresAt = ValueLimits.checkInstant(expiresAt, "expiresAt");
        }
    }

    /**
     * A thread without an expiry: the constructor before retention, kept so that callers compile.
     *
     * @param id the thread's id
     * @param title the title, or null
     * @param messages the messages
     * @param attributes the attributes
     * @param source the source, or null
     * @param createdAt the creation time
     * @param updatedAt the update time
     * @param version the stored version
     * @param window the window the messages were read through, or null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ChatThread(String id, @Nullable String title, List<Message> messages, Map<String, Object> attributes,
                      @Nullable ThreadSource source, Instant createdAt, Instant updatedAt, long version,
                      @Nullable MessageWindow window) {
        this(id, title, messages, attributes, source, createdAt, updatedAt, version, window, null);
    }

    /**
     * A whole thread (no {@link #window()}): the constructor of the first release, kept so that callers compile.
     *
     * @param id the thread's id
     * @param title the title, or null
     * @param messages the messages
     * @param attributes the attributes
     * @param source the source, or null
     * @param createdAt the creation time
     * @param updatedAt the update time
     * @param version the stored version
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ChatThread(String id, @Nullable String title, List<Message> messages, Map<String, Object> attributes,
                      @Nullable ThreadSource source, Instant createdAt, Instant updatedAt, long version) {
        this(id, title, messages, attributes, source, createdAt, updatedAt, version, null, null);
    }

    /** @return a new, empty thread: a random UUID id, the title "Untitled Thread", now, version 0 */
    public static ChatThread create() {
        return builder().build();
    }

    /** @return a new, empty thread with the given title */
    public static ChatThread create(@Nullable String title) {
        return builder().title(title).build();
    }

    /**
     * A builder. Unset components default to: a random UUID id, the title "Untitled Thread", no
     * messages, no attributes, no source, now for both times, version 0, no expiry.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this thread's components */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * This thread with the message added at the end. A message with sequence 0 is placed at the highest
     * sequence plus one; {@code updatedAt} becomes now.
     *
     * @param message the message
     * @return a new thread
     * @throws IllegalArgumentException if the thread already holds a message with that id or sequence
     * @throws NullPointerException if {@code message} is null
     */
    public ChatThread withMessage(Message message) {
        Objects.requireNonNull(message, "message");
        Message placed = message.sequence() == 0 ? message.withSequence(maxSequence() + 1) : message;
        return toBuilder().messages(extended(List.of(placed))).updatedAt(Instant.now()).build();
    }

    /**
     * This thread with each message added in turn, as by {@link #withMessage}.
     *
     * @param messages the messages
     * @return a new thread
     * @throws IllegalArgumentException if a message's id or sequence is taken, by the thread or an earlier message
     * @throws NullPointerException if {@code messages} or one of them is null
     */
    public ChatThread withMessages(List<Message> messages) {
        Objects.requireNonNull(messages, "messages");
        int next = maxSequence();
        List<Message> list = new ArrayList<>(messages.size());
        for (Message m : messages) {
            Objects.requireNonNull(m, "message");
            if (m.sequence() == 0) {
                list.add(m.withSequence(++next));
            } else {
                list.add(m);
                next = Math.max(next, m.sequence());
            }
        }
        return toBuilder().messages(extended(list)).updatedAt(Instant.now()).build();
    }

    /** The messages with these added at the end: only the new ones are checked (see {@link MessageList#plus}). */
    private MessageList extended(List<Message> added) {
        try {
            return ((MessageList) messages).plus(added);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("thread " + id + " holds " + e.getMessage(), e);
        }
    }

    /**
     * This thread with another title; {@code updatedAt} becomes now.
     *
     * @param title the title, or null for none
     * @return a new thread
     * @throws IllegalArgumentException if the title is not valid text
     */
    public ChatThread withTitle(@Nullable String title) {
        return toBuilder().title(title).updatedAt(Instant.now()).build();
    }

    /**
     * This thread with one attribute set; {@code updatedAt} becomes now.
     *
     * @param key the attribute's name
     * @param value a JSON value, or null for a JSON null
     * @return a new thread
     * @throws IllegalArgumentException if the value is not a JSON value
     * @throws NullPointerException if {@code key} is null
     */
    public ChatThread withAttribute(String key, @Nullable Object value) {
        Objects.requireNonNull(key, "key");
        Map<String, Object> map = new LinkedHashMap<>(attributes);
        map.put(key, value);
        return toBuilder().attributes(map).updatedAt(Instant.now()).build();
    }

    /**
     * This thread with the given attributes set, keeping the others; {@code updatedAt} becomes now.
     *
     * @param attributes the attributes to set; values may be null (a JSON null)
     * @return a new thread
     * @throws IllegalArgumentException if a key is null or a value is not a JSON value
     * @throws NullPointerException if {@code attributes} is null
     */
    public ChatThread withAttributes(Map<String, ?> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        Map<String, Object> map = new LinkedHashMap<>(this.attributes);
        map.putAll(attributes);
        return toBuilder().attributes(map).updatedAt(Instant.now()).build();
    }

    /**
     * This thread with another source; {@code updatedAt} becomes now.
     *
     * @param source where the thread lives outside, or null for none
     * @return a new thread
     */
    public ChatThread withSource(@Nullable ThreadSource source) {
        return toBuilder().source(source).updatedAt(Instant.now()).build();
    }

    /**
     * This thread with the given expiry; {@code updatedAt} is left as it is. Saved, the thread is invisible from
     * that instant on (see {@link #expiresAt()}).
     *
     * @param expiresAt when the thread expires, or null for never (on a store with a {@code timeToLive}: the
     *     store's default)
     * @return a new thread
     * @throws IllegalArgumentException if {@code expiresAt} lies outside {@link ValueLimits#MIN_INSTANT} to
     *     {@link ValueLimits#MAX_INSTANT}
     */
    public ChatThread withExpiresAt(@Nullable Instant expiresAt) {
        return toBuilder().expiresAt(expiresAt).build();
    }

    /**
     * This thread expiring the given time from now: {@code withExpiresAt(Instant.now().plus(timeToLive))}.
     *
     * @param timeToLive how long the thread lives from now, positive
     * @return a new thread
     * @throws IllegalArgumentException if {@code timeToLive} is zero or negative, or reaches past
     *     {@link ValueLimits#MAX_INSTANT}
     * @throws NullPointerException if {@code timeToLive} is null
     */
    public ChatThread withTimeToLive(Duration timeToLive) {
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive, got " + timeToLive);
        }
        Instant now = Instant.now();
        if (timeToLive.compareTo(Duration.between(now, ValueLimits.MAX_INSTANT)) > 0) {
            throw new IllegalArgumentException("timeToLive " + timeToLive + " reaches past " + ValueLimits.MAX_INSTANT);
        }
        return withExpiresAt(now.plus(timeToLive));
    }

    /**
     * @param now the instant to judge at
     * @return whether the thread has an expiry at or before {@code now}
     * @throws NullPointerException if {@code now} is null
     */
    public boolean isExpiredAt(Instant now) {
        Objects.requireNonNull(now, "now");
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /**
     * Looks a message up by id.
     *
     * @param messageId the message's id
     * @return the message with the given id, if the thread holds it
     * @throws NullPointerException if {@code messageId} is null
     */
    public Optional<Message> message(String messageId) {
        return ((MessageList) messages).find(Objects.requireNonNull(messageId, "messageId"));
    }

    /** @return whether any message holds an attachment whose bytes must still go to a {@link FileStore} */
    public boolean hasPendingAttachments() {
        return ((MessageList) messages).hasPendingAttachments();
    }

    /** @return the highest message sequence, 0 when there are no placed messages */
    public int maxSequence() {
        return ((MessageList) messages).maxSequence();
    }

    /**
     * Builds a {@link ChatThread}; one setter per component. A setter given null for a component that is not
     * {@code @Nullable} throws {@link NullPointerException} naming it; {@link #build()} checks and copies the rest
     * as the canonical constructor does. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String title = DEFAULT_TITLE;
        private List<Message> messages = List.of();
        private Map<String, ?> attributes = Map.of();
        private @Nullable ThreadSource source;
        private @Nullable Instant createdAt;
        private @Nullable Instant updatedAt;
        private long version;
        private @Nullable MessageWindow window;
        private @Nullable Instant expiresAt;

        private Builder() {
        }

        private Builder(ChatThread t) {
            id = t.id;
            title = t.title;
            messages = t.messages;
            attributes = t.attributes;
            source = t.source;
            createdAt = t.createdAt;
            updatedAt = t.updatedAt;
            version = t.version;
            window = t.window;
            expiresAt = t.expiresAt;
        }

        /** @return this builder, with the given id */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /** @return this builder, with the given title (null: no title) */
        public Builder title(@Nullable String title) {
            this.title = title;
            return this;
        }

        /** @return this builder, with the given messages */
        public Builder messages(List<Message> messages) {
            this.messages = Objects.requireNonNull(messages, "messages");
            return this;
        }

        /** @return this builder, with the given attributes */
        public Builder attributes(Map<String, ?> attributes) {
            this.attributes = Objects.requireNonNull(attributes, "attributes");
            return this;
        }

        /** @return this builder, with the given source */
        public Builder source(@Nullable ThreadSource source) {
            this.source = source;
            return this;
        }

        /** @return this builder, with the given creation time */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            return this;
        }

        /** @return this builder, with the given update time */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            return this;
        }

        /** @return this builder, with the given version */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * @param window the window the messages were read through; null (or {@link MessageWindow#all()}) for a
         *     whole thread
         * @return this builder, with the given window
         */
        public Builder window(@Nullable MessageWindow window) {
            this.window = window;
            return this;
        }

        /**
         * @param expiresAt when the thread expires, or null for never
         * @return this builder, with the given expiry
         */
        public Builder expiresAt(@Nullable Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * @return the thread
         * @throws IllegalArgumentException if a component is invalid
         */
        public ChatThread build() {
            Instant now = Instant.now();
            Instant created = createdAt != null ? createdAt : now;
            return new ChatThread(id != null ? id : UUID.randomUUID().toString(), title, messages,
                    Message.json(attributes), source, created, updatedAt != null ? updatedAt : created, version,
                    window, expiresAt);
        }
    }
}
