package dev.threadstore.sql;

import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.spi.SchemaStatus;
import dev.threadstore.spi.StoreUri;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.GlobalConfiguration;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.parser.core.xml.XMLChangeLogSAXParser;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.snapshot.SnapshotGeneratorFactory;
import liquibase.ui.LoggerUIService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a dialect's Liquibase changelog in-process on the store's pool, or with {@code migrate=false} only checks,
 * reading and never writing, that no changeset is pending.
 *
 * <p>Design notes. A migration runs under the dialect's {@linkplain Dialect#lockMigration migration lock}, which
 * dies with its process and whose wait is bounded by {@code migrationLockTimeout}. Under it, Liquibase's own
 * tables are created through Liquibase's API (its lock service and change-log history service), one process at a
 * time, and a Liquibase lock left taken by a process killed mid-migration is released instead of blocking every
 * later start. Liquibase's logging and console output go, for each run only, to SLF4J and a logger-backed UI, so
 * opening a store prints nothing and no global logging setting changes; its anonymous usage analytics are off. A
 * failed run is retried a few times only when the failure may be transient (busy database, lost connection, a race
 * to create the same table); bad credentials, a missing database or a denied permission fail at once.
 */
final class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private static final int MAX_ATTEMPTS = 5;

    private SchemaMigration() {
    }

    /**
     * Migrates or checks the schema.
     *
     * @param migrate whether to run pending changesets
     * @param lockTimeout how long to wait for another process's migration lock
     * @return how many changesets ran
     * @throws StoreConfigurationException if {@code migrate} is false and changesets are pending
     * @throws StoreUnavailableException if the migration lock is not granted in time, or the thread is interrupted
     * @throws SQLException if the database fails
     * @throws Exception if Liquibase fails otherwise
     */
    static int run(Dialect dialect, DataSource dataSource, StoreUri uri, boolean migrate, Duration lockTimeout)
            throws Exception {
        if (!migrate) {
            inScope(dialect, lockTimeout, () -> {
                check(dialect, dataSource, uri);
                return 0;
            });
            return 0;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return inScope(dialect, lockTimeout, () -> migrateOnce(dialect, dataSource, uri, lockTimeout));
            } catch (StoreConfigurationException | StoreUnavailableException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= MAX_ATTEMPTS || !mayBeTransient(dialect, e)) {
                    throw e;
                }
                LOG.debug("Schema migration of {} failed (attempt {}), retrying: {}", dialect.describe(uri), attempt,
                        e.toString());
                pause(50L * attempt, dialect, uri);
            }
        }
    }

    /**
     * The error for a database known to be missing with {@code migrate=false}, listing every changeset of the
     * dialect's changelog as pending. Reads only the changelog on the class path.
     */
    static StoreConfigurationException missingDatabase(Dialect dialect, StoreUri uri) {
        String pending;
        try {
            pending = inScope(dialect, Duration.ofSeconds(1), () -> {
                ResourceAccessor accessor = accessor(dialect);
                List<ChangeSet> all = ChangeLogParserFactory.getInstance().getParser(dialect.changelog(), accessor)
                        .parse(dialect.changelog(), new ChangeLogParameters(), accessor).getChangeSets();
                return ids(all);
            });
        } catch (Exception e) {
            pending = "every changeset of " + dialect.changelog();
        }
        return new StoreConfigurationException("The " + dialect.name() + " database " + dialect.describe(uri)
                + " does not exist, and migrate=false forbids creating it; its whole schema is missing (pending: "
                + pending + "). Open it once with migrate=true (the default), or run the changelog "
                + dialect.changelog() + " with Liquibase.");
    }

    /**
     * Lists the changesets that have run and the pending ones, without writing: no Liquibase table is created, no
     * lock taken. A database without Liquibase's history table has every changeset pending.
     */
    static SchemaStatus status(Dialect dialect, DataSource dataSource, StoreUri uri) throws Exception {
        return inScope(dialect, Duration.ofSeconds(1), () -> {
            try (Connection connection = dataSource.getConnection()) {
                Database database = database(dialect, connection, uri);
                Liquibase liquibase = new Liquibase(dialect.changelog(), accessor(dialect), database);
                List<ChangeSet> all = liquibase.getDatabaseChangeLog().getChangeSets();
                List<ChangeSet> pending = SnapshotGeneratorFactory.getInstance().hasDatabaseChangeLogTable(database)
                        ? liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression(), false) : all;
                Set<String> unrun = new HashSet<>();
                pending.forEach(c -> unrun.add(c.getId()));
                List<String> applied = all.stream().map(ChangeSet::getId).filter(id -> !unrun.contains(id)).toList();
                return new SchemaStatus(dialect.changelog(), applied, pending.stream().map(ChangeSet::getId).toList());
            }
        });
    }

    /** Every changeset of the dialect's changelog, read from the class path only. */
    static List<String> allChangeSets(Dialect dialect) throws Exception {
        return inScope(dialect, Duration.ofSeconds(1), () -> {
            ResourceAccessor accessor = accessor(dialect);
            return ChangeLogParserFactory.getInstance().getParser(dialect.changelog(), accessor)
                    .parse(dialect.changelog(), new ChangeLogParameters(), accessor).getChangeSets().stream()
                    .map(ChangeSet::getId).toList();
        });
    }

    /**
     * What {@code DATABASECHANGELOG} holds once every changeset of the dialect's changelog has run, read from the
     * class path only: per changeset, in changelog order, {@link ChangeSetChecksums#line} of its id, author, file
     * path and the checksum this Liquibase records.
     */
    static List<String> recordedChangeSets(Dialect dialect) throws Exception {
        return inScope(dialect, Duration.ofSeconds(1), () -> {
            ResourceAccessor accessor = accessor(dialect);
            List<String> lines = new java.util.ArrayList<>();
            for (ChangeSet c : ChangeLogParserFactory.getInstance().getParser(dialect.changelog(), accessor)
                    .parse(dialect.changelog(), new ChangeLogParameters(), accessor).getChangeSets()) {
                lines.add(ChangeSetChecksums.line(c.getId(), c.getAuthor(), c.getFilePath(),
                        c.generateCheckSum(liquibase.ChecksumVersion.latest()).toString()));
            }
            return lines;
        });
    }

    /** Checks without writing: no Liquibase table is created, no lock taken. */
    private static void check(Dialect dialect, DataSource dataSource, StoreUri uri) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Database database = database(dialect, connection, uri);
            Liquibase liquibase = new Liquibase(dialect.changelog(), accessor(dialect), database);
            List<ChangeSet> pending;
            if (SnapshotGeneratorFactory.getInstance().hasDatabaseChangeLogTable(database)) {
                pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression(), false);
            } else {
                pending = liquibase.getDatabaseChangeLog().getChangeSets();
            }
            if (!pending.isEmpty()) {
                throw new StoreConfigurationException("The " + dialect.name() + " schema of " + dialect.describe(uri)
                        + " is " + (hasNoHistory(database) ? "missing" : "behind") + ": " + pending.size()
                        + " changeset(s) pending (" + ids(pending) + ") and migrate=false forbids running them."
                        + " Open it once with migrate=true (the default), or run the changelog "
                        + dialect.changelog() + " with Liquibase.");
            }
            LOG.debug("{} schema of {} is up to date", dialect.name(), dialect.describe(uri));
        }
    }

    private static boolean hasNoHistory(Database database) {
        try {
            return !SnapshotGeneratorFactory.getInstance().hasDatabaseChangeLogTable(database);
        } catch (Exception e) {
            return false;
        }
    }

    private static int migrateOnce(Dialect dialect, DataSource dataSource, StoreUri uri, Duration lockTimeout)
            throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Optional<AutoCloseable> lock = dialect.lockMigration(connection, uri, lockTimeout);
            try {
                int ran = migrate(dialect, dialect.migrationConnection(connection), uri, lock.isPresent());
                if (!connection.getAutoCommit()) {
                    connection.commit();    // what the migration left open: all of it, for a one-transaction lock
                }
                return ran;
            } finally {
                if (lock.isPresent()) {
                    lock.get().close();
                }
            }
        }
    }

    private static int migrate(Dialect dialect, Connection connection, StoreUri uri, boolean exclusive)
            throws Exception {
        Database database = database(dialect, connection, uri);
        if (exclusive) {
            // Liquibase creates its tables before it takes its lock; under ours, one process at a time does.
            LockService locks = LockServiceFactory.getInstance().getLockService(database);
            locks.init();
            ChangeLogHistoryServiceFactory.getInstance().getChangeLogService(database).init();
            releaseLeftoverLock(dialect, uri, locks);
        }
        DatabaseChangeLog changeLog = parseOnce(dialect, database);
        Liquibase liquibase = new Liquibase(changeLog, accessor(dialect), database);
        List<ChangeSet> pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression());
        if (pending.isEmpty()) {
            LOG.debug("{} schema of {} is up to date", dialect.name(), dialect.describe(uri));
            return 0;
        }
        LOG.info("Migrating the {} schema of {}: {} changeset(s)", dialect.name(), dialect.describe(uri),
                pending.size());
        try {
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, dialect.changelog())
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_ARG, changeLog)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                    .setOutput(OutputStream.nullOutputStream())
                    .execute();
        } catch (Exception e) {
            LockException lock = cause(e, LockException.class);
            if (lock != null && !exclusive) {
                throw new StoreUnavailableException("Another process holds the Liquibase lock of the "
                        + dialect.name() + " database " + dialect.describe(uri) + " (" + lock.getMessage()
                        + "); waited the migrationLockTimeout. Retry once it has finished, or release the lock"
                        + " if that process is gone.", e);
            }
            throw e;
        }
        return pending.size();
    }

    /**
     * The dialect's changelog, parsed once for both the pending list and the update (Liquibase would otherwise parse
     * it twice, compiling its XSD each time). The parser is an instance of this migration's own, made with
     * {@code liquibase.validateXmlChangelogFiles} off in a scope around its construction only: the changelog is
     * this release's class-path resource, validated against the XSD by the dialect modules' tests
     * ({@link ChangeSetChecksums#generate} parses it through Liquibase's shared, validating parser), and Liquibase's
     * shared parser, which the application's own changelogs may use, is left as it is.
     */
    private static DatabaseChangeLog parseOnce(Dialect dialect, Database database) throws Exception {
        XMLChangeLogSAXParser parser = Scope.child(
                Map.of(GlobalConfiguration.VALIDATE_XML_CHANGELOG_FILES.getKey(), Boolean.FALSE),
                XMLChangeLogSAXParser::new);
        return parser.parse(dialect.changelog(), new ChangeLogParameters(database), accessor(dialect));
    }

    /** Called only while the dialect's migration lock is held: a taken Liquibase lock is then a dead process's. */
    private static void releaseLeftoverLock(Dialect dialect, StoreUri uri, LockService locks) throws Exception {
        String holder;
        try {
            DatabaseChangeLogLock[] taken = locks.listLocks();
            holder = taken.length == 0 ? null : taken[0].getLockedBy() + " at " + taken[0].getLockGranted();
        } catch (Exception e) {
            // Liquibase cannot read back the lock time that some drivers (sqlite-jdbc) return as text:
            // it only fails to list a lock that is taken.
            holder = "a process Liquibase cannot describe";
        }
        if (holder != null) {
            LOG.warn("Releasing the Liquibase lock on {} taken by {}: that process stopped mid-migration",
                    dialect.describe(uri), holder);
            locks.forceReleaseLock();
        }
    }

    private static Database database(Dialect dialect, Connection connection, StoreUri uri) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Optional<String> schema = dialect.schema(uri);
        if (schema.isPresent()) {
            database.setDefaultSchemaName(schema.get());
            database.setLiquibaseSchemaName(schema.get());
        }
        return database;
    }

    private static ResourceAccessor accessor(Dialect dialect) {
        return new ClassLoaderResourceAccessor(dialect.getClass().getClassLoader());
    }

    /** Runs Liquibase work in a scope of its own: its logging, UI, class loader and lock wait for this run only. */
    private static <T> T inScope(Dialect dialect, Duration lockTimeout, Scope.ScopedRunnerWithReturn<T> work)
            throws Exception {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.logService.name(), new LiquibaseLogService());
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put("liquibase.analytics.enabled", Boolean.FALSE);
        // Another store migrating the same database holds Liquibase's lock for a second or so: check every second.
        scope.put("liquibase.changeLogLockPollRate", 1L);
        scope.put("liquibase.changeLogLockWaitTimeInMinutes", Math.max(1L, (lockTimeout.toSeconds() + 59) / 60));
        scope.put(Scope.Attr.classLoader.name(), dialect.getClass().getClassLoader());
        scope.put(Scope.Attr.resourceAccessor.name(), accessor(dialect));
        return Scope.child(scope, work);
    }

    /** Whether a retry may succeed: never for a configuration failure (credentials, missing database, permission). */
    private static boolean mayBeTransient(Dialect dialect, Exception e) {
        SQLException sql = cause(e, SQLException.class);
        if (sql == null) {
            return false;
        }
        Dialect.Failure failure = sql instanceof java.sql.SQLTransientException
                ? Dialect.Failure.TRANSIENT : dialect.classify(sql);
        return failure == Dialect.Failure.TRANSIENT || failure == Dialect.Failure.DUPLICATE_KEY
                || String.valueOf(sql.getMessage()).contains("already exists");
    }

    private static void pause(long millis, Dialect dialect, StoreUri uri) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while migrating the " + dialect.name() + " schema of "
                    + dialect.describe(uri) + "; the store was not opened.", e);
        }
    }

    private static <T extends Throwable> @Nullable T cause(Throwable e, Class<T> type) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String ids(List<ChangeSet> changeSets) {
        return String.join(", ", changeSets.stream().map(ChangeSet::getId).toList());
    }
}
