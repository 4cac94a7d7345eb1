package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadStoreException;
import dev.threadstore.spi.StoreEnvironment;
import dev.threadstore.spi.StoreOptions;
import dev.threadstore.spi.StoreProviders;
import dev.threadstore.sql.ThreadMapper;
import dev.threadstore.sql.testkit.StatementLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the SQLite backend promises beyond the TCK: files, schema versions, indexes, options and errors. */
class SqliteStoreTest {

    @TempDir
    Path dir;

    private String url() {
        return "sqlite:" + dir.resolve("threads.db");
    }

    @Test
    void aLimitedListingReadsTheRowsItReturnsNotABatch() {
        StatementLog log = new StatementLog();
        try (HikariDataSource pool = SqliteDataSourceTckTest.sqlitePool(url());
             ThreadStore store = ThreadStore.create(log.wrap(pool), Map.of())) {
            for (int i = 0; i < 200; i++) {
                store.save(ChatThread.builder().id("t" + i).messages(List.of(Message.user("m" + i))).build());
            }
            List<String> all = store.listRecent().stream().map(ChatThread::id).toList();

            log.clear();
            List<String> recent = store.listRecent(5).stream().map(ChatThread::id).toList();

            assertThat(recent).isEqualTo(all.subList(0, 5));
            // 5 summary rows, then 5 threads of one message: far from the 200 a batch of 1000 would read
            assertThat(log.rowsRead()).isLessThanOrEqualTo(20);
            for (int[] window : new int[][] {{0, 0}, {1, 0}, {7, 3}, {50, 190}, {10, 200}, {1000, 0}}) {
                assertThat(store.list(window[0], window[1]).stream().map(ChatThread::id).toList())
                        .as("list(%d, %d)", window[0], window[1])
                        .isEqualTo(all.subList(Math.min(window[1], all.size()),
                                Math.min(window[1] + window[0], all.size())));
            }
        }
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        ChatThread saved;
        try (ThreadStore store = ThreadStore.create(url())) {
            saved = store.save(ChatThread.create("kept").withMessage(Message.user("hello"))
                    .withAttribute("team", "blue"));
            store.append(saved.id(), List.of(Message.assistant("hi")));
            saved = store.get(saved.id()).orElseThrow();
        }
        try (ThreadStore store = ThreadStore.create(url())) {
            assertThat(store.get(saved.id())).contains(saved);
            assertThat(store.findByAttributes(Map.of("team", "blue"))).containsExactly(saved);
        }
    }

    @Test
    void reopeningAnUpToDateDatabaseRunsNoChangeset() throws SQLException {
        List<String> before;
        try (ThreadStore store = ThreadStore.create(url())) {
            before = changelogRows(store.dataSource().orElseThrow());
        }
        assertThat(before).hasSizeGreaterThan(0);
        try (ThreadStore store = ThreadStore.create(url())) {
            assertThat(changelogRows(store.dataSource().orElseThrow())).isEqualTo(before);
        }
        try (ThreadStore store = ThreadStore.create(url() + "?migrate=false")) {
            assertThat(changelogRows(store.dataSource().orElseThrow())).isEqualTo(before);
        }
    }

    private static List<String> changelogRows(DataSource dataSource) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, dateexecuted, orderexecuted FROM databasechangelog ORDER BY orderexecuted")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "@" + rs.getString(2) + "#" + rs.getInt(3));
            }
        }
        return rows;
    }

    @Test
    void migrateFalseOnASchemaThatIsBehindFailsNamingThePendingChangesets() throws SQLException {
        try (ThreadStore store = ThreadStore.create(url())) {
            try (Connection c = store.dataSource().orElseThrow().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM databasechangelog WHERE id = '1-thread-index-triggers'");
            }
        }
        assertThatThrownBy(() -> ThreadStore.create(url(), Map.of("migrate", "false")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("behind")
                .hasMessageContaining("1-thread-index-triggers")
                .hasMessageContaining(dir.resolve("threads.db").toString());
    }

    @Test
    void migrateFalseOnAnEmptyDatabaseFails() {
        assertThatThrownBy(() -> ThreadStore.create(url() + "?migrate=false"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("migrate=false");
    }

    /**
     * findByAttributes / findBySource return every match, so they drive from thread_index: their cost follows the
     * matches. (Routed through the summaries walk, a query matching one thread of 20,000 read all 20,000: the
     * benchmark's find-attributes went from 1.8 ms at 1,000 threads to 40 ms at 20,000.)
     */
    @Test
    void findQueriesDriveFromTheIndexInsteadOfWalkingEveryThread() throws SQLException {
        try (ThreadStore store = ThreadStore.create(url())) {
            saveTwentyTaggedThreads(store);
            ThreadMapper.CandidateQuery attributes = TEAM_T1_N_4;
            assertThat(queryPlan(store, "selectCandidateIds", attributes))
                    .contains("USING COVERING INDEX thread_index_lookup")
                    .doesNotContain("SCAN t ").doesNotContain("SCAN threads");
            assertThat(store.findByAttributes(Map.of("team", "t1", "n", 4))).extracting(ChatThread::title)
                    .containsExactly("t4");

            ThreadMapper.CandidateQuery source = new ThreadMapper.CandidateQuery("slack", "{}",
                    List.of(new ThreadMapper.IndexEntry("channel", "text", "C2")));
            assertThat(queryPlan(store, "selectCandidateIds", source))
                    .contains("USING COVERING INDEX thread_index_lookup").doesNotContain("SCAN t ");
            ThreadMapper.CandidateQuery sourceOnly = new ThreadMapper.CandidateQuery("slack", "{}", List.of());
            assertThat(queryPlan(store, "selectCandidateIds", sourceOnly)).contains("USING INDEX threads_source");
            assertThat(store.findBySource("slack", Map.of("channel", "C2"))).hasSize(5);
        }
    }

    @Test
    void attributeAndSourceQueriesProbeTheIndexByKeyInsteadOfScanningIt() throws SQLException {
        try (ThreadStore store = ThreadStore.create(url())) {
            saveTwentyTaggedThreads(store);
            ThreadMapper.CandidateQuery attributes = TEAM_T1_N_4;
            String plan = queryPlan(store, "selectSummaries", summaries(attributes, null));
            assertThat(plan).as("a page walks the list order and probes each entry by the thread's key")
                    .contains("USING INDEX threads_list").contains("SEARCH j EXISTS USING INDEX")
                    .contains("(thread_id=? AND scope=? AND key=?)").doesNotContain("SCAN j").doesNotContain("SCAN i");
            assertThat(store.findByAttributes(Map.of("team", "t1", "n", 4))).extracting(ChatThread::title)
                    .containsExactly("t4");

            ThreadMapper.CandidateQuery source = new ThreadMapper.CandidateQuery("slack", "{}",
                    List.of(new ThreadMapper.IndexEntry("channel", "text", "C2")));
            assertThat(queryPlan(store, "selectSummaries", summaries(null, source)))
                    .contains("SEARCH t USING INDEX threads_source").doesNotContain("SCAN t").doesNotContain("SCAN j");
            ThreadMapper.CandidateQuery sourceOnly = new ThreadMapper.CandidateQuery("slack", "{}", List.of());
            assertThat(queryPlan(store, "selectSummaries", summaries(null, sourceOnly)))
                    .contains("SEARCH t USING INDEX threads_source").doesNotContain("SCAN t");
            assertThat(store.findBySource("slack", Map.of("channel", "C2"))).hasSize(5);
        }
    }

    /** The first page of summaries under these filters, as the store asks for it. */
    private static ThreadMapper.SummaryQuery summaries(ThreadMapper.@Nullable CandidateQuery attributes,
                                                       ThreadMapper.@Nullable CandidateQuery source) {
        return new ThreadMapper.SummaryQuery(attributes, source, null, null, null, null, null, 50, Instant.now());
    }

    @Test
    void appendFindsTheLastSequenceAndMessageLookupsThroughIndexes() throws SQLException {
        try (ThreadStore store = ThreadStore.create(url())) {
            assertThat(queryPlan(store, "selectMaxSequence", "thread")).contains("SEARCH messages USING COVERING INDEX");
            assertThat(queryPlan(store, "selectThreadIdsByMessageId", "message")).contains("USING INDEX messages_id")
                    .doesNotContain("SCAN messages");
        }
    }

    /** EXPLAIN QUERY PLAN of one mapper statement, with its parameters bound exactly as MyBatis binds them. */
    /** The attribute query {@code team = t1, n = 4} as the store sends it to the index: it matches thread t4. */
    private static final ThreadMapper.CandidateQuery TEAM_T1_N_4 = new ThreadMapper.CandidateQuery(null, "{}",
            List.of(new ThreadMapper.IndexEntry("team", "text", "t1"), new ThreadMapper.IndexEntry("n", "number", 4L)));

    /** Threads t0..t19 with attributes n = i and team = t(i % 3), and Slack channel C(i % 4). */
    private static void saveTwentyTaggedThreads(ThreadStore store) {
        for (int i = 0; i < 20; i++) {
            store.save(ChatThread.create("t" + i).withAttribute("n", (long) i).withAttribute("team", "t" + (i % 3))
                    .withSource(new ThreadSource("slack", Map.of("channel", "C" + (i % 4)))));
        }
    }

    private static String queryPlan(ThreadStore store, String statement, Object parameter) throws SQLException {
        SqlSessionFactory factory = store.unwrap(SqlSessionFactory.class).orElseThrow();
        MappedStatement ms = factory.getConfiguration().getMappedStatement("dev.threadstore.sql.ThreadMapper." + statement);
        BoundSql sql = ms.getBoundSql(parameter);
        StringBuilder plan = new StringBuilder();
        try (Connection c = store.dataSource().orElseThrow().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql.getSql())) {
            new DefaultParameterHandler(ms, parameter, sql).setParameters(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString("detail")).append('\n');
                }
            }
        }
        return plan.toString();
    }

    @Test
    void savingAThousandMessageThreadAfterAddingOneWritesOneMessageRow() throws SQLException {
        try (ThreadStore store = ThreadStore.create(url())) {
            ChatThread thread = ChatThread.create("long");
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                messages.add(Message.user("message " + i));
            }
            thread = store.save(thread.withMessages(messages));
            try (Connection c = store.dataSource().orElseThrow().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE audit (op TEXT, id TEXT)");
                s.executeUpdate("CREATE TRIGGER audit_i AFTER INSERT ON messages BEGIN INSERT INTO audit VALUES ('insert', NEW.id); END");
                s.executeUpdate("CREATE TRIGGER audit_u AFTER UPDATE ON messages BEGIN INSERT INTO audit VALUES ('update', NEW.id); END");
                s.executeUpdate("CREATE TRIGGER audit_d AFTER DELETE ON messages BEGIN INSERT INTO audit VALUES ('delete', OLD.id); END");
            }
            Message added = Message.user("one more");
            thread = store.save(thread.withMessage(added));
            assertThat(audit(store)).containsExactly("insert " + added.id());

            Message changed = thread.messages().get(10).withAttribute("edited", true);
            List<Message> edited = new ArrayList<>(thread.messages());
            edited.set(10, changed);
            edited.remove(20);
            String removed = thread.messages().get(20).id();
            thread = store.save(thread.toBuilder().messages(edited).build());
            assertThat(audit(store)).containsExactly("insert " + added.id(), "delete " + removed, "update " + changed.id());
            assertThat(store.get(thread.id())).contains(thread);
        }
    }

    @Test
    void aSaveAfterAnotherStoreRecreatedTheThreadAtTheSameVersionWritesTheWholeDifference() {
        try (ThreadStore mine = ThreadStore.create(url()); ThreadStore other = ThreadStore.create(url())) {
            ChatThread thread = mine.save(ChatThread.create("shared")
                    .withMessages(List.of(Message.user("one"), Message.assistant("two"))));
            assertThat(other.delete(thread.id())).isTrue();
            ChatThread recreated = other.save(ChatThread.builder().id(thread.id())
                    .messages(List.of(Message.user("theirs"))).build());
            assertThat(recreated.version()).isEqualTo(thread.version());

            // Same id and version, other rows: this store's memory of the thread must not be trusted.
            ChatThread saved = mine.save(thread.withMessage(Message.user("three")));

            assertThat(other.get(thread.id())).contains(saved);
            assertThat(saved.messages()).extracting(Message::content).containsExactly("one", "two", "three");
        }
    }

    @Test
    void anAppendByAnotherStoreIsSeenByTheNextAppendAndSave() {
        try (ThreadStore mine = ThreadStore.create(url()); ThreadStore other = ThreadStore.create(url())) {
            ChatThread thread = mine.save(ChatThread.create("shared").withMessage(Message.user("one")));
            mine.append(thread.id(), List.of(Message.assistant("two")));
            Message theirs = Message.user("theirs");
            other.append(thread.id(), List.of(theirs));

            List<Message> appended = mine.append(thread.id(), List.of(Message.assistant("four"), theirs));

            assertThat(appended).extracting(Message::sequence).containsExactly(4, 3);
            ChatThread current = mine.get(thread.id()).orElseThrow();
            ChatThread saved = mine.save(current.withMessage(Message.user("five")));
            assertThat(other.get(thread.id())).contains(saved);
            assertThat(saved.messages()).extracting(Message::content)
                    .containsExactly("one", "two", "theirs", "four", "five");
        }
    }

    private static List<String> audit(ThreadStore store) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = store.dataSource().orElseThrow().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT op, id FROM audit ORDER BY rowid")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    @Test
    void timestampsAreStoredAsIntegerEpochMicroseconds() throws SQLException {
        try (ThreadStore store = ThreadStore.create(url())) {
            java.time.Instant created = java.time.Instant.parse("2024-02-29T23:59:59.123456Z");
            ChatThread saved = store.save(ChatThread.builder().createdAt(created).updatedAt(created).build());
            try (Connection c = store.dataSource().orElseThrow().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT typeof(created_at), created_at FROM threads WHERE id = ?")) {
                ps.setString(1, saved.id());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("integer");
                    assertThat(rs.getLong(2)).isEqualTo(1_709_251_199_123_456L);
                }
            }
            assertThat(store.get(saved.id()).orElseThrow().createdAt()).isEqualTo(created);
        }
    }

    /**
     * A get reads text columns as their UTF-8 bytes when the database's text is UTF-8 (every database threadstore
     * creates), and through the driver's decoding when it is not: a file created UTF-16 reads back the same text.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "UTF-16le", "UTF-16be"})
    void aGetReadsTheSameTextWhateverTheDatabasesTextEncoding(String encoding) throws SQLException {
        Path file = dir.resolve("encoded" + encoding + ".db");
        if (!encoding.isEmpty()) {
            try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = c.createStatement()) {
                s.execute("PRAGMA encoding = '" + encoding + "'");
                s.execute("CREATE TABLE fixes_the_encoding (x TEXT)");
                try (ResultSet rs = s.executeQuery("PRAGMA encoding")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualToIgnoringCase(encoding);
                }
            }
        }
        String text = "h\u00e9llo \u2713 \uD83D\uDE00 \u0000 end";
        ChatThread saved;
        try (ThreadStore store = ThreadStore.create("sqlite:" + file)) {
            saved = store.save(ChatThread.create("t\u00eftle \uD83D\uDE00").withAttribute("k\u00e9", "v\u2713")
                    .withMessage(Message.user(text)).withMessage(Message.assistant("ok \u00fc").toBuilder()
                            .name("n\u00e4me").attributes(Map.of("\u00e4", "\uD83D\uDE00")).build()));
        }
        try (ThreadStore reader = ThreadStore.create("sqlite:" + file)) {
            ChatThread read = reader.get(saved.id()).orElseThrow();
            assertThat(read).isEqualTo(saved);
            assertThat(read.messages().get(0).content()).isEqualTo(text);
        }
    }

    /** The epoch is stored as 0, which a NULL also reads as: each must read back as what it is, by a fresh store. */
    @Test
    void theEpochAndANullTimeReadBackAsThemselves() {
        Instant epoch = Instant.EPOCH;
        ChatThread saved;
        try (ThreadStore store = ThreadStore.create(url())) {
            saved = store.save(ChatThread.builder().createdAt(epoch).updatedAt(epoch)
                    .messages(List.of(Message.builder(Role.USER).content("at the epoch").timestamp(epoch).sequence(1)
                            .build())).build());
        }
        try (ThreadStore reader = ThreadStore.create(url())) {
            ChatThread read = reader.get(saved.id()).orElseThrow();
            assertThat(read.createdAt()).isEqualTo(epoch);
            assertThat(read.expiresAt()).isNull();
            assertThat(read.messages().get(0).timestamp()).isEqualTo(epoch);
        }
    }

    @Test
    void theDatabaseRunsInWalModeWithForeignKeysAndABusyTimeout() throws SQLException {
        try (ThreadStore store = ThreadStore.create(url() + "?busyTimeout=1234");
             Connection c = store.dataSource().orElseThrow().getConnection(); Statement s = c.createStatement()) {
            assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(s, "synchronous")).isEqualTo("1");
            assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(s, "busy_timeout")).isEqualTo("1234");
        }
    }

    private static String pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void everySqliteUrlFormOpensTheSameFile() {
        Path file = dir.resolve("forms.db");
        String id;
        try (ThreadStore store = ThreadStore.create("sqlite://" + file)) {
            id = store.save(ChatThread.create("forms")).id();
        }
        for (String url : List.of("sqlite+aiosqlite://" + file, "jdbc:sqlite:" + file, "sqlite:" + file)) {
            try (ThreadStore store = ThreadStore.create(url)) {
                assertThat(store.get(id)).as(url).isPresent();
                assertThat(store.databaseUrl()).hasValueSatisfying(u -> assertThat(u).contains(file.toString()));
            }
        }
    }

    @Test
    void inMemoryStoresAreSeparateAndLastAsLongAsTheStore() {
        try (ThreadStore first = ThreadStore.create(":memory:"); ThreadStore second = ThreadStore.create("sqlite::memory:")) {
            ChatThread saved = first.save(ChatThread.create("only in the first"));
            assertThat(first.get(saved.id())).contains(saved);
            assertThat(second.get(saved.id())).isEmpty();
            assertThat(second.list()).isEmpty();
        }
    }

    @Test
    void theEnvironmentConfiguresPathPoolAndEcho() {
        Path file = dir.resolve("env.db");
        Map<String, String> env = Map.of("TYLER_DB_TYPE", "sqlite", "TYLER_DB_PATH", file.toString(),
                "TYLER_DB_POOL_SIZE", "2", "TYLER_DB_MAX_OVERFLOW", "3");
        try (ThreadStore store = StoreProviders.openThreadStore(StoreEnvironment.threadStoreUri(env))) {
            HikariDataSource pool = (HikariDataSource) store.dataSource().orElseThrow();
            assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
            assertThat(pool.getMinimumIdle()).isEqualTo(2);
            store.save(ChatThread.create("from env"));
        }
        assertThat(file).exists();
    }

    @Test
    void echoLogsEveryStatementAtInfo() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ThreadStore store = ThreadStore.create(url() + "?echo=true")) {
            store.save(ChatThread.create("echoed"));
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("INFO").contains("INSERT INTO threads");
    }

    @Test
    void theReadCacheServesGetsAndFollowsThisStoresWrites() {
        try (ThreadStore store = ThreadStore.create(url() + "?cache=maximumSize=100,expireAfterWrite=60s")) {
            ChatThread saved = store.save(ChatThread.create("cached"));
            assertThat(store.get(saved.id())).contains(saved);
            ChatThread renamed = store.save(saved.withTitle("renamed"));
            assertThat(store.get(saved.id())).contains(renamed);
            store.append(saved.id(), List.of(Message.user("more")));
            assertThat(store.get(saved.id()).orElseThrow().messages()).hasSize(1);
            store.delete(saved.id());
            assertThat(store.get(saved.id())).isEmpty();
        }
    }

    @Test
    void unwrapGivesTheMyBatisFactoryAndTheDataSourceIsThePool() {
        try (ThreadStore store = ThreadStore.create(url())) {
            assertThat(store.unwrap(SqlSessionFactory.class)).isPresent();
            assertThat(store.dataSource()).containsInstanceOf(HikariDataSource.class);
            assertThat(store.unwrap(String.class)).isEmpty();
        }
    }

    @Test
    void anUnknownOptionFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> ThreadStore.create(url() + "?bogus=1"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("bogus").hasMessageContaining("busyTimeout").hasMessageContaining("poolSize");
    }

    @Test
    void theUnknownOptionErrorListsTheCataloguedSqliteOptionsAndNoOtherBackends() {
        assertThatThrownBy(() -> ThreadStore.create(url() + "?schema=app"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("Unknown option 'schema' for the SQLite store")
                .hasMessageEndingWith("known options: " + String.join(", ",
                        new java.util.TreeSet<>(StoreOptions.names(StoreOptions.SQLITE))))
                .hasMessageNotContaining("readUrl").hasMessageNotContaining("maximumSize");
    }

    @Test
    void badOptionValuesFailNamingTheOption() {
        assertThatThrownBy(() -> ThreadStore.create(url() + "?busyTimeout=-1"))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("busyTimeout");
        assertThatThrownBy(() -> ThreadStore.create(url() + "?poolSize=zero"))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> ThreadStore.create(url(), Map.of("cache", "maximumSize=lots")))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("cache");
        assertThatThrownBy(() -> ThreadStore.create(url() + "?echo=maybe"))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("echo");
    }

    @Test
    void aFileThatIsNotASqliteDatabaseFailsFromCreateNamingThePath() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are my notes, not a database\n".repeat(100));
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + file))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aCorruptDatabaseFailsFromCreateNamingThePath() throws Exception {
        Path file = dir.resolve("corrupt.db");
        try (ThreadStore store = ThreadStore.create("sqlite:" + file)) {
            store.save(ChatThread.create("soon lost"));
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < 100; i++) {
            bytes[i] = (byte) 0xA5;
        }
        Files.write(file, bytes);
        Files.deleteIfExists(dir.resolve("corrupt.db-wal"));
        Files.deleteIfExists(dir.resolve("corrupt.db-shm"));
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + file))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aMissingDirectoryFailsFromCreateNamingThePath() {
        Path file = dir.resolve("no/such/dir/threads.db");
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + file))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist");
        assertThat(dir.resolve("no")).doesNotExist();
    }

    @Test
    void aPathThatCannotBeWrittenFailsFromCreateNamingThePath() {
        // /proc accepts no new files, even for root; a directory is not a database file.
        for (String path : List.of("/proc/threadstore-test.db", dir.toString())) {
            assertThatThrownBy(() -> ThreadStore.create("sqlite:" + path))
                    .as(path)
                    .isInstanceOf(ThreadStoreException.class)
                    .satisfies(e -> assertThat(e).isInstanceOfAny(StoreConfigurationException.class,
                            dev.threadstore.StoreUnavailableException.class))
                    .hasMessageContaining(path);
        }
    }

    @Test
    void aPasswordGivenToSqliteNeverAppearsInMessagesOrUrls() {
        Path missing = dir.resolve("missing/t.db");
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + missing + "?password=hunter2"))
                .isInstanceOf(StoreConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        try (ThreadStore store = ThreadStore.create(url(), Map.of("password", "hunter2"))) {
            assertThat(store.databaseUrl().orElseThrow()).doesNotContain("hunter2");
            assertThat(store.toString()).doesNotContain("hunter2");
        }
    }
}
