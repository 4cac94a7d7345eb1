package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.spi.StoreUri;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core's schema check with {@code migrate=false} on PostgreSQL, without the PostgreSQL backend's own
 * preparation: it reads and never writes, so an empty schema stays empty. Runs against the server named by
 * {@code THREADSTORE_TEST_POSTGRES_URL}; skipped without it, a failure with {@code -Dthreadstore.requirePostgres=true}.
 */
class PostgresSchemaCheckTest {

    private StoreUri server;
    private String schema;
    private HikariDataSource dataSource;

    /** Just enough of a PostgreSQL dialect for the schema check, with a one-table changelog. */
    private final class ProbeDialect implements Dialect {
        @Override
        public String name() {
            return "PostgreSQL";
        }

        @Override
        public String describe(StoreUri uri) {
            return schema;
        }

        @Override
        public String backend() {
            return "test";
        }

        @Override
        public void configure(HikariConfig config, StoreUri uri) {
        }

        @Override
        public Optional<String> schema(StoreUri uri) {
            return Optional.of(schema);
        }

        @Override
        public String changelog() {
            return "dev/threadstore/sql/test-changelog.xml";
        }

        @Override
        public String mapperXml() {
            return "none.xml";
        }

        @Override
        public Failure classify(SQLException e) {
            return Failure.OTHER;
        }
    }

    @BeforeEach
    void createEmptySchema() throws SQLException {
        String url = System.getenv("THREADSTORE_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            String message = "THREADSTORE_TEST_POSTGRES_URL is not set";
            if (Boolean.getBoolean("threadstore.requirePostgres")) {
                Assertions.fail(message + " and -Dthreadstore.requirePostgres=true");
            }
            Assumptions.abort(message + "; set it to run this test");
        }
        server = StoreUri.parse(url.strip());
        schema = "core_" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
        execute("CREATE SCHEMA \"" + schema + "\"");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        server.user().ifPresent(config::setUsername);
        server.password().ifPresent(config::setPassword);
        config.addDataSourceProperty("currentSchema", schema);
        config.setMaximumPoolSize(2);
        dataSource = new HikariDataSource(config);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (dataSource != null) {
            dataSource.close();
        }
        if (schema != null) {
            execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }

    @Test
    void migrateFalseOnAnEmptySchemaCreatesNothingAndNamesThePendingChangesets() throws Exception {
        Dialect dialect = new ProbeDialect();

        assertThatThrownBy(() -> SchemaMigration.run(dialect, dataSource, server, false, Duration.ofSeconds(5)))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("1-probe")
                .hasMessageContaining("migrate=false");
        assertThat(tables()).isEmpty();

        assertThat(SchemaMigration.run(dialect, dataSource, server, true, Duration.ofSeconds(5))).isEqualTo(1);
        List<String> migrated = tables();
        assertThat(migrated).contains("probe", "databasechangelog", "databasechangeloglock");
        assertThat(SchemaMigration.run(dialect, dataSource, server, false, Duration.ofSeconds(5))).isZero();
        assertThat(tables()).isEqualTo(migrated);
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                     + schema + "' ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        server.user().ifPresent(u -> props.setProperty("user", u));
        server.password().ifPresent(p -> props.setProperty("password", p));
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://" + server.host().orElse("localhost") + ":" + server.port().orElse(5432) + "/"
                + server.database();
    }
}
