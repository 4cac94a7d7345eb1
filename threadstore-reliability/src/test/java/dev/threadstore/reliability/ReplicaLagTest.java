package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.ThreadStore;
import dev.threadstore.postgres.ReplicatedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How far a read replica ({@code readUrl}) trails the primary: the time from a {@code save} returning (its
 * transaction committed on the primary) to the thread's row being visible on a real streaming standby
 * ({@link ReplicatedPostgres}), over some hundreds of saves, once with an asynchronous standby (PostgreSQL's
 * default, the usual read replica) and once with a synchronous one ({@code synchronous_commit = on}: the primary
 * waits for the standby's flush, not for its replay, so a read may still trail). Every save must become visible on
 * the replica, and a listing through the store's read pool must show the last one; the figures are reported, not
 * asserted (performance is not a test's verdict).
 */
@Order(3)
@ExtendWith(ReliabilityReport.class)
class ReplicaLagTest {

    private static final int WRITES = 400;
    /** A save that is not on the replica after this long counts as lost: replication is broken, not slow. */
    private static final long VISIBLE_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Pause between two probes of the replica, so the probing does not starve the replay on a busy machine. */
    private static final long PROBE_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    /** The lags of one run, in nanoseconds, sorted. */
    record Lags(long[] sorted) {

        static Lags of(long[] nanos) {
            long[] copy = nanos.clone();
            Arrays.sort(copy);
            return new Lags(copy);
        }

        /** @return the lag at the given percentile (nearest rank), in milliseconds */
        double percentileMillis(double percentile) {
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }

        double maxMillis() {
            return sorted[sorted.length - 1] / 1e6;
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everySaveReachesTheReadReplicaAndTheLagIsMeasured(Scenario scenario) throws Exception {
        scenario.describe(Area.OUTAGES, "Read replica lag (readUrl)", "postgresql");
        Path bin = binaries();
        scenario.tried("%d sequential saves of a new thread through a store with readUrl on a real streaming standby"
                + " (PostgreSQL %s, initdb/pg_basebackup, fsync off), asynchronous then synchronous standby; lag = from"
                + " save returning to the row answering SELECT on the standby (probed every ~0.1 ms)", WRITES,
                bin.getParent().getFileName());
        for (boolean synchronous : List.of(false, true)) {
            Run run = measure(bin, synchronous);
            Lags lags = run.lags();
            scenario.found("%s standby: all %d saves visible on the replica; lag p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
                            + " max %.2f ms (one probe of a row already there: p50 %.2f ms)",
                    synchronous ? "synchronous" : "asynchronous", WRITES, lags.percentileMillis(50),
                    lags.percentileMillis(90), lags.percentileMillis(99), lags.maxMillis(),
                    run.probe().percentileMillis(50));
        }
    }

    /** The lags of one run, and the time one probe takes when the row is already there (the resolution). */
    record Run(Lags lags, Lags probe) {
    }

    private static Run measure(Path bin, boolean synchronous) throws Exception {
        try (ReplicatedPostgres servers = ReplicatedPostgres.start(bin, synchronous)) {
            String primary = "127.0.0.1:" + servers.primaryPort();
            String standby = "127.0.0.1:" + servers.standbyPort();
            try (ThreadStore store = ThreadStore.create(ReplicatedPostgres.url(primary, "schema=replica_lag"),
                    Map.of("readUrl", "postgresql://" + standby + "/postgres"));
                 Connection replica = ReplicatedPostgres.connect(servers.standbyPort())) {
                awaitVisible(replica, store.save(ChatThread.create("warm-up")).id());
                long[] lags = new long[WRITES];
                String last = null;
                for (int i = 0; i < WRITES; i++) {
                    last = store.save(ChatThread.create("lag " + i)).id();
                    long committed = System.nanoTime();
                    lags[i] = awaitVisible(replica, last) - committed;
                }
                String lastId = last;
                assertThat(store.listRecent(1)).as("the newest thread, listed through the read pool on the replica")
                        .extracting(ChatThread::id).containsExactly(lastId);
                long[] probes = new long[100];
                for (int i = 0; i < probes.length; i++) {
                    long start = System.nanoTime();
                    probes[i] = awaitVisible(replica, lastId) - start;
                }
                return new Run(Lags.of(lags), Lags.of(probes));
            }
        }
    }

    /** Probes the standby until the thread's row is there; fails if it is not there within the bound. */
    private static long awaitVisible(Connection replica, String threadId) throws SQLException {
        long deadline = System.nanoTime() + VISIBLE_WITHIN_NANOS;
        try (PreparedStatement probe = replica.prepareStatement("SELECT 1 FROM replica_lag.threads WHERE id = ?")) {
            probe.setString(1, threadId);
            while (true) {
                try (ResultSet r = probe.executeQuery()) {
                    if (r.next()) {
                        return System.nanoTime();
                    }
                } catch (SQLException e) {
                    // The schema itself may not have been replayed yet before the warm-up thread arrives.
                    if (!"42P01".equals(e.getSQLState()) && !"3F000".equals(e.getSQLState())) {
                        throw e;
                    }
                }
                if (System.nanoTime() > deadline) {
                    Assertions.fail("thread " + threadId + " was not on the replica "
                            + TimeUnit.NANOSECONDS.toSeconds(VISIBLE_WITHIN_NANOS) + " s after its save returned");
                }
                LockSupport.parkNanos(PROBE_PAUSE_NANOS);
            }
        }
    }

    /** The installed server binaries; without them a skip, or a failure with -Dthreadstore.requirePostgres=true. */
    private static Path binaries() {
        return ReplicatedPostgres.installedBinaries().orElseGet(() -> {
            String message = "No PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) under /usr/lib/postgresql/<version>/bin;"
                    + " install the server package to measure the replica lag";
            if (Boolean.getBoolean("threadstore.requirePostgres")) {
                Assertions.fail(message + " (-Dthreadstore.requirePostgres=true makes a skip a failure)");
            }
            Assumptions.abort(message);
            return null;
        });
    }
}
