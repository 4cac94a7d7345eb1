package dev.threadstore;

import dev.threadstore.spi.JsonValues;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A thread without its messages, as {@link ThreadStore#summaries} lists it: what a chat UI's sidebar shows.
 * {@code messageCount} and {@code lastSequence} are kept by the store's write paths, so listing never counts
 * messages, and they let a UI page backwards with {@link MessageWindow#before}.
 *
 * <p>Neither a component nor its accessor is ever null, unless its description below says "or null".
 *
 * @param id the thread's id
 * @param title the title, or null
 * @param attributes the thread's attributes
 * @param source the thread's source, or null
 * @param createdAt when the thread was created
 * @param updatedAt when the thread last changed
 * @param version the stored version
 * @param messageCount how many messages the thread holds, at least 0
 * @param lastSequence the highest message sequence, 0 without messages
 * @param expiresAt when the thread expires, or null if it does not
 */
public record ThreadSummary(String id, @Nullable String title, Map<String, Object> attributes,
                            @Nullable ThreadSource source, Instant createdAt, Instant updatedAt, long version,
                            int messageCount, int lastSequence, @Nullable Instant expiresAt) {

    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException if a non-nullable component is null
     * @throws IllegalArgumentException if a count or the version is negative, or an attribute is not a JSON value
     */
    public ThreadSummary {
        Objects.requireNonNull(id, "id");
        attributes = JsonValues.copyOf(attributes, "thread attributes");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 0 || messageCount < 0 || lastSequence < 0) {
            throw new IllegalArgumentException("version, messageCount and lastSequence must not be negative, got "
                    + version + ", " + messageCount + " and " + lastSequence);
        }
    }

    /**
     * @param thread a whole thread as stored
     * @return its summary
     * @throws IllegalArgumentException if the thread is {@linkplain ChatThread#window() windowed}: its counts
     *     would be those of the window
     * @throws NullPointerException if {@code thread} is null
     */
    public static ThreadSummary of(ChatThread thread) {
        Objects.requireNonNull(thread, "thread");
        if (thread.window() != null) {
            throw new IllegalArgumentException("Thread '" + thread.id() + "' is windowed; a summary needs the whole"
                    + " thread");
        }
        return new ThreadSummary(thread.id(), thread.title(), thread.attributes(), thread.source(), thread.createdAt(),
                thread.updatedAt(), thread.version(), thread.messages().size(), thread.maxSequence(), thread.expiresAt());
    }
}
