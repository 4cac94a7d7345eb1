package dev.threadstore.bench;

import dev.threadstore.ThreadStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One backend under test: an open threadstore and, for the SQL backends, its connection pool, which the
 * baselines share so that every contender runs on the same database, the same tables and the same data.
 * Closing it removes everything the run created: the SQLite file's directory, or the PostgreSQL schema.
 */
final class BenchBackend implements AutoCloseable {

    private final String name;
    private final ThreadStore store;
    private final @Nullable SqlKind kind;
    private final @Nullable Path directory;
    private final @Nullable String schema;
    private final String url;
    private final Map<String, String> settings;

    private BenchBackend(String name, ThreadStore store, @Nullable SqlKind kind, @Nullable Path directory,
                         @Nullable String schema, String url, Map<String, String> settings) {
        this.name = name;
        this.store = store;
        this.url = url;
        this.settings = Map.copyOf(settings);
        this.kind = kind;
        this.directory = directory;
        this.schema = schema;
    }

    static BenchBackend memory() {
        return new BenchBackend("memory", ThreadStore.create("memory:"), null, null, null, "memory:", Map.of());
    }

    /** A SQLite file in a new temporary directory. */
    static BenchBackend sqlite() throws IOException {
        Path directory = Files.createTempDirectory("threadstore-bench");
        Path file = directory.resolve("bench.db");
        String url = "sqlite:" + file;
        return new BenchBackend("sqlite", ThreadStore.create(url), SqlKind.SQLITE, directory, null, url, Map.of());
    }

    /** A new schema of its own on the given server, dropped again on close. */
    static BenchBackend postgresql(String url) {
        Objects.requireNonNull(url, "url");
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        // The store names its schema in every statement; the baselines' plain SQL finds the same tables through the
        // pool's search_path, set at connection start (the benchmark connects directly, not through a pooler).
        Map<String, String> settings = Map.of("schema", schema, "options", "-c search_path=" + schema);
        ThreadStore store = ThreadStore.create(url, settings);
        return new BenchBackend("postgresql", store, SqlKind.POSTGRESQL, null, schema, url, settings);
    }

    String name() {
        return name;
    }

    ThreadStore store() {
        return store;
    }

    /** @return the URL and options the store was opened with, for another process to open the same database */
    String url() {
        return url;
    }

    Map<String, String> settings() {
        return settings;
    }

    /** @return the SQL database, or null for the memory backend */
    @Nullable SqlKind kind() {
        return kind;
    }

    /** @return the store's connection pool; only for the SQL backends */
    DataSource dataSource() {
        return store.dataSource().orElseThrow(() -> new IllegalStateException(name + " has no DataSource"));
    }

    @Override
    public void close() throws Exception {
        try {
            if (schema != null) {
                try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    if (!c.getAutoCommit()) {
                        c.commit();
                    }
                }
            }
        } finally {
            store.close();
            if (directory != null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
