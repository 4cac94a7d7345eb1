package dev.threadstore.sql;

import dev.threadstore.StoreConfigurationException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a dialect's Liquibase changelog in-process on the store's pool, or with {@code migrate=false} only checks
 * that no changeset is pending. Liquibase's own lock table makes concurrent starts safe; where the dialect offers a
 * {@linkplain Dialect#lockMigration migration lock} that dies with its process, a Liquibase lock left by a process
 * killed mid-migration is released instead of blocking every later start. Liquibase talks through
 * java.util.logging and a console UI; both are turned down here (WARNING and a logger-backed UI) so that opening
 * a store prints nothing, and its anonymous usage analytics are switched off. A failed run is retried a few
 * times, because stores starting together on an empty database race to create Liquibase's own tables.
 */
final class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    /** Held so that the level set on it is not lost when java.util.logging collects unreferenced loggers. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    static {
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    private static final int MAX_ATTEMPTS = 5;

    private SchemaMigration() {
    }

    /**
     * Migrates or checks the schema.
     *
     * @param migrate whether to run pending changesets
     * @return how many changesets ran
     * @throws StoreConfigurationException if {@code migrate} is false and changesets are pending
     * @throws SQLException if the database fails
     * @throws Exception if Liquibase fails otherwise
     */
    static int run(Dialect dialect, DataSource dataSource, dev.threadstore.spi.StoreUri uri, boolean migrate) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(dialect, dataSource, uri, migrate);
            } catch (StoreConfigurationException e) {
                throw e;
            } catch (Exception e) {
                // Stores starting together on a new database race to create Liquibase's own tables before its
                // lock exists (SQLite answers SQLITE_BUSY_SNAPSHOT, others "already exists"); once one has
                // created them, Liquibase's lock serialises the rest, so a retry succeeds.
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Schema migration of {} failed (attempt {}), retrying: {}", dialect.describe(uri), attempt,
                        e.toString());
                Thread.sleep(50L * attempt);
            }
        }
    }

    private static int runOnce(Dialect dialect, DataSource dataSource, dev.threadstore.spi.StoreUri uri, boolean migrate)
            throws Exception {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put("liquibase.analytics.enabled", Boolean.FALSE);
        // Another store migrating the same database holds Liquibase's lock for a second or so: check every second.
        scope.put("liquibase.changeLogLockPollRate", 1L);
        scope.put(Scope.Attr.classLoader.name(), dialect.getClass().getClassLoader());
        scope.put(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(dialect.getClass().getClassLoader()));
        return Scope.child(scope, () -> {
            try (Connection connection = dataSource.getConnection()) {
                java.util.Optional<AutoCloseable> lock = dialect.lockMigration(connection, uri);
                try {
                    int ran = migrate(dialect, dialect.migrationConnection(connection), uri, migrate, lock.isPresent());
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
        });
    }

    private static int migrate(Dialect dialect, Connection connection, dev.threadstore.spi.StoreUri uri, boolean migrate,
                               boolean exclusive) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        java.util.Optional<String> schema = dialect.schema(uri);
        if (schema.isPresent()) {
            database.setDefaultSchemaName(schema.get());
            database.setLiquibaseSchemaName(schema.get());
        }
        Liquibase liquibase = new Liquibase(dialect.changelog(),
                new ClassLoaderResourceAccessor(dialect.getClass().getClassLoader()), database);
        List<ChangeSet> pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression());
        if (pending.isEmpty()) {
            LOG.debug("{} schema of {} is up to date", dialect.name(), dialect.describe(uri));
            return 0;
        }
        if (!migrate) {
            throw new StoreConfigurationException("The " + dialect.name() + " schema of " + dialect.describe(uri)
                    + " is behind: " + pending.size() + " changeset(s) pending ("
                    + String.join(", ", pending.stream().map(ChangeSet::getId).toList())
                    + ") and migrate=false forbids running them. Open it once with migrate=true (the default),"
                    + " or run the changelog " + dialect.changelog() + " with Liquibase.");
        }
        LOG.info("Migrating the {} schema of {}: {} changeset(s)", dialect.name(), dialect.describe(uri),
                pending.size());
        if (exclusive) {
            releaseLeftoverLock(dialect, uri, database);
        }
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, dialect.changelog())
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                .setOutput(OutputStream.nullOutputStream())
                .execute();
        return pending.size();
    }

    /** Called only while the dialect's migration lock is held: a taken Liquibase lock is then a dead process's. */
    private static void releaseLeftoverLock(Dialect dialect, dev.threadstore.spi.StoreUri uri, Database database)
            throws Exception {
        LockService locks = LockServiceFactory.getInstance().getLockService(database);
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
}
