package dev.threadstore.cli;

import dev.threadstore.spi.StoreUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The stores {@code threadstore tck URL} runs the contract against: every test needs a new, empty, isolated store,
 * so each {@link #nextUrl()} derives a fresh one from the URL given:
 * <ul>
 *   <li>a URL holding {@code {n}} gets a new number there each time (any backend: {@code acme://host/db{n}});</li>
 *   <li>{@code sqlite:}: a new database file in a temporary directory, deleted afterwards; the URL's options
 *       apply, its path is not used;</li>
 *   <li>{@code postgresql:}/{@code postgres:}: a new schema ({@code schema=tck_<random>_<n>}) in the URL's
 *       database, every one dropped afterwards;</li>
 *   <li>anything else ({@code memory:}): the URL as it is, for a backend whose every open is a new store.</li>
 * </ul>
 * Thread-safe.
 */
final class TckTarget implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String url;
    private final StoreUri uri;
    private final AtomicInteger counter = new AtomicInteger();
    private final String schemaPrefix = "tck_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    private final List<String> schemas = new ArrayList<>();
    private @Nullable Path directory;

    TckTarget(String url) {
        this.url = url;
        this.uri = StoreUri.parse(url);
        if (isPostgres() && uri.option("schema").isPresent() && !url.contains("{n}")) {
            throw new UsageException("tck creates a schema per test; leave the 'schema' option out of the URL");
        }
    }

    /** @return whether the stores reopen with their data (false for memory, whose every open is empty) */
    boolean durable() {
        return !uri.scheme().equals("memory");
    }

    /** @return the URL of a new, empty store */
    synchronized String nextUrl() {
        int n = counter.incrementAndGet();
        if (url.contains("{n}")) {
            return url.replace("{n}", Integer.toString(n));
        }
        if (uri.scheme().equals("sqlite")) {
            return "sqlite:" + directory().resolve("t" + n + ".db") + query();
        }
        if (isPostgres()) {
            String schema = schemaPrefix + "_" + n;
            schemas.add(schema);
            return url + (url.contains("?") ? "&" : "?") + "schema=" + schema;
        }
        return url;
    }

    private boolean isPostgres() {
        return uri.scheme().equals("postgresql") || uri.scheme().equals("postgres");
    }

    private String query() {
        int q = url.indexOf('?');
        return q < 0 ? "" : url.substring(q);
    }

    private Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("threadstore-tck");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot create a temporary directory for the SQLite stores", e);
            }
        }
        return directory;
    }

    /** Drops the schemas and deletes the files the run created. */
    @Override
    public synchronized void close() throws IOException, SQLException {
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (!schemas.isEmpty()) {
            Properties props = new Properties();
            uri.user().ifPresent(u -> props.setProperty("user", u));
            uri.password().ifPresent(p -> props.setProperty("password", p));
            String host = uri.host().orElse("localhost");
            String jdbc = "jdbc:postgresql://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
                    + uri.port().orElse(5432) + "/" + uri.database();
            try (Connection c = DriverManager.getConnection(jdbc, props); Statement s = c.createStatement()) {
                for (String schema : schemas) {
                    s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
                }
            }
        }
    }
}
