package dev.threadstore.springai;

import dev.threadstore.spi.StoreUri;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

/**
 * The test PostgreSQL server from {@code THREADSTORE_TEST_POSTGRES_URL}, one fresh schema per test (dropped by
 * {@link #dropAll}). Without the variable a test is skipped, or fails under {@code -Dthreadstore.requirePostgres=true}.
 */
final class PostgresSchemas {

    static final String URL_VARIABLE = "THREADSTORE_TEST_POSTGRES_URL";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> schemas = new ArrayList<>();

    /** @return the URL of a fresh schema, or a skip/failure when there is no server */
    synchronized String newSchemaUrl() {
        String url = serverUrl();
        String schema = "springai_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        schemas.add(schema);
        return url + (url.contains("?") ? "&" : "?") + "schema=" + URLEncoder.encode(schema, StandardCharsets.UTF_8);
    }

    /** Drops every schema handed out. */
    synchronized void dropAll() throws SQLException {
        if (schemas.isEmpty()) {
            return;
        }
        StoreUri uri = StoreUri.parse(serverUrl());
        Properties props = new Properties();
        uri.user().ifPresent(u -> props.setProperty("user", u));
        uri.password().ifPresent(p -> props.setProperty("password", p));
        String host = uri.host().orElse("localhost");
        String jdbc = "jdbc:postgresql://" + host + ":" + uri.port().orElse(5432) + "/" + uri.database();
        try (Connection c = DriverManager.getConnection(jdbc, props); Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
        schemas.clear();
    }

    private static String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String message = "No PostgreSQL server for this test: set " + URL_VARIABLE
                    + "=postgresql://user:password@host:5432/database to run it";
            if (Boolean.getBoolean("threadstore.requirePostgres")) {
                Assertions.fail(message + ". This is a failure, not a skip, because -Dthreadstore.requirePostgres=true.");
            }
            Assumptions.abort(message + "; with -Dthreadstore.requirePostgres=true this skip is a failure.");
        }
        return url.strip();
    }
}
