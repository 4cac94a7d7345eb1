package dev.threadstore.sqlite;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.spi.StoreOptions;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.apache.ibatis.session.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;

/**
 * SQLite for the SQL core. A file database runs in WAL mode with {@code synchronous=NORMAL}, foreign keys on
 * and a busy timeout, so that readers never block the writer and a second process waits for the write lock
 * instead of failing with "database is locked". Writes begin with {@code BEGIN IMMEDIATE}: the write lock is
 * taken before anything is read, which serialises appenders (sequences are assigned under the lock) and avoids
 * the lock-upgrade deadlock of deferred transactions. Transactions are issued as SQL on a connection that the
 * driver keeps in auto-commit mode, because sqlite-jdbc re-opens a transaction right after every JDBC commit.
 * {@code :memory:} is one database held by a pool of exactly one connection that never expires. Times are
 * integer epoch microseconds. Attribute and source queries go through {@code thread_index}, a key/value table
 * that triggers keep in step with the {@code threads} row.
 */
final class SqliteDialect implements Dialect {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteDialect.class);

    static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 30_000;

    private static final int SQLITE_PERM = 3;
    static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_AUTH = 23;
    private static final int SQLITE_NOTADB = 26;
    private static final int SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
    private static final int SQLITE_CONSTRAINT_UNIQUE = 2067;

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public String describe(StoreUri uri) {
        return isMemory(uri) ? ":memory:" : file(uri).toString();
    }

    @Override
    public String backend() {
        return StoreOptions.SQLITE;
    }

    static boolean isMemory(StoreUri uri) {
        String path = uri.path();
        return path.isEmpty() || path.equals(":memory:") || path.equals("/:memory:");
    }

    private static Path file(StoreUri uri) {
        try {
            return Path.of(uri.path()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StoreConfigurationException("The SQLite database path '" + uri.path() + "' is not a valid path: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Starts building a first {@code SQLiteConfig} ({@link ConfigurationPreload}) and loading sqlite-jdbc's native
     * library ({@link NativeLibraryPreload}), each on a daemon thread.
     */
    @Override
    public void preload() {
        ConfigurationPreload.start();
        NativeLibraryPreload.start();
    }

    @Override
    public void configure(HikariConfig config, StoreUri uri) {
        int busyTimeout = StoreOptions.BUSY_TIMEOUT.readOrDefault(uri);
        if (uri.host().filter(h -> !h.isEmpty()).isPresent()) {
            throw new StoreConfigurationException("A SQLite URL names a file, not a host: got host '" + uri.host().get()
                    + "' in " + uri + "; use sqlite:///absolute/path.db or sqlite:relative.db");
        }
        Properties pragmas = new Properties();
        pragmas.setProperty("foreign_keys", "true");
        pragmas.setProperty("busy_timeout", Integer.toString(busyTimeout));
        if (isMemory(uri)) {
            config.setDataSource(dataSource("jdbc:sqlite::memory:", pragmas, busyTimeout));
            // One connection is the database: keep exactly one, forever.
            config.setMaximumPoolSize(1);
            config.setMinimumIdle(1);
            config.setMaxLifetime(0);
            config.setIdleTimeout(0);
            return;
        }
        Path file = file(uri);
        checkLocation(file);
        pragmas.setProperty("journal_mode", "WAL");
        pragmas.setProperty("synchronous", "NORMAL");
        config.setDataSource(dataSource("jdbc:sqlite:" + file, pragmas, busyTimeout));
    }

    /**
     * The driver's own {@link SQLiteDataSource} for the pool, rather than a JDBC URL that the pool would resolve
     * through {@link java.sql.DriverManager}: that would first load and register every JDBC driver on the class
     * path. The connections are the same: the data source hands the driver the same URL and pragmas, and opens a
     * connection again when its set-up meets SQLITE_BUSY ({@link SetupRetryingDataSource}).
     */
    private static SQLiteDataSource dataSource(String url, Properties pragmas, int busyTimeoutMillis) {
        ConfigurationPreload.awaitBuilt();
        SQLiteDataSource dataSource = new SetupRetryingDataSource(new SQLiteConfig(pragmas), busyTimeoutMillis);
        dataSource.setUrl(url);
        return dataSource;
    }

    /**
     * An application's SQLite pool must enforce foreign keys (the schema's cascades depend on them) and be a file: an
     * in-memory database is one per connection, so a pool of them is many databases. Without a busy timeout a writer
     * fails at once when another holds the lock, which is allowed but logged.
     */
    @Override
    public void checkApplicationPool(Connection connection, StoreUri uri) throws SQLException {
        if (isMemory(uri)) {
            throw new StoreConfigurationException("The SQLite DataSource opens an in-memory database, which is one"
                    + " database per connection: a pool of them is several databases. Give the DataSource a database"
                    + " file, or open the store with ThreadStore.create(\":memory:\").");
        }
        try (Statement statement = connection.createStatement();
             ResultSet foreignKeys = statement.executeQuery("PRAGMA foreign_keys")) {
            if (!foreignKeys.next() || foreignKeys.getInt(1) != 1) {
                throw new StoreConfigurationException("The SQLite DataSource for " + file(uri) + " hands out connections"
                        + " with foreign keys off; the store needs them on. Add foreign_keys=true to its JDBC URL (e.g."
                        + " jdbc:sqlite:" + file(uri) + "?foreign_keys=true&busy_timeout=30000) or set"
                        + " SQLiteConfig.enforceForeignKeys(true).");
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet busyTimeout = statement.executeQuery("PRAGMA busy_timeout")) {
            if (busyTimeout.next() && busyTimeout.getInt(1) == 0) {
                LOG.warn("The SQLite DataSource for {} has no busy timeout: a write fails at once while another"
                        + " connection writes. Add busy_timeout=30000 to its JDBC URL.", file(uri));
            }
        }
    }

    private static void checkLocation(Path file) {
        Path directory = file.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new StoreConfigurationException("Cannot open the SQLite database " + file + ": its directory "
                    + directory + " does not exist. Create the directory first, or fix the path.");
        }
        if (Files.isDirectory(file)) {
            throw new StoreConfigurationException("Cannot open the SQLite database " + file + ": it is a directory."
                    + " Give the path of a database file.");
        }
        if (Files.exists(file) && (!Files.isReadable(file) || !Files.isWritable(file))) {
            throw new StoreConfigurationException("Cannot open the SQLite database " + file + ": the file is not "
                    + (Files.isReadable(file) ? "writable" : "readable") + ". Fix its permissions or use another path.");
        }
        if (!Files.exists(file) && !Files.isWritable(directory)) {
            throw new StoreConfigurationException("Cannot create the SQLite database " + file + ": its directory "
                    + directory + " is read-only. Use a writable directory.");
        }
    }

    /**
     * An OS lock beside the database file, which the OS frees if this process dies mid-migration; an
     * in-memory database is this store's alone and needs none.
     */
    @Override
    public Optional<AutoCloseable> lockMigration(Connection connection, StoreUri uri, Duration timeout) throws IOException {
        return Optional.of(isMemory(uri) ? () -> { } : SqliteMigrationLock.take(file(uri), timeout));
    }

    /** Connecting to a missing file would create it: a file database exists only if its file does. */
    @Override
    public boolean mayExist(StoreUri uri) {
        return isMemory(uri) || Files.exists(file(uri));
    }

    @Override
    public String changelog() {
        return "dev/threadstore/sqlite/changelog.xml";
    }

    @Override
    public String mapperXml() {
        return "dev/threadstore/sqlite/ThreadMapper.xml";
    }

    @Override
    public void configure(Configuration configuration) {
        configuration.getTypeHandlerRegistry().register(Instant.class, new EpochMicrosTypeHandler());
    }

    /** Only a type handler, known without the database: the core may parse the mapper XML while it connects. */
    @Override
    public boolean configuresMapperOffline() {
        return true;
    }

    /** sqlite-jdbc compiles the SQL on every {@code prepareStatement}: the hot write statements are kept prepared. */
    @Override
    public boolean reusesStatements() {
        return true;
    }

    @Override
    public void beginWrite(Connection connection) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    public void beginRead(Connection connection) throws SQLException {
        execute(connection, "BEGIN DEFERRED");
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (!message.contains("no transaction is active")) {
                throw e;
            }
        }
    }

    /**
     * Runs a transaction statement: straight on the driver's database handle when the connection unwraps to
     * sqlite-jdbc's (no JDBC statement to create, wrap and close per transaction), else as a JDBC statement.
     */
    private static void execute(Connection connection, String sql) throws SQLException {
        if (connection.isWrapperFor(SQLiteConnection.class)) {
            connection.unwrap(SQLiteConnection.class).getDatabase().exec(sql, false);
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public Failure classify(SQLException e) {
        int code = e instanceof SQLiteException ? ((SQLiteException) e).getResultCode().code : e.getErrorCode();
        String message = String.valueOf(e.getMessage());
        if (code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE
                || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY") || message.contains("SQLITE_CONSTRAINT_UNIQUE")) {
            return Failure.DUPLICATE_KEY;
        }
        switch (code & 0xFF) {
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                return Failure.TRANSIENT;
            case SQLITE_PERM:
            case SQLITE_READONLY:
            case SQLITE_CORRUPT:
            case SQLITE_CANTOPEN:
            case SQLITE_AUTH:
            case SQLITE_NOTADB:
                return Failure.CONFIGURATION;
            case SQLITE_CONSTRAINT:
                return Failure.OTHER;
            default:
                if (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")) {
                    return Failure.TRANSIENT;
                }
                return Failure.OTHER;
        }
    }
}
