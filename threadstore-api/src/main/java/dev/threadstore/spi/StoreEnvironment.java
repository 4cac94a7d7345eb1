package dev.threadstore.spi;

import dev.threadstore.StoreConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code TYLER_*} environment variables of the original Tyler ThreadStore into a
 * {@link StoreUri}. It takes the environment as a map so that tests can pass their own;
 * {@link dev.threadstore.ThreadStore#create()} passes {@link System#getenv()}. The variables that supply options
 * are declared with those options in {@link StoreOptions} ({@link StoreOption#environmentVariable()}); the
 * others name the database.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>meaning</th></tr>
 *   <tr><td>{@code TYLER_DB_TYPE}</td><td>{@code postgresql}, {@code postgres}, {@code sqlite} or {@code memory}; unset means memory</td></tr>
 *   <tr><td>{@code TYLER_DB_HOST}, {@code TYLER_DB_PORT}, {@code TYLER_DB_NAME}, {@code TYLER_DB_USER}, {@code TYLER_DB_PASSWORD}</td><td>PostgreSQL, all required</td></tr>
 *   <tr><td>{@code TYLER_DB_PATH}</td><td>SQLite database file, required</td></tr>
 *   <tr><td>{@code TYLER_DB_ECHO}</td><td>log SQL statements ({@code echo} option)</td></tr>
 *   <tr><td>{@code TYLER_DB_POOL_SIZE}, {@code TYLER_DB_MAX_OVERFLOW}</td><td>pool size (default 5) and extra connections (default 10)</td></tr>
 *   <tr><td>{@code TYLER_FILE_STORAGE_PATH}</td><td>FileStore directory, default {@code ~/.threadstore/files}</td></tr>
 *   <tr><td>{@code TYLER_MAX_FILE_SIZE}, {@code TYLER_MAX_STORAGE_SIZE}, {@code TYLER_ALLOWED_MIME_TYPES}</td><td>FileStore limits</td></tr>
 * </table>
 *
 * <p>Applications call {@code ThreadStore.create()} and {@code FileStore.create()}, not this class. It is public
 * because those facades live in another package ({@code dev.threadstore}) and because the test kit
 * (threadstore-tck) checks a file store's limits against an environment of its own, which
 * {@link #fileStoreUri(Map, String)} takes as a map. Thread-safe: it keeps no state.
 */
public final class StoreEnvironment {

    private StoreEnvironment() {
    }

    /**
     * The thread store URL the environment describes.
     *
     * @param env the environment
     * @return the URL; {@code memory:} when {@code TYLER_DB_TYPE} is unset or blank
     * @throws StoreConfigurationException if variables are missing or invalid; every missing one is named
     * @throws NullPointerException if {@code env} is null
     */
    public static StoreUri threadStoreUri(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String type = value(env, "TYLER_DB_TYPE");
        if (type == null || type.equalsIgnoreCase("memory")) {
            return StoreUri.parse("memory:");
        }
        switch (type.toLowerCase(Locale.ROOT)) {
            case "sqlite": {
                Map<String, String> options = options(env, StoreOptions.SQLITE);
                String path = value(env, "TYLER_DB_PATH");
                if (path == null) {
                    throw new StoreConfigurationException("TYLER_DB_TYPE=sqlite needs TYLER_DB_PATH, the database file; it is not set");
                }
                return StoreUri.of("sqlite", null, null, null, -1, path, options);
            }
            case "postgresql":
            case "postgres": {
                List<String> missing = new ArrayList<>();
                for (String name : List.of("TYLER_DB_HOST", "TYLER_DB_PORT", "TYLER_DB_NAME", "TYLER_DB_USER", "TYLER_DB_PASSWORD")) {
                    if (value(env, name) == null) {
                        missing.add(name);
                    }
                }
                if (!missing.isEmpty()) {
                    throw new StoreConfigurationException("TYLER_DB_TYPE=" + type + " needs " + String.join(", ", missing)
                            + (missing.size() == 1 ? "; it is not set" : "; they are not set"));
                }
                Map<String, String> options = options(env, StoreOptions.POSTGRESQL);
                String portText = value(env, "TYLER_DB_PORT");
                int port;
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    throw new StoreConfigurationException("TYLER_DB_PORT must be a port number, got '" + portText + "'");
                }
                if (port < 1 || port > 65535) {
                    throw new StoreConfigurationException("TYLER_DB_PORT must be between 1 and 65535, got " + port);
                }
                return StoreUri.of("postgresql", value(env, "TYLER_DB_USER"), env.get("TYLER_DB_PASSWORD"),
                        value(env, "TYLER_DB_HOST"), port, "/" + value(env, "TYLER_DB_NAME"), options);
            }
            default:
                throw new StoreConfigurationException("TYLER_DB_TYPE must be one of postgresql, postgres, sqlite, memory; got '"
                        + type + "'");
        }
    }

    /**
     * The file store URL: the given one, or {@code TYLER_FILE_STORAGE_PATH}, or
     * {@code ~/.threadstore/files}; with the environment's limits as options wherever the URL gives none.
     *
     * @param env the environment
     * @param url the URL, or null to take the directory from the environment
     * @return the URL
     * @throws StoreConfigurationException if {@code url} is malformed
     * @throws NullPointerException if {@code env} is null
     */
    public static StoreUri fileStoreUri(Map<String, String> env, @Nullable String url) {
        Objects.requireNonNull(env, "env");
        StoreUri uri;
        if (url != null) {
            uri = StoreUri.parse(url);
        } else {
            String path = value(env, "TYLER_FILE_STORAGE_PATH");
            if (path == null) {
                path = System.getProperty("user.home") + "/.threadstore/files";
            }
            uri = StoreUri.of("file", null, null, null, -1, path, Map.of());
        }
        return uri.withDefaultOptions(options(env, StoreOptions.FILE));
    }

    private static @Nullable String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** @return the backend's options that the environment supplies, each from its catalogued variable */
    private static Map<String, String> options(Map<String, String> env, String backend) {
        Map<String, String> options = new LinkedHashMap<>();
        for (StoreOption<?> option : StoreOptions.of(backend)) {
            option.environmentVariable().map(variable -> value(env, variable))
                    .ifPresent(v -> options.put(option.name(), v));
        }
        return options;
    }
}
