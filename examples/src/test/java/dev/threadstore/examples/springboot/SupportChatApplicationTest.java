package dev.threadstore.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadstore.ThreadStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs {@link SupportChatApplication} on a random port and talks to it over HTTP as a client would: three chat turns,
 * then the stored conversation, {@code /actuator/health} and {@code /actuator/metrics/threadstore.operation}. The store
 * is PostgreSQL when {@code THREADSTORE_TEST_POSTGRES_URL} is set (CI; in a schema of its own, dropped afterwards),
 * otherwise a SQLite file in a temporary directory.
 */
@SpringBootTest(classes = SupportChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=always",
                "threadstore.chat-memory.max-messages=4"})
class SupportChatApplicationTest {

    private static final String POSTGRES_URL = System.getenv("THREADSTORE_TEST_POSTGRES_URL");
    private static final String SCHEMA = "chatapp_" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private static final List<DataSource> TO_CLEAN = new ArrayList<>();

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        if (postgres()) {
            registry.add("threadstore.url", POSTGRES_URL::strip);
            registry.add("threadstore.options.schema", () -> SCHEMA);
        } else {
            registry.add("threadstore.url", () -> "sqlite:" + dir.resolve("support-chat.db"));
        }
    }

    private static boolean postgres() {
        return POSTGRES_URL != null && !POSTGRES_URL.isBlank();
    }

    @LocalServerPort
    int port;

    @Autowired
    ThreadStore store;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void chatsStoresTheConversationAndReportsHealthAndMetricsOverHttp() throws Exception {
        store.dataSource().ifPresent(TO_CLEAN::add);
        String backend = postgres() ? "postgresql" : "sqlite";

        assertThat(post("/chat/support-7", "Where is my order?").get("answer").asText())
                .isEqualTo("Your order has shipped. (I saw 1 messages.)");
        assertThat(post("/chat/support-7", "When will it arrive?").get("answer").asText())
                .isEqualTo("Within two days. (I saw 3 messages.)");
        // The memory shows the model the last 4 stored messages plus the new question; the thread keeps all 6.
        assertThat(post("/chat/support-7", "Thanks!").get("answer").asText())
                .isEqualTo("You're welcome. (I saw 5 messages.)");

        JsonNode history = get("/chat/support-7", 200);
        assertThat(history.get("messages")).hasSize(6);
        assertThat(history.get("messages").get(0).get("text").asText()).isEqualTo("Where is my order?");
        assertThat(history.get("messages").get(5).get("role").asText()).isEqualTo("assistant");
        get("/chat/nobody", 404);

        JsonNode threadstore = get("/actuator/health", 200).get("components").get("threadstore");
        assertThat(threadstore.get("status").asText()).isEqualTo("UP");
        assertThat(threadstore.get("details").get("backend").asText()).isEqualTo(backend);
        assertThat(threadstore.get("details").get("schemaVersion").asText()).isNotBlank().isNotEqualTo("none");
        String url = threadstore.get("details").get("url").asText();
        assertThat(url).startsWith(backend.equals("sqlite") ? "sqlite:" : "postgresql://");
        if (postgres()) {
            String password = dev.threadstore.spi.StoreUri.parse(POSTGRES_URL.strip()).password().orElseThrow();
            assertThat(url).contains(":****@").doesNotContain(":" + password + "@");
        }

        JsonNode metric = get("/actuator/metrics/threadstore.operation", 200);
        assertThat(metric.get("name").asText()).isEqualTo("threadstore.operation");
        double count = 0;
        for (JsonNode measurement : metric.get("measurements")) {
            if (measurement.get("statistic").asText().equals("COUNT")) {
                count = measurement.get("value").asDouble();
            }
        }
        assertThat(count).as("store operations timed").isGreaterThanOrEqualTo(7);
        assertThat(tagValues(metric, "db.system.name")).containsExactly(backend);
        assertThat(tagValues(metric, "db.operation.name")).contains("get", "append");
        assertThat(tagValues(metric, "error.type")).contains("none");
        assertThat(tagValues(metric, "threadstore.thread.id")).as("high cardinality, never a metric tag").isEmpty();

        JsonNode appends = get("/actuator/metrics/threadstore.operation?tag=db.operation.name:append", 200);
        assertThat(appends.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(3);

        JsonNode pool = get("/actuator/metrics/hikaricp.connections.max", 200);
        assertThat(tagValues(pool, "pool")).contains("threadstore-" + backend);
    }

    @AfterAll
    static void dropTheSchema() throws Exception {
        if (!postgres()) {
            return;
        }
        for (DataSource dataSource : TO_CLEAN) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
            }
        }
    }

    private JsonNode post(String path, String text) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static List<String> tagValues(JsonNode metric, String tag) {
        List<String> values = new ArrayList<>();
        for (JsonNode available : metric.get("availableTags")) {
            if (available.get("tag").asText().equals(tag)) {
                available.get("values").forEach(v -> values.add(v.asText()));
            }
        }
        return values;
    }
}
