package dev.threadstore.cli;

import dev.threadstore.ChatThread;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Every thread a query selects, read one keyset page at a time ({@link ThreadStore#threads(ThreadQuery)} and its
 * cursor) as the iteration reaches it: memory holds one page, whatever the store's size, and every thread that
 * exists for the whole walk is visited exactly once even while others are written. Each {@link #iterator()} walks
 * anew; an iterator is not thread-safe.
 */
final class ThreadWalk implements Iterable<ChatThread> {

    /** Threads per page: large enough to amortise a round trip, small enough to keep memory flat. */
    static final int PAGE_SIZE = 200;

    private final ThreadStore store;
    private final ThreadQuery query;

    /**
     * @param store the store to read
     * @param query the selection; its limit is the page size
     */
    ThreadWalk(ThreadStore store, ThreadQuery query) {
        this.store = store;
        this.query = query;
    }

    @Override
    public Iterator<ChatThread> iterator() {
        return new Iterator<>() {
            private Page<ChatThread> page = store.threads(query);
            private int next;

            @Override
            public boolean hasNext() {
                while (next == page.items().size()) {
                    String cursor = page.nextCursor();
                    if (cursor == null) {
                        return false;
                    }
                    page = store.threads(query.after(cursor));
                    next = 0;
                }
                return true;
            }

            @Override
            public ChatThread next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.items().get(next++);
            }
        };
    }
}
