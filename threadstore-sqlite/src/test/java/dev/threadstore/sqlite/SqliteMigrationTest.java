package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema migration on SQLite: migrate=false writes nothing, the migration lock is bounded and tidy. */
class SqliteMigrationTest {

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("threads.db");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void migrateFalseOnAMissingFileCreatesNothingAndSaysWhatIsMissing() throws IOException {
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + db() + "?migrate=false"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("migrate=false")
                .hasMessageContaining("1-threads");
        assertThat(files()).isEmpty();
    }

    @Test
    void migrateFalseOnAnUnmigratedDatabaseWritesNothingAndListsThePendingChangesets() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE unrelated (x INTEGER)");
        }
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + db() + "?migrate=false"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("pending")
                .hasMessageContaining("1-threads")
                .hasMessageContaining("2-message-digest-v2");
        assertThat(tables()).containsExactly("unrelated");
        assertThat(files()).doesNotContain("threads.db.migration-lock");
    }

    @Test
    void migrateFalseOnAnUpToDateDatabaseTakesNoMigrationLock() throws IOException {
        try (ThreadStore store = ThreadStore.create("sqlite:" + db())) {
            store.save(ChatThread.create());
        }
        Files.delete(SqliteMigrationLock.lockFile(db()));
        try (ThreadStore store = ThreadStore.create("sqlite:" + db() + "?migrate=false")) {
            assertThat(store.listRecent()).hasSize(1);
        }
        assertThat(files()).doesNotContain("threads.db.migration-lock");
    }

    /**
     * An up-to-date database skips Liquibase: its recorded changesets match this release's, so opening takes no
     * migration lock and does not wait for another process that holds it.
     */
    @Test
    void anUpToDateDatabaseOpensWithoutTheMigrationLockWhileAnotherProcessHoldsIt() throws IOException {
        try (ThreadStore store = ThreadStore.create("sqlite:" + db())) {
            store.save(ChatThread.create());
        }
        Files.delete(SqliteMigrationLock.lockFile(db()));
        try (SqliteMigrationLock held = SqliteMigrationLock.take(db(), Duration.ofSeconds(1))) {
            try (ThreadStore store = ThreadStore.create("sqlite:" + db() + "?migrationLockTimeout=1")) {
                assertThat(store.listRecent()).hasSize(1);
            }
        }
    }

    @Test
    void aDatabaseOneChangesetBehindStillMigratesUnderTheLock() throws Exception {
        try (ThreadStore store = ThreadStore.create("sqlite:" + db())) {
            store.save(ChatThread.builder().id("kept").build());
        }
        sql("DROP INDEX threads_expires_at", "ALTER TABLE threads DROP COLUMN expires_at",
                "DELETE FROM DATABASECHANGELOG WHERE ID = '5-thread-expiry'");
        try (SqliteMigrationLock held = SqliteMigrationLock.take(db(), Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> ThreadStore.create("sqlite:" + db() + "?migrationLockTimeout=1"))
                    .as("a pending changeset waits for the migration lock")
                    .isInstanceOf(StoreUnavailableException.class);
        }
        try (ThreadStore store = ThreadStore.create("sqlite:" + db())) {
            assertThat(store.get("kept")).isPresent();
            store.save(store.get("kept").orElseThrow().withExpiresAt(java.time.Instant.now().minusSeconds(1)));
            assertThat(store.get("kept")).isEmpty();
        }
        assertThat(changeSetIds()).contains("5-thread-expiry");
    }

    @Test
    void aTamperedChecksumIsReportedByLiquibaseAsBefore() throws Exception {
        try (ThreadStore store = ThreadStore.create("sqlite:" + db())) {
            store.save(ChatThread.create());
        }
        sql("UPDATE DATABASECHANGELOG SET MD5SUM = '9:00000000000000000000000000000000' WHERE ID = '1-threads'");
        for (String options : List.of("", "?migrate=false")) {
            assertThatThrownBy(() -> ThreadStore.create("sqlite:" + db() + options))
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasStackTraceContaining("1-threads")
                    .hasStackTraceContaining("check sum");
        }
    }

    @Test
    void aTakenLiquibaseLockSendsTheOpenToLiquibaseWhichReleasesALeftover() throws Exception {
        try (ThreadStore store = ThreadStore.create("sqlite:" + db())) {
            store.save(ChatThread.create());
        }
        sql("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 1, LOCKEDBY = 'a process that died'");
        try (ThreadStore store = ThreadStore.create("sqlite:" + db())) {
            assertThat(store.listRecent()).hasSize(1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM DATABASECHANGELOGLOCK WHERE LOCKED = 1")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the full path released the leftover lock").isZero();
        }
    }

    @Test
    void threadsOpeningANewFileTogetherAllOpenOneSchema() throws Exception {
        int stores = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(stores);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> opened = new ArrayList<>();
            for (int i = 0; i < stores; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    try (ThreadStore store = ThreadStore.create("sqlite:" + db())) {
                        return store.save(ChatThread.create()).id();
                    }
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (java.util.concurrent.Future<String> f : opened) {
                ids.add(f.get());
            }
            try (ThreadStore store = ThreadStore.create("sqlite:" + db())) {
                assertThat(store.listRecent()).extracting(ChatThread::id).containsExactlyInAnyOrderElementsOf(ids);
            }
            long expected = dev.threadstore.sql.ChangeSetChecksums.stored(new SqliteDialect()).orElseThrow().lines()
                    .filter(line -> !line.startsWith("#")).count();
            assertThat(changeSetIds()).doesNotHaveDuplicates().hasSize((int) expected);
        } finally {
            pool.shutdownNow();
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private List<String> changeSetIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID FROM DATABASECHANGELOG")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    @Test
    void openingAStoreLeavesJavaUtilLoggingAlone() {
        java.util.logging.Logger liquibase = java.util.logging.Logger.getLogger("liquibase");
        java.util.logging.Level before = liquibase.getLevel();
        try (ThreadStore store = ThreadStore.create("sqlite:" + db())) {
            assertThat(liquibase.getLevel()).isEqualTo(before).isNull();
        }
    }

    @Test
    void waitingForAnotherMigrationIsBoundedAndNamesTheHolder() throws IOException {
        try (SqliteMigrationLock held = SqliteMigrationLock.take(db(), Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> ThreadStore.create("sqlite:" + db() + "?migrationLockTimeout=1"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("migrationLockTimeout")
                    .hasMessageContaining("threads.db.migration-lock")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        try (ThreadStore store = ThreadStore.create("sqlite:" + db() + "?migrationLockTimeout=1")) {
            assertThat(store.listRecent()).isEmpty();
        }
    }

    @Test
    void aBadMigrationLockTimeoutIsAConfigurationError() {
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + db() + "?migrationLockTimeout=soon"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("migrationLockTimeout");
    }

    @Test
    void theInProcessLockRegistryDoesNotGrowWithEveryDatabase() throws IOException {
        int before = SqliteMigrationLock.tracked();
        for (int i = 0; i < 200; i++) {
            try (SqliteMigrationLock lock = SqliteMigrationLock.take(dir.resolve("db" + i), Duration.ofSeconds(1))) {
                assertThat(SqliteMigrationLock.tracked()).isEqualTo(before + 1);
            }
        }
        assertThat(SqliteMigrationLock.tracked()).isEqualTo(before);
    }

    @Test
    void closingReleasesTheChannelAndTheInProcessLockEvenWhenReleasingTheFileLockFails() throws IOException {
        Path file = dir.resolve("x.migration-lock");
        Path key = file.toAbsolutePath().normalize();
        int before = SqliteMigrationLock.tracked();
        SqliteMigrationLock.Local local = SqliteMigrationLock.enter(key);
        local.lock.acquireUninterruptibly();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock failing = new FileLock(channel, 0, Long.MAX_VALUE, false) {
            @Override
            public boolean isValid() {
                return true;
            }

            @Override
            public void release() throws IOException {
                throw new IOException("injected release failure");
            }
        };
        SqliteMigrationLock lock = new SqliteMigrationLock(key, local, channel, failing);

        assertThatThrownBy(lock::close).hasMessageContaining("injected release failure");
        assertThat(channel.isOpen()).isFalse();
        assertThat(local.lock.availablePermits()).isEqualTo(1);
        assertThat(SqliteMigrationLock.tracked()).isEqualTo(before);
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
