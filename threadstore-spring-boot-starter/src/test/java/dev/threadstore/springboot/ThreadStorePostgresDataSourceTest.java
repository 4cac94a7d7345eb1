package dev.threadstore.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.ChatThread;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The store on an application's PostgreSQL {@code DataSource}, in a schema of its own ({@code threadstore.options.schema},
 * dropped afterwards). The server is {@code THREADSTORE_TEST_POSTGRES_URL}; without it the test is skipped, or fails with
 * {@code -Dthreadstore.requirePostgres=true} (CI).
 */
class ThreadStorePostgresDataSourceTest {

    private StoreUri server;
    private final String schema = "starter_" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);

    @BeforeEach
    void server() {
        String url = System.getenv("THREADSTORE_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            String message = "No PostgreSQL server: THREADSTORE_TEST_POSTGRES_URL is not set";
            if (Boolean.getBoolean("threadstore.requirePostgres")) {
                Assertions.fail(message + " and -Dthreadstore.requirePostgres=true");
            }
            Assumptions.abort(message + "; with -Dthreadstore.requirePostgres=true this skip is a failure");
        }
        server = StoreUri.parse(url.strip());
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (server == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(), credentials()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }

    @Test
    void theStoreRunsOnTheApplicationsPoolInItsSchemaAndReportsHealth() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ThreadStoreAutoConfiguration.class,
                        ThreadStoreHealthAutoConfiguration.class))
                .withBean(DataSource.class, this::applicationPool)
                .withPropertyValues("threadstore.options.schema=" + schema)
                .run(context -> {
                    ThreadStore store = context.getBean(ThreadStore.class);
                    HikariDataSource pool = (HikariDataSource) context.getBean(DataSource.class);
                    assertThat(store.dataSource()).containsSame(pool);
                    ChatThread saved = store.save(ChatThread.create("on the application's PostgreSQL pool"));
                    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                         var rows = s.executeQuery("SELECT count(*) FROM \"" + schema + "\".threads WHERE id = '" + saved.id() + "'")) {
                        assertThat(rows.next()).isTrue();
                        assertThat(rows.getInt(1)).isEqualTo(1);
                    }
                    Health health = context.getBean(ThreadStoreHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("backend", "postgresql")
                            .hasEntrySatisfying("url", u -> assertThat((String) u).startsWith("postgresql://")
                                    .contains("schema=" + schema)
                                    .doesNotContain(":" + server.password().orElse("\0") + "@"))
                            .hasEntrySatisfying("schemaVersion", v -> assertThat((String) v).isNotEqualTo("none"));
                    store.close();
                    assertThat(pool.isClosed()).isFalse();
                });
    }

    private HikariDataSource applicationPool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(jdbcUrl());
        server.user().ifPresent(pool::setUsername);
        server.password().ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(4);
        return pool;
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://" + server.host().orElse("localhost") + ":" + server.port().orElse(5432) + "/"
                + server.database();
    }

    private Properties credentials() {
        Properties props = new Properties();
        server.user().ifPresent(u -> props.setProperty("user", u));
        server.password().ifPresent(p -> props.setProperty("password", p));
        return props;
    }
}
