package dev.threadstore.postgres;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandlerRegistry;

/**
 * PostgreSQL for the SQL core: pgjdbc behind HikariCP, {@code jsonb} columns with GIN
 * ({@code jsonb_path_ops}) indexes that serve attribute and source queries by containment,
 * {@code timestamptz}, {@code SELECT … FOR UPDATE} on the thread row to serialise writers of a
 * thread, and read-only REPEATABLE READ transactions so that a read sees one snapshot. The {@code schema} option names a schema that is created when missing and becomes the
 * connections' search path, so Liquibase and every statement work in it. PostgreSQL cannot store
 * U+0000, so every bound and read string goes through {@link NulSafeText} (in
 * {@link NulSafeStringTypeHandler}, which covers ids and source names as well, so the core's
 * {@code encodeText} hook stays the identity) and every JSON column through its JSON form. Start-up is safe when several
 * processes open the same empty schema at once: the schema and Liquibase's two tables are created
 * under a transaction-scoped advisory lock (see {@link #prepare}).
 */
final class PostgresDialect implements Dialect {

    /** pgjdbc connection properties a URL may pass through unchanged. */
    static final Set<String> DRIVER_OPTIONS = Set.of(
            "sslmode", "sslrootcert", "sslcert", "sslkey", "sslNegotiation", "channelBinding", "gssEncMode",
            "connectTimeout", "socketTimeout", "loginTimeout", "cancelSignalTimeout", "tcpKeepAlive",
            "ApplicationName", "targetServerType", "loadBalanceHosts", "hostRecheckSeconds",
            "prepareThreshold", "reWriteBatchedInserts", "options");

    static final String SCHEMA_OPTION = "schema";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Set<String> OPTIONS;

    static {
        Set<String> options = new LinkedHashSet<>(DRIVER_OPTIONS);
        options.add(SCHEMA_OPTION);
        OPTIONS = Set.copyOf(options);
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String describe(StoreUri uri) {
        return hostAndPort(uri) + "/" + uri.database();
    }

    @Override
    public Set<String> options() {
        return OPTIONS;
    }

    @Override
    public void configure(HikariConfig config, StoreUri uri) {
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
        schemaName(uri).ifPresent(schema -> config.addDataSourceProperty("currentSchema", schema));
    }

    /**
     * Creates the schema and Liquibase's two tables when they are missing, under a transaction-scoped
     * advisory lock. Liquibase creates its tables before it takes its own lock, so two processes starting
     * on an empty schema would both try; created here, one process at a time, they already exist when
     * Liquibase looks, and its lock then lets exactly one process migrate. Only what is missing is created,
     * so a role without CREATE privilege can open a schema that someone else has set up.
     */
    @Override
    public void prepare(DataSource dataSource, StoreUri uri) throws SQLException {
        Optional<String> schema = schemaName(uri);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('threadstore migration ' || "
                        + (schema.isPresent() ? quoteLiteral(schema.get()) : "current_schema()") + "))");
                if (schema.isPresent() && !exists(s, "SELECT 1 FROM pg_namespace WHERE nspname = "
                        + quoteLiteral(schema.get()))) {
                    s.execute("CREATE SCHEMA " + quoteIdentifier(schema.get()));
                }
                if (!exists(s, "SELECT 1 WHERE to_regclass(quote_ident(current_schema()) || '.databasechangeloglock') "
                        + "IS NOT NULL")) {
                    s.execute("CREATE TABLE databasechangeloglock (id INTEGER NOT NULL, "
                            + "locked BOOLEAN NOT NULL, lockgranted TIMESTAMP WITHOUT TIME ZONE, lockedby VARCHAR(255), "
                            + "CONSTRAINT databasechangeloglock_pkey PRIMARY KEY (id))");
                    s.execute("INSERT INTO databasechangeloglock (id, locked) VALUES (1, FALSE)");
                }
                if (!exists(s, "SELECT 1 WHERE to_regclass(quote_ident(current_schema()) || '.databasechangelog') "
                        + "IS NOT NULL")) {
                    s.execute("CREATE TABLE databasechangelog (id VARCHAR(255) NOT NULL, "
                            + "author VARCHAR(255) NOT NULL, filename VARCHAR(255) NOT NULL, "
                            + "dateexecuted TIMESTAMP WITHOUT TIME ZONE NOT NULL, orderexecuted INTEGER NOT NULL, "
                            + "exectype VARCHAR(10) NOT NULL, md5sum VARCHAR(35), description VARCHAR(255), "
                            + "comments VARCHAR(255), tag VARCHAR(255), liquibase VARCHAR(20), contexts VARCHAR(255), "
                            + "labels VARCHAR(255), deployment_id VARCHAR(10))");
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (java.sql.ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }

    /**
     * A session advisory lock per schema: PostgreSQL frees it if this process dies mid-migration. The wait is not
     * bounded by {@code timeout} yet.
     */
    @Override
    public Optional<AutoCloseable> lockMigration(Connection connection, StoreUri uri, java.time.Duration timeout)
            throws SQLException {
        return Optional.of(PostgresMigrationLock.take(connection, schemaName(uri).orElse(null)));
    }

    @Override
    public Optional<String> schema(StoreUri uri) {
        return schemaName(uri);
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

    static Optional<String> schemaName(StoreUri uri) {
        Optional<String> schema = uri.option(SCHEMA_OPTION);
        if (schema.isPresent() && !SCHEMA_NAME.matcher(schema.get()).matches()) {
            throw new StoreConfigurationException("Option 'schema' must be a lower-case PostgreSQL identifier "
                    + "(letters a-z, digits and '_', not starting with a digit, at most 63 characters), got '"
                    + schema.get() + "' in " + uri);
        }
        return schema;
    }

    private static String hostAndPort(StoreUri uri) {
        String host = uri.host().orElse("localhost");
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + uri.port().orElse(5432);
    }

    private static String encodePath(String database) {
        return java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
