package dev.threadstore.bench;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * threadstore as its users drive it. With {@code useAppend} false a message is added the user-level way,
 * {@code thread = store.save(thread.withMessage(m))}, keeping the thread that save returned (no
 * {@code get}); with it true through {@link ThreadStore#append}, which never reads the thread. A read goes
 * through the {@code reader} store: the writing store itself, or another store on the same database, which has
 * to decode the rows because it wrote none of them (what another process or instance pays).
 */
final class ThreadstoreContender implements Contender {

    private final ThreadStore store;
    private final boolean useAppend;
    private final ThreadStore reader;

    ThreadstoreContender(ThreadStore store, boolean useAppend) {
        this(store, useAppend, store);
    }

    ThreadstoreContender(ThreadStore store, boolean useAppend, ThreadStore reader) {
        this.store = Objects.requireNonNull(store, "store");
        this.useAppend = useAppend;
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public String store() {
        return Result.THREADSTORE;
    }

    @Override
    public Conversation start(int messages) {
        ChatThread thread = ChatThread.create("Benchmark").withAttribute("benchmark", true);
        List<Message> list = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            list.add(message(i));
        }
        return new ThreadConversation(store.save(thread.withMessages(list)));
    }

    static Message message(int i) {
        return Message.builder(Texts.isUser(i) ? Role.USER : Role.ASSISTANT).content(Texts.text(i)).build();
    }

    private final class ThreadConversation implements Conversation {
        private ChatThread thread;
        private int next;
        private boolean appendedSinceSave;

        ThreadConversation(ChatThread thread) {
            this.thread = thread;
            this.next = thread.messages().size();
        }

        @Override
        public void add() {
            Message m = message(next++);
            if (useAppend) {
                store.append(thread.id(), List.of(m));
                appendedSinceSave = true;
            } else {
                thread = store.save(thread.withMessage(m));
            }
        }

        @Override
        public void undoAdd() {
            next--;
            if (appendedSinceSave) {
                // append bumped the stored version by one; saving the old message list at that version
                // deletes the appended message and nothing else
                thread = store.save(thread.toBuilder().version(thread.version() + 1).build());
                appendedSinceSave = false;
            } else {
                List<Message> kept = thread.messages().subList(0, thread.messages().size() - 1);
                thread = store.save(thread.toBuilder().messages(kept).build());
            }
        }

        @Override
        public void read() {
            if (reader.get(thread.id()).isEmpty()) {
                throw new IllegalStateException("thread " + thread.id() + " vanished from " + reader);
            }
        }

        @Override
        public void delete() {
            store.delete(thread.id());
        }
    }
}
