package dev.threadstore.reliability;

import dev.threadstore.spi.StoreUri;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the suite runs against: the one {@code THREADSTORE_TEST_POSTGRES_URL} names. Without
 * it a PostgreSQL scenario is skipped with a message saying how to run it, or fails when
 * {@code -Dthreadstore.requirePostgres=true} (as in CI). Each scenario works in schemas of its own
 * ({@code rel_<random>}) and drops them afterwards.
 */
final class PostgresServer {

    static final String URL_VARIABLE = "THREADSTORE_TEST_POSTGRES_URL";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PostgresServer() {
    }

    /** @return the server's URL, or a skip (a failure in CI) when none is configured */
    static StoreUri server() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String message = "No PostgreSQL server: set " + URL_VARIABLE + "=postgresql://user:password@host:5432/db to run this scenario";
            if (Boolean.getBoolean("threadstore.requirePostgres")) {
                Assertions.fail(message + " (-Dthreadstore.requirePostgres=true makes a skip a failure)");
            }
            Assumptions.abort(message);
        }
        return StoreUri.parse(url.strip());
    }

    /** @return a fresh schema name; the store creates it, {@link #dropSchema} removes it */
    static String newSchema() {
        return "rel_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }

    /** @return the server's URL in the postgresql:// form users write, with the given options */
    static String url(Map<String, String> options) {
        return url(server(), server().host().orElse("localhost"), server().port().orElse(5432), options);
    }

    /** @return the URL of the server reached through another host and port (a proxy), with options */
    static String url(StoreUri uri, String host, int port, Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>(uri.options());
        all.putAll(options);
        StringBuilder b = new StringBuilder("postgresql://");
        uri.user().ifPresent(u -> b.append(encode(u)));
        uri.password().ifPresent(p -> b.append(':').append(encode(p)));
        if (uri.user().isPresent()) {
            b.append('@');
        }
        b.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port);
        b.append('/').append(encode(uri.database()));
        String sep = "?";
        for (Map.Entry<String, String> e : all.entrySet()) {
            b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = "&";
        }
        return b.toString();
    }

    /** @return the password of the configured URL, for the secrets checks */
    static String password() {
        return server().password().orElse("");
    }

    /** @return a plain JDBC connection, for set-up and inspection */
    static Connection connect() throws SQLException {
        StoreUri uri = server();
        Properties props = new Properties();
        uri.user().ifPresent(u -> props.setProperty("user", u));
        uri.password().ifPresent(p -> props.setProperty("password", p));
        String host = uri.host().orElse("localhost");
        return DriverManager.getConnection("jdbc:postgresql://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
                + ":" + uri.port().orElse(5432) + "/" + uri.database(), props);
    }

    /** Drops a schema the suite created (quoted as an identifier; the suite's names are plain). */
    static void dropSchema(String schema) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema.replace("\"", "\"\"") + "\" CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
