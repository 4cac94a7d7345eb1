package dev.threadstore.sql;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.spi.StoreOptions;
import dev.threadstore.spi.StoreUri;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.ibatis.session.Configuration;

/**
 * What one SQL database needs to tell {@link SqlThreadStore} so that the shared core can store threads in it.
 * A backend module (SQLite, PostgreSQL) implements this once, package-private, and its provider calls
 * {@link SqlThreadStore#open(Dialect, StoreUri)}.
 *
 * <h2>Design notes: what a dialect must provide</h2>
 * <ol>
 *   <li><b>Connection.</b> {@link #configure(HikariConfig, StoreUri)} sets the JDBC URL, the user and password,
 *       the driver properties (SQLite pragmas, PostgreSQL {@code prepareThreshold}), and may override the pool
 *       sizes the core set from {@code poolSize}/{@code maxOverflow}/{@code poolTimeout} (SQLite in memory
 *       keeps exactly one connection). It throws {@code StoreConfigurationException} for options or paths it
 *       can reject before connecting. {@link #prepare(DataSource, StoreUri)} runs once on the open pool
 *       before Liquibase (PostgreSQL: {@code CREATE SCHEMA IF NOT EXISTS}); with {@code migrate=false} it must
 *       write nothing, and the core's check of the schema is read-only.</li>
 *   <li><b>Schema.</b> {@link #changelog()} names a Liquibase changelog on the dialect's class path (e.g.
 *       {@code dev/threadstore/sqlite/changelog.xml}). The core runs it at open, or with {@code migrate=false}
 *       only checks that nothing is pending. The tables must have the shape of DESIGN section 5:
 *       {@code threads}, {@code messages} with PK {@code (thread_id, id)}, UNIQUE {@code (thread_id, sequence)}
 *       and an index on {@code messages(id)}, {@code attachments} keyed by {@code (thread_id, message_id,
 *       position)}, both with {@code ON DELETE CASCADE}; plus whatever index serves the attribute and source
 *       filters of {@code selectSummaries} (SQLite: a key/value table kept by triggers; PostgreSQL: jsonb + GIN).</li>
 *   <li><b>Statements.</b> {@link #mapperXml()} names a MyBatis mapper XML on the dialect's class path with
 *       namespace {@code dev.threadstore.sql.ThreadMapper} that defines every statement of {@link ThreadMapper},
 *       with the same ids, parameter and result types ({@code ThreadRow}, {@code MessageRow},
 *       {@code AttachmentRow}, {@code DigestRow}, {@code ThreadHead}, {@code CandidateQuery} are registered as
 *       type aliases). Parameters are always bound ({@code #{}}), never spliced ({@code ${}}). JSON columns are
 *       passed and read as {@code String}; the XML may cast them ({@code CAST(#{attributes} AS jsonb)}).
 *       Timestamps are {@link java.time.Instant}; {@link #configure(Configuration)} registers a type handler
 *       when the database needs one (SQLite: integer epoch microseconds).</li>
 *   <li><b>Transactions and locking.</b> The core writes inside {@link #beginWrite(Connection)} …
 *       {@link #commit(Connection)} / {@link #rollback(Connection)}, and reads several statements consistently
 *       inside {@link #beginRead(Connection)}. The defaults use JDBC's {@code setAutoCommit(false)}; SQLite
 *       overrides them with {@code BEGIN IMMEDIATE} so that the database write lock is taken (waiting up to
 *       the busy timeout) before anything is read. Inside a write, the core calls
 *       {@code ThreadMapper.lockThread(id)} before reading or writing a thread: the statement both returns the
 *       thread's version and serialises writers of that thread (PostgreSQL: {@code SELECT … FOR UPDATE};
 *       SQLite: a plain select, since the write lock is already held). So {@code append} reads only the
 *       locked row, {@code max(sequence)} and the digests of the appended ids. A write to a thread the store
 *       remembers ({@code WriteMemo}) takes neither: one conditional {@code UPDATE} of the thread row
 *       ({@code updateRememberedThread}, {@code advanceRememberedThread}) locks it and checks that it is still
 *       the remembered one, and the core reads its update count from an immediate flush.</li>
 *   <li><b>Errors.</b> {@link #classify(SQLException)} says what a failure means. The core turns
 *       {@link Failure#TRANSIENT} into {@code StoreUnavailableException}, {@link Failure#CONFIGURATION} into
 *       {@code StoreConfigurationException}, {@link Failure#DUPLICATE_KEY} on a thread insert into
 *       {@code ConcurrentUpdateException}, and everything else into {@code StorageException}, always with the
 *       cause kept and a message naming the operation and the thread. Pool time-outs
 *       ({@link java.sql.SQLTransientException}) are transient before the dialect is asked.</li>
 *   <li><b>Text encoding.</b> {@link #encodeText(String)}/{@link #decodeText(String)} and
 *       {@link #encodeJson(String)}/{@link #decodeJson(String)} are applied by the core to every non-key text
 *       column and every JSON column, for databases that cannot hold some characters (PostgreSQL rejects
 *       U+0000). The defaults are the identity.</li>
 * </ol>
 *
 * <p>Resources are looked up through the dialect class's class loader. On the module path the dialect's
 * module must open the package that holds its changelog and mapper XML (e.g. {@code open module …} or
 * {@code opens dev.threadstore.sqlite;}), because Liquibase and MyBatis read them from outside the module.
 *
 * <p>Later additions to this interface are default methods, so existing dialects keep compiling.
 * Implementations must be thread-safe and stateless apart from configuration.
 */
public interface Dialect {

    /** What a {@link SQLException} means to the core. */
    enum Failure {
        /** Retrying may succeed: busy or locked database, lost connection, fail-over, serialisation failure. */
        TRANSIENT,
        /** A unique or primary key was violated (a concurrent insert of the same thread). */
        DUPLICATE_KEY,
        /** The configuration is wrong: bad credentials, unknown database, not a database file, read-only path. */
        CONFIGURATION,
        /** Anything else: a bug, a constraint, a full disk. */
        OTHER
    }

    /** @return the database's display name for messages and logs, e.g. {@code SQLite}, {@code PostgreSQL} */
    String name();

    /**
     * @param uri the store URL
     * @return where the database is, for error messages, never with a password: the file path for SQLite,
     *     {@code host:port/database} for PostgreSQL
     */
    String describe(StoreUri uri);

    /**
     * @return the backend name under which {@link StoreOptions} catalogues the options this dialect's store
     *     understands, e.g. {@link StoreOptions#SQLITE}; the core rejects any other option
     */
    String backend();

    /**
     * Starts, on a daemon thread of the dialect's own, slow work that the first connection needs and that depends on
     * nothing in the URL (SQLite: loading the driver's native library), so that it overlaps with the rest of the
     * open. Called first in every open on a URL, before the options are checked. It must not block, must
     * not fail, and must leave nothing behind but what the driver would have loaded anyway: a failure of that work
     * is left for the first connection to meet again and report. The default does nothing.
     */
    default void preload() {
    }

    /**
     * Sets up the connection pool: JDBC URL, credentials, driver properties, and pool sizes where the database
     * needs other ones than the core's. Called once, before the pool opens.
     *
     * @param config the pool configuration, with the core's pool sizes and time-outs already set
     * @param uri the store URL, options merged
     * @throws dev.threadstore.StoreConfigurationException if an option or the location is invalid
     */
    void configure(HikariConfig config, StoreUri uri);

    /**
     * Runs once on the open pool before the schema is migrated or checked.
     *
     * @param dataSource the pool
     * @param uri the store URL
     * @throws SQLException if the database refuses; classified like any other failure
     */
    default void prepare(DataSource dataSource, StoreUri uri) throws SQLException {
    }

    /**
     * Takes a lock that keeps every other process from migrating this database until it is closed, and
     * that the database or the operating system releases by itself if this process dies. Liquibase's own
     * lock is a row in a table: a process killed mid-migration leaves it taken, and every later start
     * would wait for it and then fail until someone released it by hand. While this lock is held, a taken
     * Liquibase lock can only be such a leftover, and the migration releases it. Called only to migrate
     * ({@code migrate=true}), never to check.
     *
     * @param connection the connection the migration runs on
     * @param uri the store URL
     * @param timeout how long to wait for another process that holds the lock (option
     *     {@code migrationLockTimeout})
     * @return the lock, to be closed when the migration ends; empty when the dialect has none, and
     *     Liquibase's lock alone then applies (waiting at most the timeout, rounded up to whole minutes)
     * @throws dev.threadstore.StoreUnavailableException if the lock is not granted within the timeout, saying
     *     what is known of its holder (process id, host, file), or if the thread is interrupted while it waits
     *     (the interrupt status is kept)
     * @throws Exception if the lock cannot be taken otherwise
     */
    default Optional<AutoCloseable> lockMigration(Connection connection, StoreUri uri, Duration timeout) throws Exception {
        return Optional.empty();
    }

    /**
     * The connection Liquibase migrates through, given the one {@link #lockMigration} locked. The default is that
     * connection. A dialect whose lock lasts one transaction (PostgreSQL, so that it holds through a
     * transaction-mode pooler) returns a view on which Liquibase's commits only set savepoints: the whole migration
     * is then that one transaction, which the core commits when the migration succeeds; closing the lock rolls back
     * whatever is left.
     *
     * @param connection the connection the lock was taken on
     * @return the connection to give Liquibase
     * @throws SQLException if the database fails
     */
    default Connection migrationConnection(Connection connection) throws SQLException {
        return connection;
    }

    /**
     * Whether the database may exist, asked before connecting. With {@code migrate=false} the core then
     * refuses a database known to be missing instead of connecting, because connecting would create it.
     *
     * @param uri the store URL
     * @return false when the database is known not to exist (SQLite: its file is missing); the default is true
     */
    default boolean mayExist(StoreUri uri) {
        return true;
    }

    /**
     * @param uri the store URL
     * @return the schema Liquibase works in, when it is not the connection's default
     */
    default Optional<String> schema(StoreUri uri) {
        return Optional.empty();
    }

    /** @return the class-path resource of the Liquibase changelog, e.g. {@code dev/threadstore/sqlite/changelog.xml} */
    String changelog();

    /** @return the class-path resource of the MyBatis mapper XML, e.g. {@code dev/threadstore/sqlite/ThreadMapper.xml} */
    String mapperXml();

    /**
     * Registers type handlers or settings the mapper XML relies on (e.g. how an {@link java.time.Instant}
     * is stored). Called before the mapper XML is parsed, on the core's parse thread (not the opening thread), and,
     * unless {@link #configuresMapperOffline()}, only once {@link #prepare} has returned on the opening thread.
     *
     * @param configuration the MyBatis configuration
     */
    default void configure(Configuration configuration) {
    }

    /**
     * Whether {@link #configure(Configuration)} needs nothing from the database, so that the core may build the
     * MyBatis configuration (parse the mapper XML) on another thread while the pool connects, before
     * {@link #prepare} has run. The default is false: the dialect's configuration and the XML wait for
     * {@code prepare} (PostgreSQL names the schema it resolved there), and then still overlap with the schema check.
     *
     * @return whether the mapper can be configured before the database is reached
     */
    default boolean configuresMapperOffline() {
        return false;
    }

    /**
     * Whether write transactions keep the prepared statements of the hot write statements open from one transaction
     * to the next on the same connection ({@link StatementReuse}): for a driver that compiles the SQL on every
     * {@code prepareStatement}. The default is false (a driver with its own statement cache gains nothing).
     *
     * @return whether to reuse prepared write statements
     */
    default boolean reusesStatements() {
        return false;
    }

    /**
     * Configures a second pool, on a read replica, for the reads that may lag behind the primary: listings,
     * queries, counts and summaries ({@link SqlTransactions#replicaRead}). Reads of one thread ({@code get}) and
     * everything a write depends on stay on the primary pool. Called after {@link #configure(HikariConfig, StoreUri)},
     * with {@code config} already sized like the primary pool. The default names no replica.
     *
     * @param config the replica pool's configuration, to complete
     * @param uri the store URL with every option merged
     * @return whether the URL names a replica; false leaves {@code config} unused and every read on the primary
     * @throws dev.threadstore.StoreConfigurationException if the replica's URL is malformed or names another database
     */
    default boolean configureReadReplica(HikariConfig config, StoreUri uri) {
        return false;
    }

    /**
     * Starts a transaction that will write. On return the database must serialise this transaction with
     * every other writer of the same thread (together with {@code ThreadMapper.lockThread}).
     *
     * @param connection a pooled connection in auto-commit mode
     * @throws SQLException if the transaction cannot start (e.g. the database stays busy)
     */
    default void beginWrite(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    /**
     * Starts a transaction that only reads, so that the statements of one {@code get} see one snapshot.
     *
     * @param connection a pooled connection in auto-commit mode
     * @throws SQLException if the transaction cannot start
     */
    default void beginRead(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    /**
     * Commits the transaction begun by {@link #beginWrite} or {@link #beginRead}.
     *
     * @param connection the connection
     * @throws SQLException if the commit fails; the core then calls {@link #rollback}
     */
    default void commit(Connection connection) throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    /**
     * Rolls the transaction back; must not fail when no transaction is open.
     *
     * @param connection the connection
     * @throws SQLException if the rollback fails
     */
    default void rollback(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /**
     * @param e a failure from the driver (the core has already unwrapped MyBatis' wrapper)
     * @return what it means
     */
    Failure classify(SQLException e);

    /** @return the text as written to a text column; the default is the text itself */
    default String encodeText(String text) {
        return text;
    }

    /** @return the text as read back from a text column; inverse of {@link #encodeText} */
    default String decodeText(String column) {
        return column;
    }

    /** @return JSON text as written to a JSON column; the default is the JSON itself */
    default String encodeJson(String json) {
        return json;
    }

    /** @return JSON text as read back from a JSON column; inverse of {@link #encodeJson} */
    default String decodeJson(String column) {
        return column;
    }

    /**
     * Checks, on one of its connections, that a pool the application owns hands out connections the store can work
     * with, before anything is migrated. Nothing about the connection is changed. The default accepts every pool.
     *
     * @param connection a connection borrowed from the pool, returned by the caller
     * @param uri where the pool points, with the store's options
     * @throws SQLException if the database refuses the check
     * @throws dev.threadstore.StoreConfigurationException naming what to change in the pool's configuration
     */
    default void checkApplicationPool(Connection connection, StoreUri uri) throws SQLException {
    }
}
