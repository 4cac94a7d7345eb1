package dev.threadstore.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/**
 * The cold-open floors of the components DESIGN.md chooses for the SQL backends, with none of threadstore's own code:
 * what any store built on them starts in a fresh JVM before its first read ({@link #read}) or its first schema
 * ({@link #createSqlite}). {@link ColdOpen} times them beside the store.
 */
final class StackFloor {

    /** The statement the MyBatis configuration holds: the thread row's primary-key probe, as the store's open runs. */
    private static final String PROBE = "SELECT version FROM threads WHERE id = #{id}";

    private static final String SQLITE_CHANGELOG = "dev/threadstore/sqlite/changelog.xml";

    private StackFloor() {
    }

    /**
     * Opens a HikariCP pool of one connection over {@code driver}, builds a MyBatis configuration of one statement
     * and runs it, then reads the thread as the bare driver's floor does ({@link JdbcFloor#read}) on the pool.
     *
     * @param driver the bare driver's data source
     * @param kind the database
     * @param threadId a thread that exists
     * @throws IllegalStateException when the thread is not there
     */
    static void read(DataSource driver, SqlKind kind, String threadId) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setPoolName("stack-floor");
        config.setDataSource(driver);
        config.setMaximumPoolSize(1);
        config.setInitializationFailTimeout(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Configuration mybatis = new Configuration(new Environment("floor", new JdbcTransactionFactory(), pool));
            ResultMap row = new ResultMap.Builder(mybatis, "row", HashMap.class, List.of()).build();
            mybatis.addMappedStatement(new MappedStatement.Builder(mybatis, "probe",
                    new RawSqlSource(mybatis, PROBE, String.class), SqlCommandType.SELECT)
                    .resultMaps(List.of(row)).build());
            SqlSessionFactory sessions = new DefaultSqlSessionFactory(mybatis);
            try (SqlSession session = sessions.openSession()) {
                if (session.selectList("probe", threadId).size() != 1) {
                    throw new IllegalStateException("thread " + threadId + " not found by the probe");
                }
            }
            new JdbcFloor(pool, kind).read(threadId);
        }
    }

    /**
     * Runs Liquibase's update of threadstore's SQLite changelog on a connection of the bare driver: a new file gets
     * the whole schema, as a store's first open gives it.
     *
     * @param driver the bare driver's data source, on a file that does not exist yet
     */
    static void createSqlite(DataSource driver) throws Exception {
        try (Connection connection = driver.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // the store's own scope settings: no console output, no usage analytics
            Map<String, Object> scope = new HashMap<>();
            scope.put(Scope.Attr.ui.name(), new LoggerUIService());
            scope.put("liquibase.analytics.enabled", Boolean.FALSE);
            scope.put(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor());
            Scope.child(scope, () -> {
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, SQLITE_CHANGELOG)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                        .execute();
            });
        }
    }
}
