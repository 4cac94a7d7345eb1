package dev.threadstore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A session-level advisory lock held for the whole migration of one schema. PostgreSQL releases it when
 * the session ends, so a process killed mid-migration cannot leave it taken; another process opening the
 * same schema waits for it, then finds the schema up to date.
 */
final class PostgresMigrationLock implements AutoCloseable {

    private final Connection connection;
    private final String key;

    private PostgresMigrationLock(Connection connection, String key) {
        this.connection = connection;
        this.key = key;
    }

    /**
     * @param connection the connection the migration runs on; the lock belongs to its session
     * @param schema the schema migrated, or null for the connection's current schema
     */
    static PostgresMigrationLock take(Connection connection, @Nullable String schema) throws SQLException {
        String key;
        try (PreparedStatement s = connection.prepareStatement("SELECT 'threadstore liquibase ' || coalesce(?, current_schema())")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                key = r.getString(1);
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            s.setString(1, key);
            s.execute();
        }
        return new PostgresMigrationLock(connection, key);
    }

    @Override
    public void close() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            s.setString(1, key);
            s.execute();
        }
    }
}
