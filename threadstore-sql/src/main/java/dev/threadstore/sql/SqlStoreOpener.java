package dev.threadstore.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStoreException;
import dev.threadstore.spi.Retention;
import dev.threadstore.spi.StoreOptions;
import dev.threadstore.spi.StoreUri;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link SqlThreadStore}, failing fast: reads the options, builds the primary pool (and the read
 * replica's when the dialect configures one), connects, migrates or checks the schema, loads the mapper XML into
 * a MyBatis session factory and runs a first statement on each pool, all before it returns. Whatever fails is
 * one {@link StoreConfigurationException} or {@link StoreUnavailableException} naming the database, and every
 * pool opened so far is closed again.
 */
final class SqlStoreOpener {

    private static final Logger LOG = LoggerFactory.getLogger(SqlStoreOpener.class);

    private SqlStoreOpener() {
    }

    /** See {@link SqlThreadStore#open(Dialect, StoreUri, Clock)}. */
    static SqlThreadStore open(Dialect dialect, StoreUri uri, Clock clock) {
        // The slow pieces that need nothing from the URL start first, on daemon threads of their own, and overlap
        // with reading the options and setting up the pool: the dialect's (SQLite: the driver's native library) and
        // the bare MyBatis configuration.
        dialect.preload();
        MapperParse parse = MapperParse.start(dialect);
        int poolSize;
        int maxOverflow;
        boolean echo;
        boolean migrate;
        Duration migrationLockTimeout;
        ReadCache cache;
        Retention retention;
        HikariConfig config;
        String where;
        try {
            StoreOptions.requireKnown(uri, dialect.backend(), dialect.name());
            poolSize = StoreOptions.POOL_SIZE.readOrDefault(uri);
            maxOverflow = StoreOptions.MAX_OVERFLOW.readOrDefault(uri);
            long poolTimeout = StoreOptions.POOL_TIMEOUT.readOrDefault(uri);
            echo = StoreOptions.ECHO.readOrDefault(uri);
            migrate = StoreOptions.MIGRATE.readOrDefault(uri);
            migrationLockTimeout = Duration.ofSeconds(StoreOptions.MIGRATION_LOCK_TIMEOUT.readOrDefault(uri));
            cache = StoreOptions.CACHE.read(uri).map(ReadCache::from).orElse(ReadCache.NONE);
            retention = Retention.from(uri);

            config = new HikariConfig();
            config.setPoolName("threadstore-" + dialect.name().toLowerCase(Locale.ROOT));
            config.setMaximumPoolSize(poolSize + maxOverflow);
            config.setMinimumIdle(Math.min(poolSize, poolSize + maxOverflow));
            config.setConnectionTimeout(poolTimeout * 1000);
            config.setInitializationFailTimeout(1);
            config.setAutoCommit(true);
            dialect.configure(config, uri);

            where = dialect.name() + " database " + dialect.describe(uri);
            if (!migrate && !dialect.mayExist(uri)) {
                throw SchemaMigration.missingDatabase(dialect, uri);
            }
        } catch (RuntimeException | Error e) {
            parse.cancel();
            throw e;
        }
        if (dialect.configuresMapperOffline()) {
            parse.proceed();
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            parse.cancel();
            throw openFailure(dialect, where, "connect to", e);
        } catch (Error e) {
            parse.cancel();
            throw e;
        }
        HikariDataSource replicas = null;
        try {
            dialect.prepare(dataSource, uri);
            parse.proceed();
            int ran = migrateOrCheck(dialect, dataSource, uri, migrate, migrationLockTimeout);
            SqlSessionFactory factory = parse.sessionFactory(dataSource, dialect, echo);
            replicas = openReplicaPool(dialect, uri, config);
            SqlTransactions transactions = new SqlTransactions(dialect, uri, factory, dataSource, replicas);
            transactions.transaction(false, "check", null, (session, mapper) -> firstStatement(mapper));
            transactions.replicaRead("run the first read on the read replica (readUrl) of the store",
                    (session, mapper) -> firstStatement(mapper));
            LOG.debug("Opened {} ({} changeset(s) ran, pool {}+{}{})", where, ran, poolSize, maxOverflow,
                    replicas == null ? "" : ", read replica pool");
            return new SqlThreadStore(dialect, uri, transactions, cache, clock, retention);
        } catch (Exception e) {
            parse.cancel();
            if (replicas != null) {
                replicas.close();
            }
            dataSource.close();
            throw openFailure(dialect, where, "open", e);
        } catch (Error e) {
            parse.cancel();
            throw e;
        }
    }

    /** See {@link SqlThreadStore#open(Dialect, DataSource, Map, Clock)}. */
    static SqlThreadStore openOnApplicationPool(Dialect dialect, DataSource dataSource, Map<String, String> options,
                                                Clock clock) {
        MapperParse parse = MapperParse.start(dialect);
        try {
            ApplicationPool pool = ApplicationPool.inspect(dialect, dataSource, options);
            StoreUri uri = pool.uri();
            boolean echo = StoreOptions.ECHO.readOrDefault(uri);
            boolean migrate = StoreOptions.MIGRATE.readOrDefault(uri);
            Duration migrationLockTimeout = Duration.ofSeconds(StoreOptions.MIGRATION_LOCK_TIMEOUT.readOrDefault(uri));
            ReadCache cache = StoreOptions.CACHE.read(uri).map(ReadCache::from).orElse(ReadCache.NONE);
            Retention retention = Retention.from(uri);
            String where = dialect.name() + " database " + dialect.describe(uri) + " (the application's DataSource)";
            if (dialect.configuresMapperOffline()) {
                parse.proceed();
            }
            try {
                dialect.prepare(dataSource, uri);
                parse.proceed();
                int ran = migrateOrCheck(dialect, dataSource, uri, migrate, migrationLockTimeout);
                SqlSessionFactory factory = parse.sessionFactory(dataSource, dialect, echo);
                SqlTransactions transactions = SqlTransactions.onApplicationPool(dialect, uri, factory, dataSource);
                transactions.transaction(false, "check", null, (session, mapper) -> firstStatement(mapper));
                LOG.debug("Opened {} ({} changeset(s) ran)", where, ran);
                return new SqlThreadStore(dialect, uri, transactions, cache, clock, retention);
            } catch (Exception e) {
                throw openFailure(dialect, where, "open", e);
            }
        } catch (RuntimeException | Error e) {
            parse.cancel();
            throw e;
        }
    }

    /**
     * Skips Liquibase when the schema's history already records exactly this release's changesets and no migration
     * holds its lock ({@link ChangeSetChecksums#recorded}, one statement); otherwise runs {@link SchemaMigration}.
     *
     * @return how many changesets ran
     */
    private static int migrateOrCheck(Dialect dialect, DataSource dataSource, StoreUri uri, boolean migrate,
                                      Duration lockTimeout) throws Exception {
        if (ChangeSetChecksums.recorded(dialect, dataSource, uri)) {
            LOG.debug("{} schema of {} is up to date (recorded changesets match)", dialect.name(), dialect.describe(uri));
            return 0;
        }
        return SchemaMigration.run(dialect, dataSource, uri, migrate, lockTimeout);
    }

    /**
     * The statement an open runs on each pool before it returns: a primary-key probe of a thread id that cannot exist,
     * which checks the connection and the thread table's columns, and is static SQL (no OGNL set up for it).
     *
     * @return true when no such thread exists, as always
     */
    private static boolean firstStatement(ThreadMapper mapper) {
        return mapper.probeThread("") == null;
    }

    /** @return the read replica's pool, connected, when the dialect configures one; null otherwise */
    private static @Nullable HikariDataSource openReplicaPool(Dialect dialect, StoreUri uri, HikariConfig primary) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(primary.getPoolName() + "-replica");
        config.setMaximumPoolSize(primary.getMaximumPoolSize());
        config.setMinimumIdle(primary.getMinimumIdle());
        config.setConnectionTimeout(primary.getConnectionTimeout());
        config.setInitializationFailTimeout(1);
        config.setAutoCommit(true);
        config.setReadOnly(true);
        if (!dialect.configureReadReplica(config, uri)) {
            return null;
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw openFailure(dialect, "read replica (readUrl) " + config.getJdbcUrl().replaceFirst("^jdbc:[a-z]+://", ""),
                    "connect to", e);
        }
    }

    private static RuntimeException openFailure(Dialect dialect, String where, String action, Exception e) {
        if (e instanceof StoreConfigurationException || e instanceof StoreUnavailableException) {
            return (RuntimeException) e;
        }
        SQLException sql = SqlTransactions.sqlCause(e);
        Dialect.Failure failure = sql == null ? Dialect.Failure.CONFIGURATION : SqlTransactions.classify(dialect, sql);
        String reason = sql != null ? sql.getMessage() : e.getMessage();
        if (e instanceof ThreadStoreException && sql == null) {
            return (RuntimeException) e;
        }
        String message = "Cannot " + action + " the " + where + ": " + reason;
        if (failure == Dialect.Failure.TRANSIENT) {
            return new StoreUnavailableException(message + ". Check that the database is running and reachable, then retry.", e);
        }
        return new StoreConfigurationException(message + ". Check the URL, the path or credentials, and the permissions.", e);
    }

    /**
     * The MyBatis configuration built from the mapper XML ({@link MapperXml}): a large part of an open's CPU once
     * Liquibase is skipped, so it is built on a thread of its own (a daemon, with the opening thread's context class
     * loader), started before anything else of the open. That thread first makes the bare {@link Configuration} (settings, type aliases),
     * which needs nothing from the dialect or the URL, then waits for {@link #proceed()} before it runs the
     * dialect's {@link Dialect#configure(Configuration)} and loads the XML. The opening thread calls
     * {@code proceed()} once the options are checked when the dialect configures MyBatis offline
     * ({@link Dialect#configuresMapperOffline()}), else once {@link Dialect#prepare} has run; the parse then overlaps
     * with connecting (offline) or with the schema check. Every path that fails before
     * {@link #sessionFactory} calls {@link #cancel()}, which ends the thread.
     */
    private static final class MapperParse {
        private final FutureTask<Configuration> task;
        private final CountDownLatch go = new CountDownLatch(1);

        private MapperParse(Dialect dialect) {
            this.task = new FutureTask<>(() -> {
                Configuration configuration = MapperXml.bareConfiguration();
                go.await();
                return MapperXml.configure(configuration, dialect);
            });
        }

        static MapperParse start(Dialect dialect) {
            MapperParse parse = new MapperParse(dialect);
            Thread thread = new Thread(parse.task, "threadstore-open-" + dialect.name().toLowerCase(Locale.ROOT));
            thread.setDaemon(true);
            thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            thread.start();
            return parse;
        }

        /** Lets the thread go on to the dialect's configuration and the XML; later calls do nothing. */
        void proceed() {
            go.countDown();
        }

        SqlSessionFactory sessionFactory(DataSource dataSource, Dialect dialect, boolean echo) throws Exception {
            proceed();
            Configuration configuration;
            try {
                configuration = task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("Interrupted while opening the " + dialect.name()
                        + " store; it was not opened.", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            if (echo) {
                configuration.addInterceptor(new EchoInterceptor());
            }
            configuration.setEnvironment(new Environment("threadstore", new JdbcTransactionFactory(), dataSource));
            return new DefaultSqlSessionFactory(configuration);
        }

        /** Ends the thread: at once while it waits for {@link #proceed()}, else at its next interruptible step. */
        void cancel() {
            task.cancel(true);
        }
    }
}
