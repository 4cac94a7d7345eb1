package dev.threadstore.sql.testkit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * A DataSource that notes every statement its connections execute, by its leading words ({@code BEGIN IMMEDIATE},
 * {@code UPDATE threads}, {@code INSERT INTO messages}, …; a quoted schema name left out): what a write costs in
 * statements, read without timing anything. A prepared statement is noted each time it is executed (a batch once),
 * so a statement the store keeps prepared across transactions counts in every one that runs it; the physical
 * connection a pooled one unwraps to is observed too (one observer per physical connection). Shared by the SQLite
 * and PostgreSQL write-path tests.
 */
public final class StatementLog {

    private final List<String> statements = new ArrayList<>();
    private final Map<Connection, Connection> physical = new IdentityHashMap<>();
    private long rowsRead;

    /** Forgets the statements and rows noted so far. */
    public synchronized void clear() {
        statements.clear();
        rowsRead = 0;
    }

    /** @return how many rows the prepared statements' result sets have handed out since the last {@link #clear} */
    public synchronized long rowsRead() {
        return rowsRead;
    }

    private synchronized void rowRead() {
        rowsRead++;
    }

    /** @return the statements noted so far, in order, by their leading words */
    public synchronized List<String> statements() {
        return List.copyOf(statements);
    }

    private synchronized void note(String sql) {
        String[] words = sql.strip().replaceAll("\\s+", " ").replaceAll("\"[^\"]*\"\\.", "").split("[ (]");
        int take = words[0].equalsIgnoreCase("INSERT") || words[0].equalsIgnoreCase("DELETE") ? 3 : 2;
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < Math.min(take, words.length); i++) {
            kept.add(words[i]);
        }
        String kind = String.join(" ", kept);
        statements.add(kind.toUpperCase(Locale.ROOT).startsWith("COMMIT") ? "COMMIT" : kind);
    }

    /**
     * @param target the pool to observe
     * @return a DataSource whose connections note their statements here and otherwise act as the target's
     */
    public DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return method.getName().equals("getConnection") ? connection((Connection) result) : result;
                });
    }

    private Connection connection(Connection target) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                return prepared((PreparedStatement) result, sql);
            }
            if (method.getName().equals("unwrap") && args != null && args[0] == Connection.class) {
                return physical((Connection) result);
            }
            if (method.getName().equals("createStatement")) {
                return statement((Statement) result);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    /** @return the one observer of a physical connection, so that what is kept per connection stays kept */
    private Connection physical(Connection target) {
        synchronized (physical) {
            return physical.computeIfAbsent(target, this::connection);
        }
    }

    private PreparedStatement prepared(PreparedStatement target, String sql) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                note(sql);
            }
            Object result = invoke(target, method, args);
            return result instanceof ResultSet rows ? resultSet(rows) : result;
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private ResultSet resultSet(ResultSet target) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("next") && Boolean.TRUE.equals(result)) {
                rowRead();
            }
            return result;
        };
        return (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultSet.class},
                handler);
    }

    private Statement statement(Statement target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args.length > 0
                    && args[0] instanceof String sql) {
                note(sql);
            }
            return invoke(target, method, args);
        };
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
