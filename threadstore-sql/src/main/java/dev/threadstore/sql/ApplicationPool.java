package dev.threadstore.sql;

import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.spi.StoreOptions;
import dev.threadstore.spi.StoreUri;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A connection pool the application owns and lends a store: the pool, and where it points as a store URL read from
 * a connection's metadata (JDBC URL and user, never a password) with the store's options. That URL is what messages,
 * {@code databaseUrl()}, the dialect's migration lock (SQLite's lock file beside the database) and its schema
 * resolution work from. Inspecting the pool borrows one connection and returns it.
 *
 * @param dataSource the application's pool; the store never closes it
 * @param uri where the pool points, with the store's options
 */
record ApplicationPool(DataSource dataSource, StoreUri uri) {

    ApplicationPool {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(uri, "uri");
    }

    /**
     * Reads where the pool points, checks its options and lets the dialect check its connections.
     *
     * @throws StoreConfigurationException for an option that does not apply to an application's pool (the message
     *     lists those that do), a JDBC URL that names no database location, or connections the dialect refuses
     * @throws StoreUnavailableException if no connection can be had
     */
    static ApplicationPool inspect(Dialect dialect, DataSource dataSource, Map<String, String> options) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        String pool = StoreUri.mask(String.valueOf(dataSource));
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            StoreUri uri = location(dialect, metaData.getURL(), metaData.getUserName(), options);
            // The catalogue marks the options that do not configure a pool (StoreOption.appliesToApplicationPool).
            Set<String> known = StoreOptions.applicationPoolNames(dialect.backend());
            uri.requireKnownOptions(known, dialect.name() + " (on the application's DataSource " + pool + ")");
            dialect.checkApplicationPool(connection, uri);
            return new ApplicationPool(dataSource, uri);
        } catch (SQLException e) {
            String message = "Cannot use the " + dialect.name() + " DataSource " + pool + ": "
                    + StoreUri.mask(String.valueOf(e.getMessage()));
            if (dialect.classify(e) == Dialect.Failure.TRANSIENT) {
                throw new StoreUnavailableException(message + ". Check that the database is running and reachable,"
                        + " then retry.", e);
            }
            throw new StoreConfigurationException(message + ". Check the DataSource's URL, credentials and"
                    + " permissions.", e);
        }
    }

    private static StoreUri location(Dialect dialect, @Nullable String jdbcUrl, @Nullable String user,
                                     Map<String, String> options) {
        String scheme = dialect.name().toLowerCase(Locale.ROOT);
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new StoreConfigurationException("The " + dialect.name() + " DataSource's connections report no JDBC"
                    + " URL, so the store cannot tell where the database is. Use a DataSource whose connections'"
                    + " DatabaseMetaData.getURL() names it.");
        }
        StoreUri parsed;
        try {
            parsed = StoreUri.parse(jdbcUrl);
        } catch (StoreConfigurationException e) {
            throw new StoreConfigurationException("The " + dialect.name() + " DataSource's JDBC URL "
                    + StoreUri.mask(jdbcUrl) + " does not name a " + dialect.name() + " database the store understands: "
                    + e.getMessage(), e);
        }
        if (!parsed.scheme().equals(scheme)) {
            throw new StoreConfigurationException("The " + dialect.name() + " DataSource's JDBC URL "
                    + StoreUri.mask(jdbcUrl) + " is not a " + scheme + " URL; a DataSource that wraps the driver must"
                    + " report the database's own JDBC URL.");
        }
        String host = parsed.hierarchical() ? parsed.host().orElse(null) : null;
        int port = parsed.hierarchical() ? parsed.port().orElse(-1) : -1;
        return StoreUri.of(scheme, user == null || user.isEmpty() ? null : user, null, host, port,
                parsed.path(), options);
    }
}
