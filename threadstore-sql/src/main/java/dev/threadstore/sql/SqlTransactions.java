package dev.threadstore.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.StorageException;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.spi.StoreUri;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where every statement of a store runs: units of work in one transaction on one pooled connection (begun and
 * ended by the dialect), single read statements in auto-commit mode, and lagging reads on the read replica's
 * pool. SQL failures are translated here, once, into the store's own exceptions with the cause kept: the
 * dialect classifies them (busy or unreachable, misconfigured, duplicate key, other).
 */
final class SqlTransactions {

    /** One unit of work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(SqlSession session, ThreadMapper mapper) throws SQLException;
    }

    /** One unit of work of a single statement. */
    @FunctionalInterface
    interface Read<T> {
        T run(ThreadMapper mapper) throws SQLException;
    }

    private final Dialect dialect;
    private final StoreUri uri;
    private final SqlSessionFactory factory;
    private final DataSource primary;
    /** Whether {@link #close()} closes the primary: false for a pool the application owns. */
    private final boolean ownsPrimary;
    /** The read replica's pool ({@link Dialect#configureReadReplica}), or null: every read on the primary. */
    private final @Nullable HikariDataSource replicas;
    /** Prepared write statements kept between write transactions, when the dialect asks for it; else null. */
    private volatile @Nullable StatementReuse reuse;

    SqlTransactions(Dialect dialect, StoreUri uri, SqlSessionFactory factory, HikariDataSource primary,
                    @Nullable HikariDataSource replicas) {
        this(dialect, uri, factory, primary, true, replicas);
    }

    /** Transactions on a pool the application owns: {@link #close()} leaves it open. */
    static SqlTransactions onApplicationPool(Dialect dialect, StoreUri uri, SqlSessionFactory factory, DataSource pool) {
        return new SqlTransactions(dialect, uri, factory, pool, false, null);
    }

    private SqlTransactions(Dialect dialect, StoreUri uri, SqlSessionFactory factory, DataSource primary,
                            boolean ownsPrimary, @Nullable HikariDataSource replicas) {
        this.dialect = dialect;
        this.uri = uri;
        this.factory = factory;
        this.primary = primary;
        this.ownsPrimary = ownsPrimary;
        this.replicas = replicas;
    }

    /** @return the primary's pool */
    DataSource dataSource() {
        return primary;
    }

    /** @return the MyBatis session factory */
    SqlSessionFactory factory() {
        return factory;
    }

    /** @return whether reads that may lag go to a read replica */
    boolean hasReplicas() {
        return replicas != null;
    }

    /**
     * Runs work in one transaction on one connection: a write with the batch executor between
     * {@link Dialect#beginWrite} and {@link Dialect#commit}, a read between {@link Dialect#beginRead} and commit.
     * Anything thrown rolls back; SQL failures are translated, threadstore exceptions pass through.
     */
    <T> T transaction(boolean write, String operation, @Nullable String threadId, Work<T> work) {
        return transaction(primary, write, operation, threadId, work);
    }

    /**
     * Runs a read that may lag behind the primary (a listing, a query, a count, a summary) in one read transaction
     * on the read replica's pool when the store has one, else as {@link #transaction} does on the primary. Never for
     * a read a write depends on, nor for {@code get}, which must see the caller's own writes.
     */
    <T> T replicaRead(String operation, Work<T> work) {
        return transaction(replicas != null ? replicas : primary, false, operation, null, work);
    }

    private <T> T transaction(DataSource source, boolean write, String operation, @Nullable String threadId,
                              Work<T> work) {
        try (Connection connection = source.getConnection();
             SqlSession session = write
                     ? factory.openSession(ExecutorType.BATCH, forWrite(connection))
                     : factory.openSession(ExecutorType.SIMPLE, connection)) {
            if (write) {
                dialect.beginWrite(connection);
            } else {
                dialect.beginRead(connection);
            }
            try {
                T result = work.run(session, session.getMapper(ThreadMapper.class));
                session.flushStatements();
                dialect.commit(connection);
                return result;
            } catch (Throwable t) {
                try {
                    dialect.rollback(connection);
                } catch (SQLException | RuntimeException r) {
                    t.addSuppressed(r);
                }
                throw t;
            }
        } catch (SQLException | PersistenceException e) {
            throw translate(operation, threadId, e);
        }
    }

    /** @return the connection a write transaction's session runs its statements on */
    private Connection forWrite(Connection connection) throws SQLException {
        if (!dialect.reusesStatements()) {
            return connection;
        }
        StatementReuse statements = reuse;
        if (statements == null) {
            synchronized (this) {
                statements = reuse;
                if (statements == null) {
                    statements = StatementReuse.of(factory.getConfiguration());
                    reuse = statements;
                }
            }
        }
        return statements.wrap(connection);
    }

    /**
     * Runs one read statement in auto-commit mode, without {@link Dialect#beginRead}: a single statement reads
     * one snapshot on every database, so it needs no transaction around it.
     */
    <T> T statement(String operation, @Nullable String threadId, Read<T> work) {
        try (Connection connection = primary.getConnection();
             SqlSession session = factory.openSession(ExecutorType.SIMPLE, connection)) {
            return work.run(session.getMapper(ThreadMapper.class));
        } catch (SQLException | PersistenceException e) {
            throw translate(operation, threadId, e);
        }
    }

    /**
     * @param flushed what a flush of the batch executor returned, holding one statement run once: a conditional
     *     update the core must know the outcome of before it goes on
     * @return the rows it updated
     * @throws IllegalStateException if the driver did not report the count (the transaction then rolls back)
     */
    static int updated(List<BatchResult> flushed) {
        int rows = 0;
        for (BatchResult result : flushed) {
            for (int count : result.getUpdateCounts()) {
                if (count < 0) {
                    throw new IllegalStateException("The JDBC driver did not report how many rows "
                            + result.getMappedStatement().getId() + " updated (" + count + ")");
                }
                rows += count;
            }
        }
        return rows;
    }

    /** @return whether the store's error was caused by a duplicate key (another writer created the same row) */
    boolean isDuplicateKey(StorageException e) {
        SQLException sql = sqlCause(e);
        return sql != null && classify(dialect, sql) == Dialect.Failure.DUPLICATE_KEY;
    }

    /** Closes the pools this store built; a pool the application owns stays open. */
    void close() {
        if (ownsPrimary && primary instanceof HikariDataSource pool) {
            pool.close();
        }
        if (replicas != null) {
            replicas.close();
        }
    }

    private RuntimeException translate(String operation, @Nullable String threadId, Exception e) {
        SQLException sql = sqlCause(e);
        Dialect.Failure failure = sql == null ? Dialect.Failure.OTHER : classify(dialect, sql);
        String message = "Could not " + operation + (threadId == null ? "" : " thread '" + threadId + "'") + " in the "
                + dialect.name() + " database " + dialect.describe(uri) + ": "
                + (sql == null ? e.getMessage() : sql.getMessage());
        switch (failure) {
            case TRANSIENT:
                return new StoreUnavailableException(message + ". The database is busy or unreachable; retry later.", e);
            case CONFIGURATION:
                return new StoreConfigurationException(message + ". Check the database's location and permissions.", e);
            default:
                return new StorageException(message, e);
        }
    }

    /** @return how the dialect classifies the failure; a transient SQL exception is always transient */
    static Dialect.Failure classify(Dialect dialect, SQLException e) {
        if (e instanceof SQLTransientException) {
            return Dialect.Failure.TRANSIENT;
        }
        return dialect.classify(e);
    }

    /** @return the first SQL exception among the causes (a batch's next exception, which says why), or null */
    static @Nullable SQLException sqlCause(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException) {
                SQLException sql = (SQLException) t;
                if (sql.getNextException() != null && sql instanceof BatchUpdateException) {
                    return sql.getNextException();
                }
                return sql;
            }
        }
        return null;
    }
}
