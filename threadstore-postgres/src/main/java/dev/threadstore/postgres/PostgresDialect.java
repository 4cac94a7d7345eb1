package dev.threadstore.postgres;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.spi.StoreOption;
import dev.threadstore.spi.StoreOptions;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL for the SQL core: pgjdbc behind HikariCP, {@code jsonb} columns with GIN
 * ({@code jsonb_path_ops}) indexes that serve attribute and source queries by containment,
 * {@code timestamptz}, {@code SELECT … FOR UPDATE} on the thread row to serialise writers of a
 * thread, and read-only REPEATABLE READ transactions so that a read sees one snapshot. PostgreSQL cannot store
 * U+0000, so every bound and read string goes through {@link NulSafeText} (in
 * {@link NulSafeStringTypeHandler}, which covers ids and source names as well, so the core's
 * {@code encodeText} hook stays the identity) and every JSON column through its JSON form.
 *
 * <h2>No session state: safe behind a transaction-mode pooler</h2>
 * A store keeps nothing in the database session beyond one transaction, so it works through PgBouncer in
 * {@code pool_mode = transaction}, where consecutive transactions of one client run on different server
 * connections and a server connection passes from client to client:
 * <ul>
 *   <li>Every statement names its schema ({@link SchemaName}): the {@code schema} option, or the server's
 *       {@code current_schema()} read once at open. The mapper XML splices the quoted name as the MyBatis
 *       configuration variable {@code ${schema}}, replaced when the XML is parsed ({@link #configure(Configuration)});
 *       the connection's {@code search_path} is never set.</li>
 *   <li>The migration runs in one transaction ({@link PostgresMigrationLock}): a transaction-scoped advisory
 *       lock, {@code SET LOCAL search_path} for the changelog's unqualified DDL, and Liquibase's commits turned
 *       into savepoints ({@link OneTransactionConnection}).</li>
 *   <li>{@code pooler=pgbouncer} turns pgjdbc's server-side prepared statements off ({@code prepareThreshold=0}),
 *       since a statement prepared in one transaction is unknown on the next transaction's server connection.</li>
 * </ul>
 * Start-up is safe when several processes open the same empty schema at once: the schema is created under a
 * transaction-scoped advisory lock (see {@link #prepare}) and the migration holds it too.
 */
final class PostgresDialect implements Dialect {

    private static final AtomicBoolean CALENDAR_WARMED = new AtomicBoolean();

    /** pgjdbc connection properties a URL may pass through unchanged. */
    static final Set<String> DRIVER_OPTIONS = StoreOptions.PGJDBC_PROPERTIES.stream().map(StoreOption::name)
            .collect(Collectors.toUnmodifiableSet());

    static final String SCHEMA_OPTION = StoreOptions.SCHEMA.name();
    static final String POOLER_OPTION = StoreOptions.POOLER.name();
    static final String READ_URL_OPTION = StoreOptions.READ_URL.name();

    /** What sits between the store and the server, from the {@code pooler} option. */
    enum Pooler {
        /** A direct connection, or a pooler in session mode: the default. */
        NONE,
        /** PgBouncer (or a pooler that behaves like it) in transaction mode. */
        PGBOUNCER
    }

    /** Set by {@link #prepare} before anything else reads it; one dialect instance serves one store. */
    private volatile @Nullable SchemaName schema;

    /** The {@code schema} option, when given, read by {@link #configure(HikariConfig, StoreUri)} before connecting. */
    private volatile @Nullable SchemaName configuredSchema;

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String describe(StoreUri uri) {
        return hostAndPort(uri) + "/" + uri.database();
    }

    @Override
    public String backend() {
        return StoreOptions.POSTGRESQL;
    }

    /**
     * Warms, on a daemon thread that ends by itself, the JDK's calendar and locale data that pgjdbc's first
     * connection needs (its {@code TimestampUtils} makes a {@link GregorianCalendar}), so that it loads
     * while the options are read and the pool is set up. Only JDK classes are touched; once per JVM.
     */
    @Override
    public void preload() {
        if (CALENDAR_WARMED.compareAndSet(false, true)) {
            Thread thread = new Thread(() -> new GregorianCalendar().getTimeInMillis(),
                    "threadstore-postgresql-preload");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void configure(HikariConfig config, StoreUri uri) {
        configuredSchema = schemaOption(uri).orElse(null);
        Pooler pooler = pooler(uri);
        if (uri.option(READ_URL_OPTION).isPresent()) {
            readReplica(uri);
        }
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl("jdbc:postgresql://" + hostAndPort(uri) + "/" + encodePath(uri.database()));
        uri.user().ifPresent(config::setUsername);
        uri.password().ifPresent(config::setPassword);
        for (Map.Entry<String, String> option : uri.options().entrySet()) {
            if (DRIVER_OPTIONS.contains(option.getKey())) {
                config.addDataSourceProperty(option.getKey(), option.getValue());
            }
        }
        long timeoutSeconds = Math.max(1, config.getConnectionTimeout() / 1000);
        if (!uri.options().containsKey("connectTimeout")) {
            config.addDataSourceProperty("connectTimeout", String.valueOf(timeoutSeconds));
        }
        if (!uri.options().containsKey("loginTimeout")) {
            config.addDataSourceProperty("loginTimeout", String.valueOf(timeoutSeconds));
        }
        if (!uri.options().containsKey("ApplicationName")) {
            config.addDataSourceProperty("ApplicationName", "threadstore");
        }
        if (pooler == Pooler.PGBOUNCER && !uri.options().containsKey("prepareThreshold")) {
            // A named statement lives in one server connection; the next transaction may run on another.
            config.addDataSourceProperty("prepareThreshold", "0");
        }
    }

    /**
     * The {@code readUrl} replica's pool: the replica URL's hosts and pgjdbc options over the store's own options;
     * its user and password, or the store's when it names none; always the store's database and schema.
     */
    @Override
    public boolean configureReadReplica(HikariConfig config, StoreUri uri) {
        if (uri.option(READ_URL_OPTION).isEmpty()) {
            return false;
        }
        StoreUri replica = readReplica(uri);
        configure(config, replica);
        config.setJdbcUrl("jdbc:postgresql://" + hostAndPort(replica) + "/" + encodePath(uri.database()));
        if (!replica.options().containsKey("ApplicationName")) {
            config.addDataSourceProperty("ApplicationName", "threadstore-read");
        }
        return true;
    }

    /**
     * @return the {@code readUrl} option as a URL, with the store's options under its own
     * @throws StoreConfigurationException if it is malformed, not a PostgreSQL URL, names another database, or
     *     carries an option other than pgjdbc's
     */
    static StoreUri readReplica(StoreUri uri) {
        StoreUri replica;
        try {
            replica = StoreUri.parse(uri.option(READ_URL_OPTION).orElseThrow());
        } catch (StoreConfigurationException e) {
            throw new StoreConfigurationException("Option 'readUrl' is not a valid URL: " + e.getMessage(), e);
        }
        if (!Set.of("postgresql", "postgres").contains(replica.scheme()) || !replica.hierarchical()
                || replica.hosts().isEmpty()) {
            throw new StoreConfigurationException("Option 'readUrl' must be a PostgreSQL URL naming the replica's"
                    + " host(s), e.g. postgresql://replica1:5432/" + uri.database() + "; got " + replica);
        }
        if (!replica.database().isEmpty() && !replica.database().equals(uri.database())) {
            throw new StoreConfigurationException("Option 'readUrl' (" + replica + ") names database '"
                    + replica.database() + "', but the store's database is '" + uri.database() + "': a read replica"
                    + " serves the same database. Name that database in readUrl, or leave it out.");
        }
        replica.requireKnownOptions(DRIVER_OPTIONS, "PostgreSQL read replica (readUrl)");
        Map<String, String> inherited = new java.util.LinkedHashMap<>(uri.options());
        inherited.remove(READ_URL_OPTION);
        StoreUri merged = replica.withDefaultOptions(inherited);
        if (replica.user().isEmpty()) {
            Map<String, String> credentials = new java.util.LinkedHashMap<>();
            uri.user().ifPresent(u -> credentials.put("user", u));
            uri.password().ifPresent(p -> credentials.put("password", p));
            merged = merged.withOptions(credentials);
        }
        return merged;
    }

    /**
     * Resolves the schema and, unless {@code migrate=false}, creates it when missing, under a transaction-scoped
     * advisory lock so that processes starting together do not race. With {@code migrate=false} nothing is
     * written: a missing schema is a {@link StoreConfigurationException}. Only what is missing is created, so a
     * role without CREATE privilege can open a schema that someone else has set up.
     */
    @Override
    public void prepare(DataSource dataSource, StoreUri uri) throws SQLException {
        boolean migrate = uri.booleanOption("migrate", true);
        Optional<SchemaName> configured = schemaOption(uri);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                SchemaName resolved = configured.isPresent() ? configured.get() : currentSchema(s, uri);
                if (schemaExists(s, resolved)) {
                    // nothing to create, so no lock to wait for: a store opening beside a migration is not held up
                } else if (migrate) {
                    PostgresMigrationLock.lock(c, resolved, PostgresMigrationLock.timeout(uri));
                    if (!schemaExists(s, resolved)) {
                        s.execute("CREATE SCHEMA " + resolved.quoted());
                    }
                } else {
                    throw new StoreConfigurationException("The PostgreSQL schema '" + resolved.name() + "' does not exist"
                            + " in " + describe(uri) + " and migrate=false forbids creating it. Open the store once with"
                            + " migrate=true (the default), or run the changelog " + changelog() + " with Liquibase.");
                }
                c.commit();
                schema = resolved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private SchemaName currentSchema(Statement s, StoreUri uri) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT current_schema()")) {
            String name = r.next() ? r.getString(1) : null;
            if (name == null) {
                throw new StoreConfigurationException("The search path of " + describe(uri) + " names no existing"
                        + " schema; name the schema with the 'schema' option");
            }
            return new SchemaName(name);
        }
    }

    private static boolean schemaExists(Statement s, SchemaName schema) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = " + schema.literal())) {
            return r.next();
        }
    }

    /**
     * A transaction-scoped advisory lock per schema, taken at the start of the one transaction the migration
     * runs in: PostgreSQL frees it at commit, at rollback, or if this process dies mid-migration, and it never
     * outlives the transaction, so it holds through a transaction-mode pooler.
     */
    @Override
    public Optional<AutoCloseable> lockMigration(Connection connection, StoreUri uri, Duration timeout)
            throws SQLException {
        return Optional.of(PostgresMigrationLock.take(connection, resolvedSchema(), timeout));
    }

    /** Liquibase's commits become savepoints, so every changeset runs in the locked transaction. */
    @Override
    public Connection migrationConnection(Connection connection) throws SQLException {
        return OneTransactionConnection.wrap(connection, resolvedSchema());
    }

    /**
     * With the {@code schema} option the mapper's schema is known before connecting (it is the one {@link #prepare}
     * resolves), so the core may parse the mapper XML while it connects; without it, only {@code prepare} knows it.
     */
    @Override
    public boolean configuresMapperOffline() {
        return configuredSchema != null;
    }

    @Override
    public Optional<String> schema(StoreUri uri) {
        SchemaName resolved = schema;
        return resolved != null ? Optional.of(resolved.name()) : schemaOption(uri).map(SchemaName::name);
    }

    @Override
    public String changelog() {
        return "dev/threadstore/postgres/changelog.xml";
    }

    @Override
    public String mapperXml() {
        return "dev/threadstore/postgres/ThreadMapper.xml";
    }

    @Override
    public void configure(Configuration configuration) {
        // Parse-time substitution: every ${schema} in the mapper XML becomes this quoted identifier before a
        // statement is built, so no statement carries a runtime placeholder (see SchemaName).
        SchemaName named = configuredSchema;
        configuration.getVariables().setProperty(SCHEMA_OPTION, (named != null ? named : resolvedSchema()).quoted());
        TypeHandlerRegistry registry = configuration.getTypeHandlerRegistry();
        registry.register(java.time.Instant.class, new TimestamptzTypeHandler());
        registry.register(new TextArrayTypeHandler());
        NulSafeStringTypeHandler strings = new NulSafeStringTypeHandler();
        registry.register(String.class, strings);
        for (JdbcType type : NulSafeStringTypeHandler.JDBC_TYPES) {
            registry.register(String.class, type, strings);
        }
    }

    /**
     * One snapshot for every statement of a read: under PostgreSQL's default READ COMMITTED each statement
     * would see the commits made since the previous one, so a thread row and its messages could disagree.
     */
    @Override
    public void beginRead(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    @Override
    public Failure classify(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException
                    ? Failure.TRANSIENT : Failure.OTHER;
        }
        if (state.equals("23505")) {
            return Failure.DUPLICATE_KEY;
        }
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("40001") || state.equals("40P01")
                || state.equals("55P03") || state.equals("53300") || state.equals("53400")) {
            return Failure.TRANSIENT;
        }
        if (state.startsWith("28") || state.equals("3D000") || state.equals("3F000") || state.equals("42501")) {
            return Failure.CONFIGURATION;
        }
        return Failure.OTHER;
    }

    @Override
    public String encodeJson(String json) {
        return NulSafeText.encodeJson(json);
    }

    @Override
    public String decodeJson(String column) {
        return NulSafeText.decodeJson(column);
    }

    private SchemaName resolvedSchema() {
        SchemaName resolved = schema;
        if (resolved == null) {
            throw new IllegalStateException("prepare() resolves the schema before anything uses it");
        }
        return resolved;
    }

    /** @return the validated {@code schema} option, if given */
    static Optional<SchemaName> schemaOption(StoreUri uri) {
        return uri.option(SCHEMA_OPTION).map(value -> SchemaName.fromOption(value, uri.toString()));
    }

    /**
     * @return the {@code pooler} option: {@code none} (default) or {@code pgbouncer}
     * @throws StoreConfigurationException for another value, or for {@code pgbouncer} with pgjdbc's {@code options},
     *     a startup parameter PgBouncer does not pass on
     */
    static Pooler pooler(StoreUri uri) {
        String value = StoreOptions.POOLER.readOrDefault(uri).strip().toLowerCase(java.util.Locale.ROOT);
        Pooler pooler = switch (value) {
            case "none" -> Pooler.NONE;
            case "pgbouncer" -> Pooler.PGBOUNCER;
            default -> throw new StoreConfigurationException("Option 'pooler' must be none or pgbouncer, got '"
                    + uri.option(POOLER_OPTION).orElse("") + "'");
        };
        if (pooler == Pooler.PGBOUNCER && uri.options().containsKey("options")) {
            throw new StoreConfigurationException("Option 'options' cannot be used with pooler=pgbouncer: PgBouncer"
                    + " does not pass that startup parameter to the server (it must be listed in its"
                    + " ignore_startup_parameters, and is then dropped). Set server parameters for the role or the"
                    + " database instead (ALTER ROLE ... SET ...)");
        }
        return pooler;
    }

    /**
     * @return every host of the URL as pgjdbc reads a host list ({@code db1:5432,[::1]:5433}), each with its port
     *     or 5432; {@code localhost} when the URL names none
     */
    static String hostAndPort(StoreUri uri) {
        if (uri.hosts().isEmpty()) {
            return "localhost:" + uri.port().orElse(5432);
        }
        return String.join(",", uri.hosts().stream().map(h -> h.address(5432)).toList());
    }

    private static String encodePath(String database) {
        return java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

}
