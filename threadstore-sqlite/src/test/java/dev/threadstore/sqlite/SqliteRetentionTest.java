package dev.threadstore.sqlite;

import dev.threadstore.sql.testkit.AbstractRetentionTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** Retention on SQLite files: see {@link AbstractRetentionTest}; two stores on one file take turns on its lock. */
class SqliteRetentionTest extends AbstractRetentionTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    Path dir;

    @Override
    protected String newUrl() {
        return "sqlite:" + dir.resolve("threads" + COUNTER.incrementAndGet() + ".db");
    }

    @Override
    protected void undoTheExpiryChangeset(String url) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:" + url); Statement s = c.createStatement()) {
            s.execute("DROP INDEX threads_expires_at");
            s.execute("ALTER TABLE threads DROP COLUMN expires_at");
            s.execute("DELETE FROM DATABASECHANGELOG WHERE ID = '5-thread-expiry'");
        }
    }
}
