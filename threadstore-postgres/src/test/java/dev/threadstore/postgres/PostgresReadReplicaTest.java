package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Option {@code readUrl}: listings and queries read from a real streaming replica ({@link ReplicatedPostgres}),
 * while {@code get} and writes stay on the primary. The replica's replay is paused to tell the two apart: what a
 * listing cannot see yet, a {@code get} must.
 */
class PostgresReadReplicaTest {

    private static final String SECRET = "QXZ7-replica-pw";

    @Test
    void readUrlNamingAnotherDatabaseIsRefusedBeforeConnectingWithThePasswordMasked() {
        assertThatThrownBy(() -> ThreadStore.create("postgresql://u:" + SECRET + "@127.0.0.1:1/app",
                Map.of("readUrl", "postgresql://u:" + SECRET + "@replica1:5432/other")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("readUrl").hasMessageContaining("'other'").hasMessageContaining("'app'")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aMalformedOrForeignReadUrlIsRefusedNamingTheOption() {
        for (String readUrl : List.of("postgresql://u:" + SECRET + "@replica1:5432,,replica2/app",
                "sqlite:replica.db", "postgresql://replica1/app?poolSize=3")) {
            assertThatThrownBy(() -> ThreadStore.create("postgresql://u:" + SECRET + "@127.0.0.1:1/app",
                    Map.of("readUrl", readUrl)))
                    .as(readUrl)
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageContaining("readUrl")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void listingsAndQueriesReadFromTheReplicaWhileGetReadsItsOwnWrites() throws Exception {
        Path bin = ReplicatedPostgres.installedBinaries().orElseGet(PostgresReadReplicaTest::noBinaries);
        try (ReplicatedPostgres servers = ReplicatedPostgres.start(bin, true)) {
            String primary = "127.0.0.1:" + servers.primaryPort();
            String standby = "127.0.0.1:" + servers.standbyPort();
            try (ThreadStore store = ThreadStore.create(ReplicatedPostgres.url(primary, "schema=replica_reads"),
                    Map.of("readUrl", "postgresql://" + standby + "/postgres"))) {
                assertThat(store.databaseUrl().orElseThrow()).contains(standby)
                        .doesNotContain(ReplicatedPostgres.PASSWORD);
                ChatThread before = store.save(ChatThread.create("before").withAttribute("topic", "replicas"));
                awaitTrue(() -> ids(store.listRecent()).contains(before.id()));

                assertThat(readPoolServers(servers.standbyPort())).as("the standby: in recovery, read pool connections")
                        .isEqualTo("true/true");
                assertThat(readPoolServers(servers.primaryPort())).as("the primary: no read pool connection")
                        .isEqualTo("false/false");

                pauseReplay(servers.standbyPort());
                ChatThread after = store.save(ChatThread.create("after").withAttribute("topic", "replicas"));
                store.append(before.id(), List.of(Message.user("appended while the replica lags")));

                assertThat(store.get(after.id())).as("get after save reads the primary").isPresent();
                assertThat(store.get(before.id()).orElseThrow().messages()).as("get after append").hasSize(1);
                assertThat(ids(store.listRecent())).as("a listing, served by the paused replica")
                        .contains(before.id()).doesNotContain(after.id());
                assertThat(ids(store.list(10, 0))).contains(before.id()).doesNotContain(after.id());
                assertThat(ids(store.findByAttributes(Map.of("topic", "replicas")))).as("a query, served by the replica")
                        .containsExactly(before.id());
                assertThat(store.findByAttributes(Map.of("topic", "replicas")).get(0).messages())
                        .as("the replica's copy, before the append").isEmpty();
                assertThat(store.summaries(ThreadQuery.all()).items()).as("summaries, served by the replica")
                        .extracting(ThreadSummary::id).containsExactly(before.id());
                assertThat(store.threads(ThreadQuery.all()).items()).as("a page of threads, served by the replica")
                        .extracting(ChatThread::id).containsExactly(before.id());
                assertThat(store.count(ThreadQuery.all())).as("a count, served by the replica").isEqualTo(1);
                assertThat(store.count(ThreadQuery.all().attributes(Map.of("topic", "replicas")))).isEqualTo(1);

                resumeReplay(servers.standbyPort());
                awaitTrue(() -> ids(store.listRecent()).contains(after.id()));
                assertThat(ids(store.findByAttributes(Map.of("topic", "replicas"))))
                        .containsExactlyInAnyOrder(before.id(), after.id());
                assertThat(store.count(ThreadQuery.all())).isEqualTo(2);
            }
        }
    }

    private static List<String> ids(List<ChatThread> threads) {
        return threads.stream().map(ChatThread::id).toList();
    }

    /** @return "in recovery/has connections of the read pool" for the server on the port */
    private static String readPoolServers(int port) throws SQLException {
        try (Connection c = ReplicatedPostgres.connect(port); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pg_is_in_recovery(), EXISTS (SELECT 1 FROM pg_stat_activity"
                     + " WHERE application_name = 'threadstore-read')")) {
            r.next();
            return r.getBoolean(1) + "/" + r.getBoolean(2);
        }
    }

    private static void pauseReplay(int port) throws Exception {
        try (Connection c = ReplicatedPostgres.connect(port); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_pause()");
            awaitTrue(() -> {
                try (ResultSet r = s.executeQuery("SELECT pg_get_wal_replay_pause_state()")) {
                    return r.next() && "paused".equals(r.getString(1));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private static void resumeReplay(int port) throws SQLException {
        try (Connection c = ReplicatedPostgres.connect(port); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_resume()");
        }
    }

    /** Waits up to 60 s for the condition (replication is asynchronous to replay); fails if it never holds. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                Assertions.fail("the replica did not catch up within 60 s");
            }
            Thread.sleep(50);
        }
    }

    private static Path noBinaries() {
        String message = "No PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) under /usr/lib/postgresql/<version>/bin;"
                + " install the server package to run the read replica test";
        if (Boolean.getBoolean(PostgresTestDatabase.REQUIRE_PROPERTY)) {
            Assertions.fail(message + " (-D" + PostgresTestDatabase.REQUIRE_PROPERTY + "=true makes a skip a failure)");
        }
        Assumptions.abort(message);
        return null;
    }
}
