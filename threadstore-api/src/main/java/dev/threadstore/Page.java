package dev.threadstore;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a {@link ThreadQuery}'s results, and where the next one starts.
 *
 * <p>Neither a component nor its accessor is ever null, unless its description below says "or null".
 *
 * @param items the page's items, in listing order; unmodifiable
 * @param nextCursor pass to {@link ThreadQuery#after(String)} of the same query for the next page; null on the
 *     last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    /**
     * Copies the items.
     *
     * @throws NullPointerException if {@code items} or one of them is null
     */
    public Page {
        items = List.copyOf(items);
    }

    /** @return whether there is a next page ({@link #nextCursor()} is not null) */
    public boolean hasNext() {
        return nextCursor != null;
    }
}
