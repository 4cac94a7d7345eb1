package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.spi.StoreUri;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** When a migration is retried, and what an interrupt does to it. */
class SchemaMigrationTest {

    private static final StoreUri URI = StoreUri.parse("test:db");

    /** A dialect whose migration lock fails with the given error, counting the attempts. */
    private static final class FailingDialect implements Dialect {
        final AtomicInteger attempts = new AtomicInteger();
        private final SQLException failure;
        private final Failure meaning;

        FailingDialect(SQLException failure, Failure meaning) {
            this.failure = failure;
            this.meaning = meaning;
        }

        @Override
        public Optional<AutoCloseable> lockMigration(Connection connection, StoreUri uri, Duration timeout)
                throws SQLException {
            attempts.incrementAndGet();
            throw failure;
        }

        @Override
        public Failure classify(SQLException e) {
            return meaning;
        }

        @Override
        public String name() {
            return "Test";
        }

        @Override
        public String describe(StoreUri uri) {
            return "db";
        }

        @Override
        public String backend() {
            return "test";
        }

        @Override
        public void configure(HikariConfig config, StoreUri uri) {
        }

        @Override
        public String changelog() {
            return "none.xml";
        }

        @Override
        public String mapperXml() {
            return "none.xml";
        }
    }

    /** A data source whose connections can only be closed: the dialect fails before anything else is asked. */
    private static final DataSource CONNECTIONS = new DataSource() {
        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    };

    @Test
    void aFailureThatCannotBeTransientIsNotRetried() {
        FailingDialect dialect = new FailingDialect(new SQLException("password authentication failed", "28P01"),
                Dialect.Failure.CONFIGURATION);

        assertThatThrownBy(() -> SchemaMigration.run(dialect, CONNECTIONS, URI, true, Duration.ofSeconds(1)))
                .hasMessageContaining("password authentication failed");
        assertThat(dialect.attempts).hasValue(1);
    }

    @Test
    void aTransientFailureIsRetriedAFewTimes() {
        FailingDialect dialect = new FailingDialect(new SQLTransientConnectionException("busy"), Dialect.Failure.OTHER);

        assertThatThrownBy(() -> SchemaMigration.run(dialect, CONNECTIONS, URI, true, Duration.ofSeconds(1)))
                .hasMessageContaining("busy");
        assertThat(dialect.attempts).hasValueGreaterThan(1);
    }

    @Test
    void anInterruptStopsTheRetriesAndIsKept() {
        FailingDialect dialect = new FailingDialect(new SQLTransientConnectionException("busy"), Dialect.Failure.TRANSIENT);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> SchemaMigration.run(dialect, CONNECTIONS, URI, true, Duration.ofSeconds(1)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("Interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(dialect.attempts).hasValue(1);
        } finally {
            Thread.interrupted();
        }
    }
}
