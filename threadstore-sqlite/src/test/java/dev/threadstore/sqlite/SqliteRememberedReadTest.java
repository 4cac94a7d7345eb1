package dev.threadstore.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.sql.testkit.AbstractRememberedReadTest;
import dev.threadstore.sql.testkit.StatementLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The remembered read on SQLite files, three stores on one file: see {@link AbstractRememberedReadTest}. */
class SqliteRememberedReadTest extends AbstractRememberedReadTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final List<HikariDataSource> pools = new ArrayList<>();

    @TempDir
    Path dir;

    @Override
    protected String newUrl() {
        return "sqlite:" + dir.resolve("threads" + COUNTER.incrementAndGet() + ".db");
    }

    @Override
    protected ThreadStore openLogged(StatementLog log) {
        HikariDataSource pool = SqliteDataSourceTckTest.sqlitePool(newUrl());
        pools.add(pool);
        return ThreadStore.create(log.wrap(pool), Map.of());
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }
}
