package dev.threadstore.cli;

import dev.threadstore.spi.StoreUri;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server of the CLI's tests, with the rules of threadstore-postgres' {@code PostgresTestDatabase}:
 * the server named by {@code THREADSTORE_TEST_POSTGRES_URL}; without it each test is skipped with a message saying
 * how to run it, or fails when {@code -Dthreadstore.requirePostgres=true} (CI). (Unlike that helper it does not
 * start a Testcontainers server: the CLI's tests do not need Docker.) Every schema handed out by
 * {@link #newSchemaUrl()} is dropped after the test.
 */
final class PostgresServer implements AfterEachCallback {

    static final String URL_VARIABLE = "THREADSTORE_TEST_POSTGRES_URL";
    static final String REQUIRE_PROPERTY = "threadstore.requirePostgres";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> schemas = new ArrayList<>();

    /** @return the server's URL, or a skip (a failure with -Dthreadstore.requirePostgres=true) without one */
    static String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String message = "No PostgreSQL server for this test: " + URL_VARIABLE + " is not set. Set it to"
                    + " postgresql://user:password@host:5432/database to run it";
            if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
                Assertions.fail(message + ". This is a failure, not a skip, because -D" + REQUIRE_PROPERTY + "=true.");
            }
            Assumptions.abort(message + "; with -D" + REQUIRE_PROPERTY + "=true this skip is a failure.");
        }
        return url.strip();
    }

    /** @return the server's URL with a fresh schema of its own, dropped after the test */
    synchronized String newSchemaUrl() {
        String url = serverUrl();
        String schema = "cli_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        schemas.add(schema);
        return url + (url.contains("?") ? "&" : "?") + "schema=" + schema;
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        List<String> toDrop;
        synchronized (this) {
            toDrop = new ArrayList<>(schemas);
            schemas.clear();
        }
        if (toDrop.isEmpty()) {
            return;
        }
        StoreUri uri = StoreUri.parse(serverUrl());
        Properties props = new Properties();
        uri.user().ifPresent(u -> props.setProperty("user", u));
        uri.password().ifPresent(p -> props.setProperty("password", p));
        String jdbc = "jdbc:postgresql://" + uri.host().orElse("localhost") + ":" + uri.port().orElse(5432) + "/"
                + uri.database();
        try (Connection c = DriverManager.getConnection(jdbc, props); Statement s = c.createStatement()) {
            for (String schema : toDrop) {
                s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
    }
}
