package dev.threadstore.langchain4j;

import dev.threadstore.ThreadStore;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The adapter on PostgreSQL: the server named by {@code THREADSTORE_TEST_POSTGRES_URL}, a schema of its own
 * per test (dropped afterwards). Without the variable the tests are skipped with a message, or fail with
 * {@code -Dthreadstore.requirePostgres=true}.
 */
class PostgresChatMemoryTest extends ChatMemoryBackendTest {

    private static final String URL_VARIABLE = "THREADSTORE_TEST_POSTGRES_URL";

    private static final String SCHEMA = "lc4j_"
            + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);

    private String url() {
        String server = System.getenv(URL_VARIABLE);
        if (server == null || server.isBlank()) {
            String message = "No PostgreSQL server for this test: set " + URL_VARIABLE
                    + " (e.g. postgresql://user:password@127.0.0.1:5432/database)";
            if (Boolean.getBoolean("threadstore.requirePostgres")) {
                Assertions.fail(message + "; this is a failure because -Dthreadstore.requirePostgres=true");
            }
            Assumptions.abort(message + "; with -Dthreadstore.requirePostgres=true this skip is a failure");
        }
        return server.strip() + (server.contains("?") ? "&" : "?") + "schema=" + SCHEMA;
    }

    @Override
    ThreadStore openFirst() {
        return ThreadStore.create(url());
    }

    @Override
    ThreadStore openSecond() {
        return track(ThreadStore.create(url()));
    }

    @Override
    void cleanUp() throws Exception {
        if (store == null) {
            return;
        }
        DataSource dataSource = store.dataSource().orElseThrow();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }
}
