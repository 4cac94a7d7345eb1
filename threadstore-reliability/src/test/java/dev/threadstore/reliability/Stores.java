package dev.threadstore.reliability;

import dev.threadstore.ThreadStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens fresh, isolated stores for one scenario (a new memory store, a new SQLite file in the scenario's
 * temporary directory, a new PostgreSQL schema) through the public {@link ThreadStore#create(String, Map)}
 * path, and cleans up on {@link #close()}: stores closed, schemas dropped.
 */
final class Stores implements AutoCloseable {

    private final Path dir;
    private final List<ThreadStore> open = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();
    private final AtomicInteger files = new AtomicInteger();

    Stores(Path dir) {
        this.dir = dir;
    }

    /** @return a URL naming a new, empty location of the backend (a store opened on it starts empty) */
    synchronized String newUrl(Backend backend, Map<String, String> options) {
        switch (backend) {
            case MEMORY:
                return "memory:";
            case SQLITE:
                return "sqlite:" + dir.resolve("store-" + files.incrementAndGet() + ".db").toAbsolutePath();
            case POSTGRESQL:
                String schema = PostgresServer.newSchema();
                schemas.add(schema);
                Map<String, String> all = new HashMap<>(options);
                all.put("schema", schema);
                return PostgresServer.url(all);
            default:
                throw new IllegalArgumentException(backend.name());
        }
    }

    /** @return the schema most recently named by {@link #newUrl} */
    synchronized String lastSchema() {
        return schemas.get(schemas.size() - 1);
    }

    /** Remembers a schema created elsewhere, to drop it on close. */
    synchronized void dropOnClose(String schema) {
        schemas.add(schema);
    }

    /** @return a new, empty store of the backend */
    ThreadStore open(Backend backend) {
        return open(backend, Map.of());
    }

    /** @return a new, empty store of the backend with extra options */
    ThreadStore open(Backend backend, Map<String, String> options) {
        String url = newUrl(backend, backend == Backend.POSTGRESQL ? options : Map.of());
        return track(backend == Backend.POSTGRESQL ? ThreadStore.create(url) : ThreadStore.create(url, options));
    }

    /** Closes the store with the others on {@link #close()}. */
    synchronized ThreadStore track(ThreadStore store) {
        open.add(store);
        return store;
    }

    @Override
    public synchronized void close() {
        for (ThreadStore s : open) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // a scenario may have broken or closed it on purpose; the schema is dropped anyway
            }
        }
        open.clear();
        for (String schema : schemas) {
            PostgresServer.dropSchema(schema);
        }
        schemas.clear();
    }
}
