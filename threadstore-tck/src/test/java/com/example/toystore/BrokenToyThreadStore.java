package com.example.toystore;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A {@link ToyThreadStore} with one deliberate, realistic bug, for checking that the TCK catches it.
 * The flaws are the ones Tyler shipped or a hurried backend would: dropping system messages,
 * renumbering sequences 1..n on save, and saving without checking the version (last writer wins).
 */
final class BrokenToyThreadStore implements ThreadStore {

    /** The bug this store has. */
    enum Flaw {
        DROPS_SYSTEM_MESSAGES,
        RENUMBERS_SEQUENCES,
        IGNORES_VERSIONS;

        static Flaw of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    private final ThreadStore delegate = new ToyThreadStore();
    private final Flaw flaw;

    BrokenToyThreadStore(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public ChatThread save(ChatThread thread) {
        ChatThread t = thread;
        switch (flaw) {
            case DROPS_SYSTEM_MESSAGES:
                t = t.toBuilder().messages(withoutSystem(t.messages())).build();
                break;
            case RENUMBERS_SEQUENCES:
                List<Message> sorted = new ArrayList<>(t.messages());
                sorted.sort(Comparator.comparingInt(m -> m.sequence() == 0 ? Integer.MAX_VALUE : m.sequence()));
                List<Message> renumbered = new ArrayList<>();
                for (Message m : sorted) {
                    renumbered.add(m.withSequence(renumbered.size() + 1));
                }
                t = t.toBuilder().messages(renumbered).build();
                break;
            case IGNORES_VERSIONS:
                Optional<ChatThread> stored = delegate.get(t.id());
                t = t.toBuilder().version(stored.map(ChatThread::version).orElse(0L)).build();
                break;
            default:
                throw new AssertionError(flaw);
        }
        return delegate.save(t);
    }

    @Override
    public List<Message> append(String threadId, List<Message> messages) {
        return delegate.append(threadId, flaw == Flaw.DROPS_SYSTEM_MESSAGES ? withoutSystem(messages) : messages);
    }

    private static List<Message> withoutSystem(List<Message> messages) {
        return messages.stream().filter(m -> m.role() != Role.SYSTEM).collect(Collectors.toList());
    }

    @Override
    public Optional<ChatThread> get(String threadId) {
        return delegate.get(threadId);
    }

    @Override
    public boolean delete(String threadId) {
        return delegate.delete(threadId);
    }

    @Override
    public List<ChatThread> list(int limit, int offset) {
        return delegate.list(limit, offset);
    }

    @Override
    public List<ChatThread> findByAttributes(Map<String, ?> attributes) {
        return delegate.findByAttributes(attributes);
    }

    @Override
    public List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) {
        return delegate.findBySource(sourceName, properties);
    }

    @Override
    public List<ChatThread> listRecent(int limit) {
        return delegate.listRecent(limit);
    }

    @Override
    public List<ChatThread> listRecent() {
        return delegate.listRecent();
    }

    @Override
    public Optional<ChatThread> getThreadByMessageId(String messageId) {
        return delegate.getThreadByMessageId(messageId);
    }

    @Override
    public Optional<String> databaseUrl() {
        return delegate.databaseUrl();
    }

    @Override
    public Optional<DataSource> dataSource() {
        return delegate.dataSource();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return delegate.unwrap(type);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
