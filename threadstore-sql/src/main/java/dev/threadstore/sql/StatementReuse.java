package dev.threadstore.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.session.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the prepared statements of the write statements every append and save runs (those of {@link RowBinding}'s
 * language, static SQL) open from one write transaction to the next on the same physical connection, for a dialect
 * whose driver prepares every statement anew ({@link Dialect#reusesStatements}: sqlite-jdbc compiles the SQL on each
 * {@code prepareStatement}, about 11 µs of an append's 70 for the thread update and the message insert, and it does so
 * while holding the write lock). MyBatis still runs the statements: a write transaction's session gets the pooled
 * connection through {@link #wrap}, whose {@code prepareStatement} of such SQL hands out the connection's idle
 * statement (or prepares one), and whose statements' {@code close} clears their parameters and batch and puts them
 * back. Every other call goes to the pooled connection or the driver's statement unchanged.
 *
 * <p>Idle statements are kept per physical connection ({@code unwrap(Connection.class)}, so the pool neither tracks
 * nor closes them on return), at most one per SQL text; entries of connections the pool has closed are dropped (their
 * statements closed) when a new connection first writes. A statement the driver closed (its connection was closed) is
 * prepared again. Only state-free, reset statements wait in the cache: nothing in it holds a lock or a snapshot.
 */
final class StatementReuse {

    private final Set<String> reusable;
    private final Map<Connection, Map<String, PreparedStatement>> idle = new ConcurrentHashMap<>();

    private StatementReuse(Set<String> reusable) {
        this.reusable = Set.copyOf(reusable);
    }

    /** @return reuse of the static write statements of {@code RowBinding}'s language in the configuration */
    static StatementReuse of(Configuration configuration) {
        Set<String> sql = new HashSet<>();
        for (String name : configuration.getMappedStatementNames()) {
            if (name.startsWith(ThreadMapper.class.getName() + ".")) {
                MappedStatement statement = configuration.getMappedStatement(name, false);
                if (statement.getLang() instanceof RowBinding && statement.getSqlCommandType() != SqlCommandType.SELECT
                        && statement.getSqlSource() instanceof org.apache.ibatis.scripting.defaults.RawSqlSource) {
                    sql.add(statement.getBoundSql(null).getSql());
                }
            }
        }
        return new StatementReuse(sql);
    }

    /** @return reuse of the statements of exactly these SQL texts */
    static StatementReuse of(Set<String> sql) {
        return new StatementReuse(sql);
    }

    /** @return how many physical connections have statements kept */
    int connections() {
        return idle.size();
    }

    /** @return the SQL texts whose statements are reused */
    Set<String> reusable() {
        return reusable;
    }

    /**
     * @param pooled a connection borrowed for one write transaction
     * @return the connection to give that transaction's MyBatis session; the pooled one when its physical
     *     connection cannot be reached
     */
    Connection wrap(Connection pooled) throws SQLException {
        Connection physical = pooled.isWrapperFor(Connection.class) ? pooled.unwrap(Connection.class) : null;
        if (physical == null) {
            return pooled;
        }
        Map<String, PreparedStatement> statements = idle.get(physical);
        if (statements == null) {
            dropClosed();
            statements = idle.computeIfAbsent(physical, c -> new HashMap<>());
        }
        Map<String, PreparedStatement> own = statements;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (args != null && args.length == 1 && method.getName().equals("prepareStatement")
                            && reusable.contains((String) args[0])) {
                        return take(physical, own, (String) args[0]);
                    }
                    return call(method, pooled, args);
                });
    }

    /** The idle statement of that SQL on the connection, or a new one; its {@code close} puts it back. */
    private static PreparedStatement take(Connection physical, Map<String, PreparedStatement> statements, String sql)
            throws SQLException {
        PreparedStatement statement = statements.remove(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
        }
        PreparedStatement held = statement;
        InvocationHandler handler = new InvocationHandler() {
            private boolean closed;

            @Override
            public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
                switch (method.getName()) {
                    case "close":
                        if (!closed) {
                            closed = true;
                            putBack(statements, sql, held);
                        }
                        return null;
                    case "isClosed":
                        return closed || held.isClosed();
                    default:
                        if (closed) {
                            throw new SQLException("statement is closed");
                        }
                        return call(method, held, args);
                }
            }
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    /** Clears the statement and keeps it, unless one is kept already or it cannot be cleared: then closes it. */
    private static void putBack(Map<String, PreparedStatement> statements, String sql, PreparedStatement statement)
            throws SQLException {
        try {
            statement.clearBatch();
            statement.clearParameters();
        } catch (SQLException | RuntimeException e) {
            statement.close();
            return;
        }
        if (statements.putIfAbsent(sql, statement) != null) {
            statement.close();
        }
    }

    private static @Nullable Object call(Method method, Object target, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Forgets the connections that were closed, closing their statements (a no-op where the driver did). */
    private void dropClosed() {
        idle.entrySet().removeIf(entry -> {
            if (!isClosed(entry.getKey())) {
                return false;
            }
            for (PreparedStatement statement : entry.getValue().values()) {
                try {
                    statement.close();
                } catch (SQLException | RuntimeException e) {
                    // the connection is gone: nothing is left to release
                }
            }
            return true;
        });
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
