package com.example.forgetful;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The memory store, except that {@code get} forgets every thread's title: a bug the TCK must catch. */
final class ForgetfulStore implements ThreadStore {

    private final ThreadStore delegate;

    ForgetfulStore(ThreadStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<ChatThread> get(String threadId) {
        return delegate.get(threadId).map(t -> t.toBuilder().title(null).build());
    }

    @Override public ChatThread save(ChatThread thread) { return delegate.save(thread); }
    @Override public ChatThread fork(String threadId, int throughSequence, String newThreadId) { return delegate.fork(threadId, throughSequence, newThreadId); }
    @Override public boolean delete(String threadId) { return delegate.delete(threadId); }
    @Override public int deleteExpired(int maxThreads) { return delegate.deleteExpired(maxThreads); }
    @Override public int deleteExpired(int maxThreads, FileStore fileStore) { return delegate.deleteExpired(maxThreads, fileStore); }
    @Override public List<ChatThread> list(int limit, int offset) { return delegate.list(limit, offset); }
    @Override public List<ChatThread> findByAttributes(Map<String, ?> attributes) { return delegate.findByAttributes(attributes); }
    @Override public List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) { return delegate.findBySource(sourceName, properties); }
    @Override public List<ChatThread> listRecent(int limit) { return delegate.listRecent(limit); }
    @Override public List<ChatThread> listRecent() { return delegate.listRecent(); }
    @Override public Page<ThreadSummary> summaries(ThreadQuery query) { return delegate.summaries(query); }
    @Override public Page<ChatThread> threads(ThreadQuery query) { return delegate.threads(query); }
    @Override public long count(ThreadQuery query) { return delegate.count(query); }
    @Override public Optional<ChatThread> getThreadByMessageId(String messageId) { return delegate.getThreadByMessageId(messageId); }
    @Override public List<Message> append(String threadId, List<Message> messages) { return delegate.append(threadId, messages); }
    @Override public Optional<String> databaseUrl() { return delegate.databaseUrl(); }
    @Override public Optional<DataSource> dataSource() { return delegate.dataSource(); }
    @Override public <T> Optional<T> unwrap(Class<T> type) { return delegate.unwrap(type); }
    @Override public void close() { delegate.close(); }
}
