package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.spi.StoreUri;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SetupRetryingDataSourceTest {

    @TempDir
    Path dir;

    /**
     * Many connections setting up new files at once: with the driver's plain data source, some of them fail with
     * SQLITE_BUSY while switching the file to WAL (6 of 6,400 in a run of 200 files here); through the dialect's data
     * source every one opens, in WAL mode.
     */
    @Test
    void connectionsSettingUpANewFileTogetherAllOpen() throws Exception {
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> failures = new ArrayList<>();
        try {
            for (int f = 0; f < 100; f++) {
                HikariConfig config = new HikariConfig();
                new SqliteDialect().configure(config, StoreUri.parse("sqlite:" + dir.resolve("new-" + f + ".db")));
                DataSource dataSource = config.getDataSource();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> opened = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                             ResultSet mode = s.executeQuery("PRAGMA journal_mode")) {
                            mode.next();
                            return mode.getString(1);
                        }
                    }));
                }
                start.countDown();
                for (Future<String> connection : opened) {
                    try {
                        assertThat(connection.get(60, TimeUnit.SECONDS)).isEqualToIgnoringCase("wal");
                    } catch (ExecutionException e) {
                        failures.add(String.valueOf(e.getCause()));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aBusySetUpIsTriedAgainUntilItOpens() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String opened = SetupRetryingDataSource.retryingBusy(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new SQLiteException("busy", attempts.get() == 1 ? SQLiteErrorCode.SQLITE_BUSY
                        : SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT);
            }
            return "connection";
        }, TimeUnit.SECONDS.toNanos(30));
        assertThat(opened).isEqualTo("connection");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anyOtherFailureIsTheCallersAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> SetupRetryingDataSource.retryingBusy(() -> {
            attempts.incrementAndGet();
            throw new SQLiteException("cannot open", SQLiteErrorCode.SQLITE_CANTOPEN);
        }, TimeUnit.SECONDS.toNanos(30))).isInstanceOf(SQLiteException.class).hasMessageContaining("cannot open");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aFileThatStaysBusyFailsOnceTheBusyTimeoutHasPassed() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> SetupRetryingDataSource.retryingBusy(() -> {
            attempts.incrementAndGet();
            throw new SQLiteException("still busy", SQLiteErrorCode.SQLITE_BUSY);
        }, TimeUnit.MILLISECONDS.toNanos(50))).isInstanceOf(SQLiteException.class).hasMessageContaining("still busy");
        assertThat(attempts.get()).isGreaterThan(1);
    }
}
