package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A process killed mid-migration leaves Liquibase's lock row taken. Liquibase alone would make every later
 * start wait five minutes and fail; the dialect's advisory lock proves no one else is migrating, so the
 * leftover is released and the store opens.
 */
class LeftoverMigrationLockTest {

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    @Test
    void aLiquibaseLockLeftByAKilledMigrationIsReleasedAndTheStoreOpens() throws SQLException {
        String schema = database.newSchema();
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            s.execute("CREATE TABLE " + schema + ".databasechangeloglock (id INTEGER NOT NULL PRIMARY KEY, "
                    + "locked BOOLEAN NOT NULL, lockgranted TIMESTAMP WITHOUT TIME ZONE, lockedby VARCHAR(255))");
            s.execute("INSERT INTO " + schema + ".databasechangeloglock VALUES (1, TRUE, now(), 'a process that was killed')");
        }

        ThreadStore store = database.track(ThreadStore.create(PostgresTestDatabase.url(schema) + "&poolTimeout=20"));
        ChatThread saved = store.save(ChatThread.create("after the crash"));

        assertThat(store.get(saved.id())).contains(saved);
        try (Connection c = PostgresTestDatabase.connect(); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT locked FROM " + schema + ".databasechangeloglock")) {
            r.next();
            assertThat(r.getBoolean(1)).as("Liquibase's lock is free again").isFalse();
        }
    }

    @Test
    void aMigrationRunningElsewhereIsWaitedForAtMostTheTimeoutThenItsHolderIsNamed() throws SQLException {
        String schema = database.newSchema();
        String url = PostgresTestDatabase.url(schema) + "&migrationLockTimeout=1";
        try (Connection holder = PostgresTestDatabase.connect(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("SET LOCAL application_name = 'the other migration'");
            s.execute("SELECT pg_advisory_xact_lock(hashtext('threadstore migration " + schema + "'))");

            assertThatThrownBy(() -> ThreadStore.create(url))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("migrationLockTimeout")
                    .hasMessageContaining("'" + schema + "'")
                    .hasMessageContaining("the other migration");

            // The lock lasts one transaction: when the holder's transaction ends, the lock is gone.
            holder.rollback();
        }
        ThreadStore store = database.track(ThreadStore.create(url));
        ChatThread saved = store.save(ChatThread.create("after the other migration"));
        assertThat(store.get(saved.id())).contains(saved);
    }
}
