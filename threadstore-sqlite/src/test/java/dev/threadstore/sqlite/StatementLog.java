package dev.threadstore.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * A DataSource that notes every statement its connections prepare or execute as plain SQL, by its leading words
 * ({@code BEGIN IMMEDIATE}, {@code UPDATE threads}, {@code INSERT INTO messages}, …): what a write costs in
 * statements, read without timing anything.
 */
final class StatementLog {

    private final List<String> statements = new ArrayList<>();

    synchronized void clear() {
        statements.clear();
    }

    synchronized List<String> statements() {
        return List.copyOf(statements);
    }

    private synchronized void note(String sql) {
        String[] words = sql.strip().replaceAll("\\s+", " ").split("[ (]");
        int take = words[0].equalsIgnoreCase("INSERT") || words[0].equalsIgnoreCase("DELETE") ? 3 : 2;
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < Math.min(take, words.length); i++) {
            kept.add(words[i]);
        }
        String kind = String.join(" ", kept);
        statements.add(kind.toUpperCase(Locale.ROOT).startsWith("COMMIT") ? "COMMIT" : kind);
    }

    DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return method.getName().equals("getConnection") ? connection((Connection) result) : result;
                });
    }

    private Connection connection(Connection target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                note(sql);
            }
            Object result = invoke(target, method, args);
            if (method.getName().equals("createStatement")) {
                return statement((Statement) result);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
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
