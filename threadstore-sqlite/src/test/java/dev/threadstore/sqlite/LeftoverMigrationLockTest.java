package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.ThreadStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed mid-migration leaves Liquibase's lock row taken. Liquibase alone would make every later
 * start wait five minutes and fail; the OS lock beside the file proves no one else is migrating, so the
 * leftover is released and the store opens.
 */
class LeftoverMigrationLockTest {

    @TempDir
    Path dir;

    @Test
    void aLiquibaseLockLeftByAKilledMigrationIsReleasedAndTheStoreOpens() throws SQLException {
        Path file = dir.resolve("crashed.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE DATABASECHANGELOGLOCK (ID INTEGER NOT NULL PRIMARY KEY, LOCKED BOOLEAN NOT NULL, "
                    + "LOCKGRANTED TEXT, LOCKEDBY VARCHAR(255))");
            s.execute("INSERT INTO DATABASECHANGELOGLOCK VALUES (1, 1, '2026-01-01 00:00:00', 'a process that was killed')");
        }

        try (ThreadStore store = ThreadStore.create("sqlite:" + file)) {
            ChatThread saved = store.save(ChatThread.create("after the crash"));
            assertThat(store.get(saved.id())).contains(saved);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT LOCKED FROM DATABASECHANGELOGLOCK")) {
            r.next();
            assertThat(r.getBoolean(1)).as("Liquibase's lock is free again").isFalse();
        }
    }
}
