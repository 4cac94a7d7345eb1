package dev.threadstore.spi;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Providers registered on the test class path for {@link StoreProvidersTest}. */
final class FakeProviders {

    private FakeProviders() {
    }

    public static final class Fake implements ThreadStoreProvider {
        @Override
        public Set<String> schemes() {
            return Set.of("fake");
        }

        @Override
        public ThreadStore open(StoreUri uri) {
            return new UrlOnlyStore(uri);
        }

        @Override
        public Set<String> databaseProducts() {
            return Set.of("FakeDB");
        }

        /** Reports the options it got as the URL {@code fake:pool} with them as query parameters. */
        @Override
        public ThreadStore open(DataSource dataSource, Map<String, String> options) {
            return new UrlOnlyStore(StoreUri.parse("fake:pool").withOptions(options));
        }
    }

    public static final class Twice1 implements ThreadStoreProvider {
        @Override
        public Set<String> schemes() {
            return Set.of("twice");
        }

        @Override
        public ThreadStore open(StoreUri uri) {
            return new UrlOnlyStore(uri);
        }
    }

    public static final class Twice2 implements ThreadStoreProvider {
        @Override
        public Set<String> schemes() {
            return Set.of("twice");
        }

        @Override
        public ThreadStore open(StoreUri uri) {
            return new UrlOnlyStore(uri);
        }
    }

    /** A store that only reports the URL it was opened with. */
    static final class UrlOnlyStore implements ThreadStore {
        private final StoreUri uri;

        UrlOnlyStore(StoreUri uri) {
            this.uri = uri;
        }

        @Override
        public Optional<String> databaseUrl() {
            return Optional.of(uri.toString());
        }

        @Override
        public ChatThread save(ChatThread thread) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ChatThread> get(String threadId) {
            return Optional.empty();
        }

        @Override
        public ChatThread fork(String threadId, int throughSequence, String newThreadId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int deleteExpired(int maxThreads) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int deleteExpired(int maxThreads, dev.threadstore.FileStore fileStore) {
            throw new UnsupportedOperationException();
        }

        @Override
        public dev.threadstore.Page<dev.threadstore.ThreadSummary> summaries(dev.threadstore.ThreadQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public dev.threadstore.Page<ChatThread> threads(dev.threadstore.ThreadQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(dev.threadstore.ThreadQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String threadId) {
            return false;
        }

        @Override
        public List<ChatThread> list(int limit, int offset) {
            return List.of();
        }

        @Override
        public List<ChatThread> findByAttributes(Map<String, ?> attributes) {
            return List.of();
        }

        @Override
        public List<ChatThread> findBySource(String sourceName, Map<String, ?> properties) {
            return List.of();
        }

        @Override
        public List<ChatThread> listRecent(int limit) {
            return List.of();
        }

        @Override
        public List<ChatThread> listRecent() {
            return List.of();
        }

        @Override
        public Optional<ChatThread> getThreadByMessageId(String messageId) {
            return Optional.empty();
        }

        @Override
        public List<Message> append(String threadId, List<Message> messages) {
            return List.of();
        }

        @Override
        public Optional<DataSource> dataSource() {
            return Optional.empty();
        }

        @Override
        public <T> Optional<T> unwrap(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }
}
