package dev.threadstore.postgres;

import dev.threadstore.StoreUnavailableException;
import dev.threadstore.spi.StoreUri;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The migration of one schema as one transaction, locked by a transaction-scoped advisory lock
 * ({@code pg_try_advisory_xact_lock}). Nothing outlives the transaction: PostgreSQL frees the lock at commit, at
 * rollback, or when the session of a process killed mid-migration ends, and the {@code SET LOCAL search_path}
 * that the changelog's unqualified DDL needs ends with it too. So the lock holds through a transaction-mode
 * pooler (PgBouncer), where a session-level lock would stay on one server connection while the next transaction
 * ran on another, and a session-level {@code SET} would leak to the next client of that server connection.
 *
 * <p>Liquibase commits after each changeset; {@link OneTransactionConnection} turns those commits into savepoints
 * so that every changeset, and Liquibase's own lock row, stays inside this transaction. The core commits the
 * transaction when the migration succeeds; {@link #close()} rolls back whatever is left, so a failed migration
 * changes nothing. Waiting for another process's migration is bounded by {@code migrationLockTimeout} (seconds,
 * default 60), and then fails naming who holds the lock.
 */
final class PostgresMigrationLock implements AutoCloseable {

    static final String TIMEOUT_OPTION = "migrationLockTimeout";

    private static final long POLL_MILLIS = 100;

    private final Connection connection;

    private PostgresMigrationLock(Connection connection) {
        this.connection = connection;
    }

    /**
     * Begins the migration's transaction on the connection and takes the schema's lock in it.
     *
     * @param connection a pooled connection in auto-commit mode; it stays in one transaction until the core commits
     *     or {@link #close()} rolls back
     * @param schema the schema migrated
     * @param timeout how long to wait for another process's migration
     * @return the lock
     * @throws StoreUnavailableException if another process holds the lock for longer than the timeout
     * @throws SQLException if the database fails
     */
    static PostgresMigrationLock take(Connection connection, SchemaName schema, Duration timeout) throws SQLException {
        connection.setAutoCommit(false);
        try {
            lock(connection, schema, timeout);
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL search_path TO " + schema.quoted());
            }
            return new PostgresMigrationLock(connection);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            connection.setAutoCommit(true);
            throw e;
        }
    }

    /**
     * Takes the schema's advisory lock for the connection's current transaction, polling until it is free.
     *
     * @throws StoreUnavailableException if it is still taken after the timeout
     */
    static void lock(Connection connection, SchemaName schema, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            s.setString(1, key(schema));
            while (true) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new StoreUnavailableException("Another process has been migrating the PostgreSQL schema '"
                            + schema.name() + "' for longer than " + timeout.toSeconds() + " s (" + TIMEOUT_OPTION
                            + "); it holds the migration lock: " + holder(connection, schema)
                            + ". Retry when it has finished, or raise " + TIMEOUT_OPTION + ".");
                }
                sleep();
            }
        }
    }

    /** @return the {@code migrationLockTimeout} option (seconds, default 60) */
    static Duration timeout(StoreUri uri) {
        return Duration.ofSeconds(uri.longOption(TIMEOUT_OPTION, 60, 0, 86_400));
    }

    private static String key(SchemaName schema) {
        return "threadstore migration " + schema.name();
    }

    private static String holder(Connection connection, SchemaName schema) throws SQLException {
        String sql = "SELECT a.pid, a.usename, a.application_name, a.client_addr, a.xact_start FROM pg_locks l "
                + "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext(?)::bigint";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, key(schema));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return "a session this role cannot see";
                }
                return "server process " + r.getInt(1) + " of role " + r.getString(2) + " (application '"
                        + r.getString(3) + "', client " + r.getString(4) + ", transaction started " + r.getString(5) + ")";
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while waiting for the PostgreSQL migration lock", e);
        }
    }

    /** Rolls back what the core has not committed (nothing, after a successful migration) and frees the lock. */
    @Override
    public void close() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
