package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreEnvironment;
import dev.threadstore.spi.StoreProviders;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.ThreadMapper.CandidateQuery;
import dev.threadstore.sql.ThreadMapper.IndexEntry;
import dev.threadstore.sql.ThreadMapper.SummaryQuery;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.SqlSessionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the PostgreSQL backend adds to the TCK: its schema, indexes, options, errors and recovery. */
class PostgresThreadStoreTest {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    private ThreadStore open(String schema) {
        return database.track(ThreadStore.create(PostgresTestDatabase.url(schema)));
    }

    @Test
    void findByAttributesIsServedByTheGinIndex() throws SQLException {
        String schema = database.newSchema();
        ThreadStore store = open(schema);
        for (int i = 0; i < 200; i++) {
            store.save(ChatThread.create().withAttribute("customer", "c" + (i % 20)).withAttribute("n", (long) i));
        }
        assertThat(store.findByAttributes(Map.of("customer", "c7"))).hasSize(10)
                .allSatisfy(t -> assertThat(t.attributes()).containsEntry("customer", "c7"));

        CandidateQuery attributes = new CandidateQuery(null, "{\"customer\": \"c7\"}",
                List.of(new IndexEntry("customer", "text", "c7")));
        CandidateQuery source = new CandidateQuery("slack", "{\"channel\": \"C1\"}",
                List.of(new IndexEntry("channel", "text", "C1")));
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("ANALYZE " + schema + ".threads");
            s.execute("SET enable_seqscan = off");
            assertThat(explain(store, c, summaries(attributes, null))).contains("threads_attributes");
            assertThat(explain(store, c, summaries(null, source)))
                    .containsAnyOf("threads_source ", "threads_source_name");
        }
    }

    @Test
    void schemaIsCreatedWhenMissingAndHoldsTheTablesWithTheirKeys() throws SQLException {
        String schema = database.newSchema();
        open(schema).save(ChatThread.create());
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            List<String> tables = strings(s, "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + schema + "' ORDER BY table_name");
            assertThat(tables).contains("threads", "messages", "attachments", "databasechangelog");
            List<String> types = strings(s, "SELECT table_name || '.' || column_name || ':' || data_type "
                    + "FROM information_schema.columns WHERE table_schema = '" + schema + "' "
                    + "AND column_name IN ('attributes', 'created_at', 'timestamp') ORDER BY 1");
            // Threads' attributes are jsonb for the GIN index; the other JSON columns are json, which keeps key order.
            assertThat(types).contains("threads.attributes:jsonb", "threads.created_at:timestamp with time zone",
                    "messages.timestamp:timestamp with time zone", "messages.attributes:json",
                    "attachments.attributes:json");
            List<String> keys = strings(s, "SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) "
                    + "FROM pg_constraint WHERE connamespace = '" + schema + "'::regnamespace ORDER BY 1");
            assertThat(keys).anySatisfy(k -> assertThat(k).contains("messages PRIMARY KEY (thread_id, id)"))
                    .anySatisfy(k -> assertThat(k).contains("UNIQUE (thread_id, sequence)"))
                    .anySatisfy(k -> assertThat(k).contains("attachments PRIMARY KEY (thread_id, message_id, \"position\")"))
                    .anySatisfy(k -> assertThat(k).contains("REFERENCES " + schema + ".threads(id) ON DELETE CASCADE"));
            List<String> gin = strings(s, "SELECT relname || ' ' || array_to_string(reloptions, ',') FROM pg_class "
                    + "WHERE relnamespace = '" + schema + "'::regnamespace AND relname IN ('threads_attributes', "
                    + "'threads_source') ORDER BY 1");
            assertThat(gin).containsExactly("threads_attributes fastupdate=off", "threads_source fastupdate=off");
        }
    }

    @Test
    void nulCharactersRoundTripAndCanBeQueried() {
        ThreadStore store = open(database.newSchema());
        String nul = "a\u0000b\u0001c";
        ChatThread saved = store.save(ChatThread.create().withTitle(nul).withAttribute("k\u0000", nul)
                .withSource(new ThreadSource("sl\u0000ck", Map.of("channel", nul)))
                .withMessage(Message.builder(dev.threadstore.Role.USER).id("m\u0000").content(nul).build()));
        store.save(ChatThread.create().withAttribute("k\u0000", "a\u0001b"));
        Instant now = Instant.now();
        ChatThread nulId = store.save(ChatThread.builder().id("id\u0000").createdAt(now).updatedAt(now).build());

        assertThat(store.get(saved.id())).contains(saved);
        assertThat(store.get(nulId.id())).contains(nulId);
        assertThat(store.findByAttributes(Map.of("k\u0000", nul))).containsExactly(saved);
        assertThat(store.findBySource("sl\u0000ck", Map.of("channel", nul))).containsExactly(saved);
        assertThat(store.getThreadByMessageId("m\u0000")).contains(saved);
        assertThat(store.append(nulId.id(), List.of(Message.user(nul)))).hasSize(1);
        assertThat(store.delete(nulId.id())).isTrue();
    }

    @Test
    void numbersKeepTheirJavaTypeThroughJsonb() {
        ThreadStore store = open(database.newSchema());
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("double10", 1.0E10);
        numbers.put("long10", 10_000_000_000L);
        numbers.put("huge", 1.0E300);
        numbers.put("tiny", 1.0E-300);
        numbers.put("max", Long.MAX_VALUE);
        numbers.put("fraction", 0.1);
        ChatThread saved = store.save(ChatThread.create().withAttributes(numbers));

        assertThat(store.get(saved.id()).orElseThrow().attributes()).isEqualTo(numbers);
        assertThat(store.findByAttributes(Map.of("double10", 10_000_000_000L))).containsExactly(saved);
        assertThat(store.findByAttributes(Map.of("huge", 1.0E300))).containsExactly(saved);
    }

    @Test
    void wrongPasswordIsAConfigurationErrorNamingHostAndDatabaseButNotThePassword() {
        StoreUri server = PostgresTestDatabase.server();
        String wrong = "wrong-" + server.password().orElse("pw") + "-secret";
        StoreUri wrongUri = StoreUri.of("postgresql", server.user().orElse("postgres"), wrong,
                server.host().orElse("localhost"), server.port().orElse(5432), "/" + server.database(), Map.of());
        PostgresTestDatabase.requirePasswordAuthentication(wrongUri);
        String url = PostgresTestDatabase.withOptions(wrongUri, Map.of("poolTimeout", "5"));
        assertThatThrownBy(() -> ThreadStore.create(url))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining(server.host().orElse("localhost"))
                .hasMessageContaining(server.database())
                .satisfies(e -> assertThat(fullText(e)).doesNotContain(wrong));
    }

    @Test
    void migrateFalseOnAMissingSchemaCreatesNothingAndNamesIt() throws SQLException {
        String schema = database.newSchema();
        assertThatThrownBy(() -> ThreadStore.create(PostgresTestDatabase.url(schema) + "&migrate=false"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("'" + schema + "' does not exist")
                .hasMessageContaining("migrate=false");
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT nspname FROM pg_namespace WHERE nspname = '" + schema + "'")).isEmpty();
        }
    }

    @Test
    void migrateFalseOnAnEmptySchemaCreatesNoTableAndSaysWhatIsPending() throws SQLException {
        String schema = database.newSchema();
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        assertThatThrownBy(() -> ThreadStore.create(PostgresTestDatabase.url(schema) + "&migrate=false"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("migrate=false")
                .hasMessageContaining("1-threads");
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'"))
                    .as("tables in schema %s after a migrate=false open", schema).isEmpty();
        }
    }

    @Test
    void migrateFalseOpensAnUpToDateSchema() {
        String schema = database.newSchema();
        ChatThread saved = open(schema).save(ChatThread.create().withTitle("migrated before"));
        ThreadStore checked = database.track(ThreadStore.create(PostgresTestDatabase.url(schema) + "&migrate=false"));
        assertThat(checked.get(saved.id())).contains(saved);
    }

    @Test
    void poolerPgBouncerTurnsServerSidePreparedStatementsOff() throws SQLException {
        ThreadStore store = database.track(ThreadStore.create(PostgresTestDatabase.url(database.newSchema())
                + "&pooler=pgbouncer"));
        try (Connection c = store.dataSource().orElseThrow().getConnection()) {
            assertThat(c.unwrap(org.postgresql.PGConnection.class).getPrepareThreshold()).isZero();
        }
        ThreadStore direct = open(database.newSchema());
        try (Connection c = direct.dataSource().orElseThrow().getConnection()) {
            assertThat(c.unwrap(org.postgresql.PGConnection.class).getPrepareThreshold()).isPositive();
        }
    }

    @Test
    void statementsNameTheirSchemaAndDoNotDependOnTheSearchPath() throws SQLException {
        String schema = database.newSchema();
        ThreadStore store = database.track(ThreadStore.create(PostgresTestDatabase.url(schema)
                + "&poolSize=1&maxOverflow=0"));
        assertThat(store.unwrap(SqlSessionFactory.class).orElseThrow().getConfiguration().getVariables())
                .containsEntry("schema", "\"" + schema + "\"");
        ChatThread saved = store.save(ChatThread.create().withAttribute("k", "v"));
        // The pool's one connection gets a search_path that names no table of the store, as a server connection
        // behind a pooler may have been left by another client; every statement must still find its tables.
        try (Connection c = store.dataSource().orElseThrow().getConnection(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SHOW search_path")).as("the store does not set search_path").doesNotContain(schema);
            s.execute("SET search_path TO pg_catalog");
        }
        ChatThread appended = store.get(saved.id()).orElseThrow();
        store.append(saved.id(), List.of(Message.user("still here")));
        assertThat(store.findByAttributes(Map.of("k", "v"))).extracting(ChatThread::id).containsExactly(saved.id());
        assertThat(store.get(saved.id()).orElseThrow().messages()).extracting(Message::content)
                .containsExactly("still here");
        assertThat(appended).isEqualTo(saved);
        try (Connection c = store.dataSource().orElseThrow().getConnection(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SHOW search_path")).containsExactly("pg_catalog");
        }
    }

    @Test
    void unknownDatabaseIsAConfigurationErrorNamingIt() {
        StoreUri server = PostgresTestDatabase.server();
        String url = PostgresTestDatabase.withOptions(
                StoreUri.of("postgresql", server.user().orElse(null), server.password().orElse(null),
                        server.host().orElse("localhost"), server.port().orElse(5432), "/no_such_db_threadstore", Map.of()),
                Map.of("poolTimeout", "5"));
        assertThatThrownBy(() -> ThreadStore.create(url))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("no_such_db_threadstore")
                .satisfies(e -> server.password().ifPresent(p -> assertThat(fullText(e)).doesNotContain(":" + p + "@")));
    }

    @Test
    void unreachableServerIsUnavailableNamingHostAndDatabase() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        String url = "postgresql://someone:s3cret-pw@127.0.0.1:" + closedPort + "/somedb?poolTimeout=2";
        assertThatThrownBy(() -> ThreadStore.create(url))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("somedb")
                .satisfies(e -> assertThat(fullText(e)).doesNotContain("s3cret-pw"));
    }

    @Test
    void sameStoreWorksAgainAfterTheServerComesBack() throws Exception {
        StoreUri server = PostgresTestDatabase.server();
        try (TcpProxy proxy = new TcpProxy(server.host().orElse("localhost"), server.port().orElse(5432), 120_000)) {
            StoreUri viaProxy = StoreUri.of("postgresql", server.user().orElse(null), server.password().orElse(null),
                    "127.0.0.1", proxy.port(), "/" + server.database(), Map.of());
            String url = PostgresTestDatabase.withOptions(viaProxy,
                    Map.of("schema", database.newSchema(), "poolTimeout", "3", "poolSize", "2", "maxOverflow", "0"));
            ThreadStore store = database.track(ThreadStore.create(url));
            ChatThread before = store.save(ChatThread.create().withTitle("before the outage"));

            proxy.cut();
            assertThatThrownBy(() -> store.save(ChatThread.create().withTitle("during the outage")))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + proxy.port())
                    .satisfies(e -> assertThat(((StoreUnavailableException) e).isTransient()).isTrue());
            assertThatThrownBy(() -> store.get(before.id())).isInstanceOf(StoreUnavailableException.class);

            proxy.restore();
            // A pooled connection that died in the outage fails once and is evicted; with a pool of two, the
            // third attempt at the latest runs on a new connection. The store is never reopened.
            ChatThread after = null;
            List<StoreUnavailableException> transientFailures = new ArrayList<>();
            for (int attempt = 0; attempt < 3 && after == null; attempt++) {
                try {
                    after = store.save(ChatThread.create().withTitle("after the outage"));
                } catch (StoreUnavailableException e) {
                    transientFailures.add(e);
                }
            }
            assertThat(after).as("saved after the server came back; transient failures first: %s", transientFailures)
                    .isNotNull();
            assertThat(store.get(before.id())).contains(before);
            assertThat(store.get(after.id())).contains(after);
        }
    }

    @Test
    void twoProcessesStartingOnAnEmptySchemaBothComeUpAndMigrateOnce(@TempDir Path dir) throws Exception {
        String schema = database.newSchema();
        String url = PostgresTestDatabase.url(schema);
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path log = dir.resolve("process-" + i + ".log");
            logs.add(log);
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    OpenStoreProcess.class.getName(), url)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            processes.add(builder.start());
        }
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            assertThat(p.exitValue()).as("process %d, output:%n%s", i, Files.readString(logs.get(i))).isZero();
        }
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            List<String> applied = strings(s, "SELECT id FROM " + schema + ".databasechangelog ORDER BY orderexecuted");
            assertThat(applied).as("each changeset of the changelog ran once, in order").containsExactlyElementsOf(changeSetIds());
            assertThat(strings(s, "SELECT count(*)::text FROM " + schema + ".threads")).containsExactly("2");
        }
    }

    @Test
    void environmentVariablesOpenTheStoreWithTheirPoolSize() {
        StoreUri server = PostgresTestDatabase.server();
        Map<String, String> env = new HashMap<>();
        env.put("TYLER_DB_TYPE", "postgresql");
        env.put("TYLER_DB_HOST", server.host().orElse("localhost"));
        env.put("TYLER_DB_PORT", String.valueOf(server.port().orElse(5432)));
        env.put("TYLER_DB_NAME", server.database());
        env.put("TYLER_DB_USER", server.user().orElse("postgres"));
        env.put("TYLER_DB_PASSWORD", server.password().orElse(""));
        env.put("TYLER_DB_POOL_SIZE", "2");
        env.put("TYLER_DB_MAX_OVERFLOW", "3");
        StoreUri uri = StoreEnvironment.threadStoreUri(env).withOptions(Map.of("schema", database.newSchema()));
        ThreadStore store = database.track(StoreProviders.openThreadStore(uri));

        ChatThread saved = store.save(ChatThread.create());
        assertThat(store.get(saved.id())).contains(saved);
        DataSource pool = store.dataSource().orElseThrow();
        assertThat(pool).isInstanceOf(HikariDataSource.class);
        assertThat(((HikariDataSource) pool).getMaximumPoolSize()).isEqualTo(5);
        server.password().ifPresent(p -> assertThat(store.databaseUrl().orElseThrow()).doesNotContain(":" + p + "@")
                .contains(":****@"));
    }

    @Test
    void driverOptionsPassThroughToTheConnection() throws SQLException {
        String url = PostgresTestDatabase.url(database.newSchema()) + "&ApplicationName=threadstore-test-app&sslmode=prefer";
        ThreadStore store = database.track(ThreadStore.create(url));
        try (Connection c = store.dataSource().orElseThrow().getConnection(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SHOW application_name")).containsExactly("threadstore-test-app");
        }
    }

    @Test
    void sqlAlchemyAndJdbcSpellingsOpenTheSameDatabase() {
        String schema = database.newSchema();
        String url = PostgresTestDatabase.url(schema);
        ChatThread saved = open(schema).save(ChatThread.create().withTitle("shared"));
        ThreadStore asyncpg = database.track(ThreadStore.create(url.replace("postgresql://", "postgresql+asyncpg://")));
        ThreadStore jdbc = database.track(ThreadStore.create("jdbc:" + url));
        ThreadStore postgres = database.track(ThreadStore.create(url.replace("postgresql://", "postgres://")));
        assertThat(asyncpg.get(saved.id())).contains(saved);
        assertThat(jdbc.get(saved.id())).contains(saved);
        assertThat(postgres.get(saved.id())).contains(saved);
    }

    @Test
    void databaseUrlAndToStringMaskThePassword() {
        StoreUri server = PostgresTestDatabase.server();
        ThreadStore store = open(database.newSchema());
        assertThat(store.databaseUrl()).isPresent();
        server.password().ifPresent(p -> {
            assertThat(store.databaseUrl().orElseThrow()).doesNotContain(":" + p + "@");
            assertThat(store.toString()).doesNotContain(":" + p + "@");
        });
    }

    /** The ids of the changelog's changesets, in order. */
    private static List<String> changeSetIds() throws java.io.IOException {
        List<String> ids = new ArrayList<>();
        try (var in = PostgresDialect.class.getClassLoader().getResourceAsStream("dev/threadstore/postgres/changelog.xml")) {
            var m = java.util.regex.Pattern.compile("<changeSet id=\"([^\"]+)\"")
                    .matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** The first page of summaries under these filters, as the store asks for it. */
    private static SummaryQuery summaries(@Nullable CandidateQuery attributes, @Nullable CandidateQuery source) {
        return new SummaryQuery(attributes, source, null, null, null, null, null, 50, Instant.now());
    }

    /** The plan PostgreSQL chooses for a page of summaries, its parameters bound exactly as MyBatis binds them. */
    private static String explain(ThreadStore store, Connection c, SummaryQuery query) throws SQLException {
        MappedStatement ms = store.unwrap(SqlSessionFactory.class).orElseThrow().getConfiguration()
                .getMappedStatement("dev.threadstore.sql.ThreadMapper.selectSummaries");
        BoundSql sql = ms.getBoundSql(query);
        List<String> plan = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.getSql())) {
            new DefaultParameterHandler(ms, query, sql).setParameters(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        return String.join("\n", plan);
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String fullText(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }
}
