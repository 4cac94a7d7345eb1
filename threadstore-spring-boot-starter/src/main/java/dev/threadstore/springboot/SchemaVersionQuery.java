package dev.threadstore.springboot;

import dev.threadstore.spi.StoreUri;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads a SQL store's schema version: the id of the last changeset Liquibase ran, from its
 * {@code databasechangelog} table in the store's schema (PostgreSQL's {@code schema} option, else the connection's
 * current schema, as the store itself resolves it). One statement on a borrowed connection.
 */
final class SchemaVersionQuery {

    private SchemaVersionQuery() {
    }

    /**
     * @param dataSource the store's pool
     * @param maskedUrl the store's URL as {@code databaseUrl()} reports it, for its {@code schema} option
     * @return the last changeset's id, or empty when the table holds none
     * @throws SQLException if the database cannot be queried
     */
    static Optional<String> read(DataSource dataSource, @Nullable String maskedUrl) throws SQLException {
        String table = schema(maskedUrl).map(s -> "\"" + s.replace("\"", "\"\"") + "\".").orElse("") + "databasechangelog";
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM " + table + " ORDER BY orderexecuted DESC LIMIT 1")) {
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        }
    }

    private static Optional<String> schema(@Nullable String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            return StoreUri.parse(url).option("schema");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
