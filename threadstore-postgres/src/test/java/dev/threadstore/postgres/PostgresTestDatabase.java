package dev.threadstore.postgres;

import dev.threadstore.spi.StoreUri;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests run against, as a JUnit 5 extension. The server is, in this order:
 * the one named by {@code THREADSTORE_TEST_POSTGRES_URL}; a Testcontainers {@code postgres:16-alpine}
 * container when Docker is available; otherwise each test is skipped with a message saying how to run
 * it, or fails when the system property {@code threadstore.requirePostgres} is {@code true} (CI).
 *
 * <p>Each call to {@link #newSchemaUrl()} names a fresh schema ({@code tck_<random>}); the store creates
 * it. After each test the extension closes the stores registered with {@link #track} and drops every
 * schema it handed out, over plain JDBC, so tests leave nothing behind.
 */
final class PostgresTestDatabase implements BeforeEachCallback, AfterEachCallback {

    static final String URL_VARIABLE = "THREADSTORE_TEST_POSTGRES_URL";
    static final String REQUIRE_PROPERTY = "threadstore.requirePostgres";
    static final String REQUIRE_PASSWORD_PROPERTY = "threadstore.requirePasswordAuth";
    static final String PGBOUNCER_URL_VARIABLE = "THREADSTORE_TEST_PGBOUNCER_URL";
    static final String REQUIRE_PGBOUNCER_PROPERTY = "threadstore.requirePgBouncer";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object LOCK = new Object();
    private static StoreUri server;
    private static String unavailableReason;

    private final List<String> schemas = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    private final boolean viaPgBouncer;

    /** Stores talk to the server directly. */
    PostgresTestDatabase() {
        this(false);
    }

    private PostgresTestDatabase(boolean viaPgBouncer) {
        this.viaPgBouncer = viaPgBouncer;
    }

    /**
     * Stores talk to the server through the PgBouncer named by {@code THREADSTORE_TEST_PGBOUNCER_URL} (transaction
     * mode, in front of the same database), with {@code pooler=pgbouncer}; set-up, inspection and clean-up still use
     * the direct connection. Without the variable each test is skipped, or fails with
     * {@code -Dthreadstore.requirePgBouncer=true} (CI).
     */
    static PostgresTestDatabase viaPgBouncer() {
        return new PostgresTestDatabase(true);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server();
        if (viaPgBouncer) {
            pgBouncer();
        }
    }

    /**
     * The PgBouncer's URL, or a skip (a failure with {@code -Dthreadstore.requirePgBouncer=true}) when the
     * variable is not set.
     */
    static StoreUri pgBouncer() {
        String url = System.getenv(PGBOUNCER_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String message = "No PgBouncer for this test: " + PGBOUNCER_URL_VARIABLE + " is not set. Start PgBouncer in"
                    + " transaction mode in front of the test database (see .ci/run) and set it to its URL,"
                    + " e.g. postgresql://user:password@127.0.0.1:6432/database";
            if (Boolean.getBoolean(REQUIRE_PGBOUNCER_PROPERTY)) {
                Assertions.fail(message + ". This is a failure, not a skip, because -D" + REQUIRE_PGBOUNCER_PROPERTY
                        + "=true.");
            }
            Assumptions.abort(message + "; with -D" + REQUIRE_PGBOUNCER_PROPERTY + "=true this skip is a failure.");
        }
        return StoreUri.parse(url.strip());
    }

    /** @return the URL through PgBouncer with the given schema option and {@code pooler=pgbouncer} */
    static String pgBouncerUrl(String schema) {
        return withOptions(pgBouncer(), Map.of("schema", schema, "pooler", "pgbouncer"));
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        List<AutoCloseable> toClose;
        List<String> toDrop;
        synchronized (this) {
            toClose = new ArrayList<>(resources);
            toDrop = new ArrayList<>(schemas);
            resources.clear();
            schemas.clear();
        }
        for (AutoCloseable resource : toClose) {
            try {
                resource.close();
            } catch (Exception e) {
                // The test may have closed it already or broken it on purpose; dropping the schema still cleans up.
            }
        }
        if (toDrop.isEmpty()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String schema : toDrop) {
                s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
    }

    /**
     * The server's URL ({@code postgresql://user:password@host:port/db}), or a skip (a failure with
     * {@code -Dthreadstore.requirePostgres=true}) when there is no server.
     */
    static StoreUri server() {
        synchronized (LOCK) {
            if (server == null && unavailableReason == null) {
                resolve();
            }
            if (server == null) {
                String message = "No PostgreSQL server for this test: " + unavailableReason + ". Set " + URL_VARIABLE
                        + "=postgresql://user:password@host:5432/database (or start Docker, for Testcontainers) to run it";
                if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
                    Assertions.fail(message + ". This is a failure, not a skip, because -D" + REQUIRE_PROPERTY + "=true.");
                }
                Assumptions.abort(message + "; with -D" + REQUIRE_PROPERTY + "=true this skip is a failure.");
            }
            return server;
        }
    }

    private static void resolve() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            server = StoreUri.parse(url.strip());
            return;
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) {
            unavailableReason = URL_VARIABLE + " is not set and Docker is not available";
            return;
        }
        @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
        container.start();
        server = StoreUri.of("postgresql", container.getUsername(), container.getPassword(), container.getHost(),
                container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), "/" + container.getDatabaseName(), Map.of());
    }

    /**
     * Skips the calling test when the server lets this deliberately wrong password in (it trusts local connections,
     * as many developers' servers do), or fails it with {@code -Dthreadstore.requirePasswordAuth=true} (CI, whose
     * server requires a password for its role).
     *
     * @param wrong the server's URL with a password the server must refuse
     */
    static void requirePasswordAuthentication(StoreUri wrong) {
        Properties props = new Properties();
        wrong.user().ifPresent(u -> props.setProperty("user", u));
        wrong.password().ifPresent(p -> props.setProperty("password", p));
        try (Connection c = DriverManager.getConnection(jdbcUrl(wrong), props)) {
            String message = "The PostgreSQL server at " + jdbcUrl(wrong) + " accepted a wrong password for role '"
                    + wrong.user().orElse("") + "': it trusts this connection (pg_hba.conf), so it cannot refuse one";
            if (Boolean.getBoolean(REQUIRE_PASSWORD_PROPERTY)) {
                Assertions.fail(message + ". This is a failure, not a skip, because -D" + REQUIRE_PASSWORD_PROPERTY
                        + "=true.");
            }
            Assumptions.abort(message + ". Require scram-sha-256 for the role to run this test (.ci/run does); with -D"
                    + REQUIRE_PASSWORD_PROPERTY + "=true this skip is a failure.");
        } catch (SQLException refused) {
            // The server asks for a password and refused this one: what the test needs.
        }
    }

    /**
     * @return a URL with a fresh schema of its own, dropped after the test: for the server, or for PgBouncer
     *     when this extension was made by {@link #viaPgBouncer()}
     */
    String newSchemaUrl() {
        String schema = newSchema();
        return viaPgBouncer ? pgBouncerUrl(schema) : url(schema);
    }

    /** @return a fresh schema name, dropped after the test; the store creates the schema */
    synchronized String newSchema() {
        String schema = "tck_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        schemas.add(schema);
        return schema;
    }

    /** @return the server's URL with the given schema option, in the {@code postgresql://} form users write */
    static String url(String schema) {
        return withOptions(server(), Map.of("schema", schema));
    }

    /** @return the URL text of the server with extra options */
    static String withOptions(StoreUri uri, Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>(uri.options());
        all.putAll(options);
        StringBuilder b = new StringBuilder("postgresql://");
        uri.user().ifPresent(u -> b.append(encode(u)));
        uri.password().ifPresent(p -> b.append(':').append(encode(p)));
        if (uri.user().isPresent()) {
            b.append('@');
        }
        String host = uri.host().orElse("localhost");
        b.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        uri.port().ifPresent(p -> b.append(':').append(p));
        b.append('/').append(encode(uri.database()));
        String sep = "?";
        for (Map.Entry<String, String> e : all.entrySet()) {
            b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = "&";
        }
        return b.toString();
    }

    /** Closes the resource after the test, before the schemas are dropped. */
    synchronized <T extends AutoCloseable> T track(T resource) {
        resources.add(Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    /** @return a plain JDBC connection to the test database, for set-up and inspection */
    static Connection connect() throws SQLException {
        StoreUri uri = server();
        Properties props = new Properties();
        uri.user().ifPresent(u -> props.setProperty("user", u));
        uri.password().ifPresent(p -> props.setProperty("password", p));
        return DriverManager.getConnection(jdbcUrl(uri), props);
    }

    /** @return the JDBC URL of the server, without credentials */
    static String jdbcUrl(StoreUri uri) {
        String host = uri.host().orElse("localhost");
        return "jdbc:postgresql://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
                + ":" + uri.port().orElse(5432) + "/" + uri.database();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
