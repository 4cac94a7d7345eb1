package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schema-per-tenant through PgBouncer in transaction mode with a pool of two server connections (the CI
 * configuration): four stores, four schemas, several writers per store at once. Through such a pooler, a store
 * whose statements relied on the session's {@code search_path} wrote into whichever schema the server connection
 * was last set to; here every tenant's rows must be in its own schema, checked with plain SQL on the server, and
 * the result of the same work must equal a run over direct connections.
 */
class PgBouncerMultiTenantTest {

    private static final int TENANTS = 4;
    private static final int WRITERS_PER_TENANT = 3;
    private static final int THREADS_PER_WRITER = 8;

    @RegisterExtension
    final PostgresTestDatabase database = PostgresTestDatabase.viaPgBouncer();

    @Test
    void fourTenantsWritingAtOnceThroughTwoServerConnectionsEachKeepToTheirSchema() throws Exception {
        List<String> pooled = schemas();
        List<String> direct = schemas();

        Map<String, List<String>> throughPgBouncer = runTenants(pooled, PostgresTestDatabase::pgBouncerUrl);
        Map<String, List<String>> overDirectConnections = runTenants(direct, PostgresTestDatabase::url);

        assertThat(throughPgBouncer).as("what each tenant's store returns, through PgBouncer and directly")
                .isEqualTo(overDirectConnections);
        for (int t = 0; t < TENANTS; t++) {
            String owner = tenant(t) + "|";
            assertThat(rowsInSchema(pooled.get(t))).as("rows in schema %s (tenant %d, through PgBouncer)", pooled.get(t), t)
                    .isEqualTo(rowsInSchema(direct.get(t)))
                    .allSatisfy(row -> assertThat(row).startsWith(owner));
        }
    }

    @Test
    void storesLeaveNoSessionSettingOnTheServerConnections() throws Exception {
        String expected;
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            expected = single(s, "SHOW search_path");
        }
        runTenants(schemas(), PostgresTestDatabase::pgBouncerUrl);

        // With two server connections, a handful of single-statement transactions visits both.
        try (Connection c = pgBouncerConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < 8; i++) {
                assertThat(single(s, "SHOW search_path")).as("search_path of a server connection after the stores ran")
                        .isEqualTo(expected);
            }
        }
    }

    private List<String> schemas() {
        List<String> schemas = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            schemas.add(database.newSchema());
        }
        return schemas;
    }

    /** Opens the tenants' stores at once (so their migrations run together too), then runs every writer at once. */
    private Map<String, List<String>> runTenants(List<String> schemas, Function<String, String> url) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(TENANTS * WRITERS_PER_TENANT);
        try {
            List<Future<ThreadStore>> opening = new ArrayList<>();
            for (String schema : schemas) {
                opening.add(pool.submit(() -> database.track(ThreadStore.create(url.apply(schema) + "&poolSize=3"))));
            }
            List<ThreadStore> stores = new ArrayList<>();
            for (Future<ThreadStore> store : opening) {
                stores.add(store.get(120, TimeUnit.SECONDS));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < TENANTS; t++) {
                for (int w = 0; w < WRITERS_PER_TENANT; w++) {
                    writers.add(pool.submit(writer(stores.get(t), t, w)));
                }
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            Map<String, List<String>> results = new LinkedHashMap<>();
            for (int t = 0; t < TENANTS; t++) {
                results.put(tenant(t), contents(stores.get(t)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Saves, appends to, renames and deletes threads of one tenant; every id and value is fixed by (t, w, i). */
    private static Callable<Void> writer(ThreadStore store, int t, int w) {
        return () -> {
            for (int i = 0; i < THREADS_PER_WRITER; i++) {
                String id = tenant(t) + "-w" + w + "-" + i;
                ChatThread saved = store.save(ChatThread.builder().id(id).title("thread " + i)
                        .attributes(Map.of("tenant", tenant(t), "writer", (long) w, "i", (long) i)).build());
                store.append(id, List.of(Message.builder(dev.threadstore.Role.USER).id(id + "-m1").content("hello " + id).build(),
                        Message.builder(dev.threadstore.Role.ASSISTANT).id(id + "-m2").content("hi " + tenant(t)).build()));
                ChatThread renamed = store.get(id).orElseThrow().withTitle("renamed " + i);
                store.save(renamed);
                if (i % 4 == 3) {
                    store.delete(id);
                }
                assertThat(saved.version()).isEqualTo(1);
            }
            return null;
        };
    }

    /** What a user of the tenant's store sees, without the instants the store stamps. */
    private static List<String> contents(ThreadStore store) {
        List<String> out = new ArrayList<>();
        List<ChatThread> all = new ArrayList<>(store.list(1000, 0));
        all.sort(Comparator.comparing(ChatThread::id));
        for (ChatThread thread : all) {
            StringBuilder b = new StringBuilder(thread.id()).append(' ').append(thread.title()).append(' ')
                    .append(new java.util.TreeMap<>(thread.attributes())).append(" v").append(thread.version());
            for (Message m : thread.messages()) {
                b.append(" | ").append(m.sequence()).append(' ').append(m.role()).append(' ').append(m.id())
                        .append(' ').append(m.content());
            }
            out.add(b.toString());
        }
        out.add("page of 15: " + store.list(15, 0).size());
        out.add("writer 1: " + store.findByAttributes(Map.of("writer", 1L)).stream().map(ChatThread::id).sorted().toList());
        return out;
    }

    /** Every thread and message row of the schema, read on the server: tenant, thread id, message count. */
    private static List<String> rowsInSchema(String schema) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT t.attributes->>'tenant', t.id, (SELECT count(*) FROM \"" + schema
                     + "\".messages m WHERE m.thread_id = t.id) FROM \"" + schema + "\".threads t ORDER BY t.id")) {
            while (r.next()) {
                rows.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getLong(3));
            }
        }
        assertThat(rows).as("threads in schema %s", schema)
                .hasSize(WRITERS_PER_TENANT * (THREADS_PER_WRITER - THREADS_PER_WRITER / 4));
        return rows;
    }

    private static Connection pgBouncerConnection() throws SQLException {
        var uri = PostgresTestDatabase.pgBouncer();
        Properties props = new Properties();
        uri.user().ifPresent(u -> props.setProperty("user", u));
        uri.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("prepareThreshold", "0");
        return DriverManager.getConnection(PostgresTestDatabase.jdbcUrl(uri), props);
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static String tenant(int t) {
        return "tenant" + t;
    }
}
