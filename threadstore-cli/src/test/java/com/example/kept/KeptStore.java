package com.example.kept;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.ThreadRestore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/** A memory store that outlives this view: closing the view leaves the store open for the next command. */
final class KeptStore implements ThreadStore {

    private final ThreadStore delegate;
    private final boolean restore;
    private final AtomicBoolean closed = new AtomicBoolean();

    KeptStore(ThreadStore delegate, boolean restore) {
        this.delegate = delegate;
        this.restore = restore;
    }

    private ThreadStore open() {
        if (closed.get()) {
            throw new IllegalStateException("ThreadStore is closed");
        }
        return delegate;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type == ThreadRestore.class && !restore ? Optional.empty() : open().unwrap(type);
    }

    @Override public ChatThread save(ChatThread thread) { return open().save(thread); }
    @Override public ChatThread save(ChatThread thread, FileStore fileStore) { return open().save(thread, fileStore); }
    @Override public Optional<ChatThread> get(String threadId) { return open().get(threadId); }
    @Override public Optional<ChatThread> get(String threadId, MessageWindow window) { return open().get(threadId, window); }
    @Override public ChatThread fork(String threadId, int throughSequence, String newThreadId) { return open().fork(threadId, throughSequence, newThreadId); }
    @Override public boolean delete(String threadId) { return open().delete(threadId); }
    @Override public int deleteExpired(int maxThreads) { return open().deleteExpired(maxThreads); }
    @Override public int deleteExpired(int maxThreads, FileStore fileStore) { return open().deleteExpired(maxThreads, fileStore); }
    @Override public List<ChatThread> list(int limit, int offset) { return open().list(limit, offset); }
    @Override public List<ChatThread> findByAttributes(Map<String, ?> attributes) { return open().findByAttributes(attributes); }
    @Override public List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) { return open().findBySource(sourceName, properties); }
    @Override public List<ChatThread> listRecent(int limit) { return open().listRecent(limit); }
    @Override public List<ChatThread> listRecent() { return open().listRecent(); }
    @Override public Page<ThreadSummary> summaries(ThreadQuery query) { return open().summaries(query); }
    @Override public Page<ChatThread> threads(ThreadQuery query) { return open().threads(query); }
    @Override public long count(ThreadQuery query) { return open().count(query); }
    @Override public Optional<ChatThread> getThreadByMessageId(String messageId) { return open().getThreadByMessageId(messageId); }
    @Override public List<Message> append(String threadId, List<Message> messages) { return open().append(threadId, messages); }
    @Override public Optional<String> databaseUrl() { return open().databaseUrl(); }
    @Override public Optional<DataSource> dataSource() { return open().dataSource(); }
    @Override public void close() { closed.set(true); }
}
