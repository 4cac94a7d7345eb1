package dev.threadstore.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * The view of the migration's connection that Liquibase gets: its commits and rollbacks stay inside the one
 * transaction that {@link PostgresMigrationLock} began, as savepoints. A commit releases the previous savepoint and
 * sets a new one; a rollback returns to the last one (Liquibase rolls back after a failed catalog probe and carries
 * on). Turning auto-commit on and closing are ignored: the core owns the real connection, commits it when the
 * migration succeeds and the lock rolls back otherwise.
 *
 * <p>Liquibase re-sets the session's {@code search_path} after each rollback ({@code SET SEARCH_PATH}, session
 * level, which would outlive the transaction and, through a transaction-mode pooler, leak to the next client of
 * the server connection). So each commit also runs {@code RESET search_path}, which puts the session value back
 * to the server's default when the transaction commits, and {@code SET LOCAL search_path} again for the rest of
 * the migration.
 */
final class OneTransactionConnection implements InvocationHandler {

    private final Connection connection;
    private final SchemaName schema;
    private Savepoint savepoint;

    private OneTransactionConnection(Connection connection, SchemaName schema) throws SQLException {
        this.connection = connection;
        this.schema = schema;
        this.savepoint = connection.setSavepoint();
    }

    /**
     * @param connection the connection in the transaction {@link PostgresMigrationLock#take} began
     * @param schema the schema migrated
     * @return the view Liquibase migrates through
     * @throws SQLException if the first savepoint cannot be set
     */
    static Connection wrap(Connection connection, SchemaName schema) throws SQLException {
        return (Connection) Proxy.newProxyInstance(OneTransactionConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new OneTransactionConnection(connection, schema));
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
        switch (method.getName()) {
            case "commit":
                commit();
                return null;
            case "rollback":
                if (args == null) {
                    rollback();
                    return null;
                }
                break;
            case "setAutoCommit":
            case "close":
                return null;
            case "getAutoCommit":
                return false;
            case "equals":
                return args != null && proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "OneTransactionConnection[" + connection + "]";
            default:
                break;
        }
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void commit() throws SQLException {
        connection.releaseSavepoint(savepoint);
        try (Statement s = connection.createStatement()) {
            s.execute("RESET search_path");
            s.execute("SET LOCAL search_path TO " + schema.quoted());
        }
        savepoint = connection.setSavepoint();
    }

    private void rollback() throws SQLException {
        connection.rollback(savepoint);
    }
}
