package dev.threadstore.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.spi.SchemaInspector;
import dev.threadstore.spi.SchemaStatus;
import dev.threadstore.spi.StoreUri;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link SchemaInspector} of a SQL backend: reads the schema's status over a one-connection pool of its own,
 * never migrating and never creating the database (a SQLite file that does not exist is not created: its every
 * changeset is pending). A backend's provider delegates to it. Thread-safe (stateless).
 */
public final class SqlSchemaInspector {

    private SqlSchemaInspector() {
    }

    /**
     * Reads where the schema of the database at {@code uri} stands.
     *
     * @param dialect the database's dialect
     * @param uri the store URL
     * @return the status
     * @throws NullPointerException if an argument is null
     * @throws StoreConfigurationException if the URL is invalid or the database refuses the credentials
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public static SchemaStatus schemaStatus(Dialect dialect, StoreUri uri) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(uri, "uri");
        return translated(dialect, uri, () -> {
            if (!dialect.mayExist(uri)) {
                return new SchemaStatus(dialect.changelog(), List.of(), SchemaMigration.allChangeSets(dialect));
            }
            HikariConfig config = new HikariConfig();
            config.setPoolName("threadstore-schema-status");
            config.setMaximumPoolSize(1);
            config.setMinimumIdle(0);
            config.setConnectionTimeout(30_000);
            config.setInitializationFailTimeout(1);
            config.setAutoCommit(true);
            dialect.configure(config, uri);
            try (HikariDataSource dataSource = new HikariDataSource(config)) {
                return SchemaMigration.status(dialect, dataSource, uri);
            }
        });
    }

    /**
     * Reads where the schema stands through a pool the caller owns, such as an open store's {@code dataSource()}:
     * one connection borrowed and returned, nothing written.
     *
     * @param dialect the database's dialect
     * @param dataSource the pool; never closed here
     * @param uri the store's URL, for the options that locate its tables (a masked URL will do)
     * @return the status
     * @throws NullPointerException if an argument is null
     * @throws StoreConfigurationException if the database refuses the query (e.g. a permission)
     * @throws StoreUnavailableException if the database cannot be reached through the pool
     */
    public static SchemaStatus schemaStatus(Dialect dialect, DataSource dataSource, StoreUri uri) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(uri, "uri");
        return translated(dialect, uri, () -> SchemaMigration.status(dialect, dataSource, uri));
    }

    /** Work that reads a schema's status and may fail with anything Liquibase, JDBC or the pool throws. */
    @FunctionalInterface
    private interface StatusRead {
        SchemaStatus read() throws Exception;
    }

    private static SchemaStatus translated(Dialect dialect, StoreUri uri, StatusRead read) {
        String where = dialect.name() + " database " + dialect.describe(uri);
        try {
            return read.read();
        } catch (StoreConfigurationException | StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException || e instanceof com.zaxxer.hikari.pool.HikariPool.PoolInitializationException) {
                throw new StoreUnavailableException("Cannot read the schema of the " + where + ": " + e.getMessage()
                        + ". Check that the database is running and reachable, and the credentials.", e);
            }
            throw new StoreConfigurationException("Cannot read the schema of the " + where + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new StoreUnavailableException("Cannot read the schema of the " + where + ": " + e.getMessage(), e);
        }
    }
}
