package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Host lists reach pgjdbc whole, with its failover parameters, and a store opens past a dead first host. */
class PostgresMultiHostTest {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    @Test
    void everyHostAndTheFailoverParametersReachPgjdbc() {
        StoreUri uri = StoreUri.parse("jdbc:postgresql://u:QXZ7pw@[::1]:5432,[::1]:5433,db3/app?targetServerType=primary"
                + "&loadBalanceHosts=false&hostRecheckSeconds=3");
        HikariConfig config = new HikariConfig();

        new PostgresDialect().configure(config, uri);

        assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432,[::1]:5433,db3:5432/app");
        assertThat(config.getDataSourceProperties()).containsEntry("targetServerType", "primary")
                .containsEntry("loadBalanceHosts", "false").containsEntry("hostRecheckSeconds", "3");
        assertThat(new PostgresDialect().describe(uri)).isEqualTo("[::1]:5432,[::1]:5433,db3:5432/app");
    }

    @Test
    void aStoreOpensPastADeadFirstHostInEveryUrlForm() throws IOException {
        StoreUri server = StoreUri.parse(PostgresTestDatabase.url("unused"));
        String live = server.hosts().isEmpty() ? "localhost:" + server.port().orElse(5432)
                : server.hosts().get(0).address(5432);
        String dead = "127.0.0.1:" + closedPort();
        for (String form : List.of("postgresql://", "postgres://", "postgresql+asyncpg://", "jdbc:postgresql://")) {
            String url = form + credentials(server) + dead + "," + live + "/" + server.database() + "?schema="
                    + database.newSchema() + "&targetServerType=primary&hostRecheckSeconds=1";
            ThreadStore store = database.track(ThreadStore.create(url));

            ChatThread saved = store.save(ChatThread.create().withMessage(Message.user("hello from " + form)));

            assertThat(store.get(saved.id()).orElseThrow().messages()).hasSize(1);
            assertThat(store.databaseUrl().orElseThrow()).contains(dead + "," + live);
            server.password().ifPresent(p -> assertThat(store.databaseUrl().orElseThrow() + store)
                    .doesNotContain(":" + p + "@"));
        }
    }

    @Test
    void whenNoHostAnswersTheErrorNamesEveryHostAndNotThePassword() throws IOException {
        String first = "127.0.0.1:" + closedPort();
        String second = "127.0.0.1:" + closedPort();
        assertThatThrownBy(() -> ThreadStore.create("postgresql://u:QXZ7pw@" + first + "," + second
                + "/app?targetServerType=primary&poolTimeout=2"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(first + "," + second)
                .hasMessageNotContaining("QXZ7pw");
    }

    private static String credentials(StoreUri server) {
        if (server.user().isEmpty()) {
            return "";
        }
        return enc(server.user().get()) + server.password().map(p -> ":" + enc(p)).orElse("") + "@";
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A local port nothing listens on (just freed). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
