package dev.threadstore.sqlite;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.util.List;

/**
 * The second process of {@link TwoProcessesTest}: opens the same database file, appends messages to a thread the
 * first process created (none when the thread id is {@code -}), and saves a thread of its own. Exits non-zero on
 * any failure.
 */
final class SqliteAppender {

    private SqliteAppender() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String threadId = args[1];
        int count = Integer.parseInt(args[2]);
        try (ThreadStore store = ThreadStore.create(url)) {
            if (threadId.equals("-")) {
                count = 0;
            } else if (store.get(threadId).isEmpty()) {
                throw new IllegalStateException("the child does not see the parent's thread " + threadId);
            }
            for (int i = 0; i < count; i++) {
                store.append(threadId, List.of(Message.user("child " + i)));
            }
            ChatThread own = store.save(ChatThread.create("from the child"));
            System.out.println("saved " + own.id());
        }
    }
}
