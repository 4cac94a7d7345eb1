package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadStoreException;
import dev.threadstore.postgres.ReplicatedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The primary PostgreSQL server crashes under load and its standby is promoted: a store opened on a host list
 * ({@code targetServerType=primary}) carries on, the same instance, on the new primary, with every write it
 * acknowledged. The primary and its synchronous streaming standby are real clusters made for the test
 * ({@link ReplicatedPostgres}).
 */
@Order(3)
@ExtendWith(ReliabilityReport.class)
class FailoverTest {

    private static final int POOL_TIMEOUT_SECONDS = 3;

    /** One call of the load: when it started and ended, what it wrote, and how it ended. */
    record Call(String kind, long startNanos, long endNanos, List<String> messageIds, long counter, Throwable failure) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theSameStoreRecoversOnThePromotedStandbyWithEveryAcknowledgedWrite(Scenario scenario) throws Exception {
        scenario.describe(Area.OUTAGES, "Primary crash, standby promoted (failover)", "postgresql");
        Path bin = binaries();
        try (ReplicatedPostgres servers = ReplicatedPostgres.start(bin, true)) {
            String hosts = "127.0.0.1:" + servers.primaryPort() + ",127.0.0.1:" + servers.standbyPort();
            String url = ReplicatedPostgres.url(hosts, "targetServerType=primary&hostRecheckSeconds=1&schema=failover"
                    + "&poolSize=2&maxOverflow=1&poolTimeout=" + POOL_TIMEOUT_SECONDS);
            scenario.tried("primary + synchronous streaming standby (PostgreSQL %s, made by initdb/pg_basebackup), store on "
                    + "the host list with targetServerType=primary; an appender and a get-modify-save saver for 1.5 s, "
                    + "then pg_ctl stop -m immediate on the primary, pg_ctl promote on the standby, load kept on until "
                    + "2 s after the first success", bin.getParent().getFileName());
            try (ThreadStore store = ThreadStore.create(url)) {
                assertThat(store.databaseUrl().orElseThrow()).contains(hosts).doesNotContain(ReplicatedPostgres.PASSWORD);
                runFailover(scenario, servers, store);
            }
        }
    }

    private static void runFailover(Scenario scenario, ReplicatedPostgres servers, ThreadStore store) throws Exception {
        ChatThread appended = store.save(ChatThread.create("appended"));
        ChatThread saved = store.save(ChatThread.create("saved").withAttribute("counter", 0L));
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        long[] stopAt = {Long.MAX_VALUE};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long crashed;
        long promoted;
        try {
            List<Future<?>> load = List.of(
                    pool.submit(() -> appendLoad(store, appended.id(), calls, stopAt)),
                    pool.submit(() -> saveLoad(store, saved.id(), calls, stopAt)));
            Thread.sleep(1_500);
            servers.crashPrimary();
            crashed = System.nanoTime();
            servers.promoteStandby();
            promoted = System.nanoTime();
            long giveUp = promoted + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < giveUp && (firstSuccessAfter(calls, crashed, "append") == Long.MAX_VALUE
                    || firstSuccessAfter(calls, crashed, "save") == Long.MAX_VALUE)) {
                Thread.sleep(50);
            }
            Thread.sleep(2_000);
            synchronized (stopAt) {
                stopAt[0] = System.nanoTime();
            }
            for (Future<?> f : load) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Call> all = new ArrayList<>(calls);
        long recoveredAppend = firstSuccessAfter(calls, crashed, "append");
        long recoveredSave = firstSuccessAfter(calls, crashed, "save");
        assertThat(recoveredAppend).as("an append that succeeded after the crash, on the same store").isLessThan(Long.MAX_VALUE);
        assertThat(recoveredSave).as("a save that succeeded after the crash, on the same store").isLessThan(Long.MAX_VALUE);
        long recovered = Math.max(recoveredAppend, recoveredSave);
        List<Call> failures = all.stream().filter(c -> c.failure() != null).toList();
        for (Call c : failures) {
            assertThat(c.failure()).as("a call that failed during the failover").isInstanceOf(StoreUnavailableException.class);
            assertThat(((ThreadStoreException) c.failure()).isTransient()).isTrue();
            assertThat(Secrets.fullText(c.failure())).doesNotContain(ReplicatedPostgres.PASSWORD);
        }
        List<Call> afterRecovery = all.stream().filter(c -> c.startNanos() >= recovered).toList();
        assertThat(afterRecovery).as("calls after both kinds recovered").isNotEmpty()
                .allSatisfy(c -> assertThat(c.failure()).as("a call after recovery").isNull());

        ChatThread appendedNow = store.get(appended.id()).orElseThrow();
        ChatThread savedNow = store.get(saved.id()).orElseThrow();
        Set<String> appendedIds = appendedNow.messages().stream().map(Message::id).collect(Collectors.toSet());
        Set<String> savedIds = savedNow.messages().stream().map(Message::id).collect(Collectors.toSet());
        List<Call> acknowledged = all.stream().filter(c -> c.failure() == null).toList();
        List<String> missing = new ArrayList<>();
        long lastCounter = 0;
        for (Call c : acknowledged) {
            Set<String> present = c.kind().equals("append") ? appendedIds : savedIds;
            c.messageIds().stream().filter(id -> !present.contains(id)).forEach(missing::add);
            if (c.kind().equals("save")) {
                lastCounter = Math.max(lastCounter, c.counter());
            }
        }
        assertThat(missing).as("acknowledged writes missing after the failover").isEmpty();
        assertThat(((Number) savedNow.attributes().get("counter")).longValue())
                .as("the counter of the last acknowledged save").isGreaterThanOrEqualTo(lastCounter);
        try (Connection c = ReplicatedPostgres.connect(servers.standbyPort()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pg_is_in_recovery(), (SELECT count(*) FROM failover.messages)")) {
            r.next();
            assertThat(r.getBoolean(1)).as("the promoted standby is a primary").isFalse();
            assertThat(r.getLong(2)).as("messages on the promoted standby")
                    .isEqualTo(appendedNow.messages().size() + savedNow.messages().size());
        }
        long beforeCrash = acknowledged.stream().filter(c -> c.endNanos() < crashed).count();
        scenario.found(String.format(Locale.ROOT, "same store recovered %.1f s after the primary was down (%.1f s after the promotion"
                        + " returned; first append %.1f s, first save %.1f s); %d calls failed meanwhile, all"
                        + " StoreUnavailableException (transient), then all %d calls succeeded; all %d acknowledged writes"
                        + " present (%d before the crash: %d appends, %d saves in all), on the promoted standby",
                (recovered - crashed) / 1e9, (recovered - promoted) / 1e9, (recoveredAppend - crashed) / 1e9,
                (recoveredSave - crashed) / 1e9, failures.size(), afterRecovery.size(), acknowledged.size(), beforeCrash,
                acknowledged.stream().filter(c -> c.kind().equals("append")).count(),
                acknowledged.stream().filter(c -> c.kind().equals("save")).count()));
    }

    private static Void appendLoad(ThreadStore store, String threadId, ConcurrentLinkedQueue<Call> calls, long[] stopAt)
            throws InterruptedException {
        for (int i = 0; !stopped(stopAt); i++) {
            Message m = Message.user("append " + i);
            long start = System.nanoTime();
            Throwable failure = null;
            try {
                store.append(threadId, List.of(m));
            } catch (RuntimeException e) {
                failure = e;
            }
            calls.add(new Call("append", start, System.nanoTime(), List.of(m.id()), 0, failure));
            if (failure != null) {
                Thread.sleep(100);
            }
        }
        return null;
    }

    private static Void saveLoad(ThreadStore store, String threadId, ConcurrentLinkedQueue<Call> calls, long[] stopAt)
            throws InterruptedException {
        for (int i = 0; !stopped(stopAt); i++) {
            long start = System.nanoTime();
            Throwable failure = null;
            Message m = Message.assistant("save " + i);
            long counter = 0;
            try {
                ChatThread current = store.get(threadId).orElseThrow();
                counter = ((Number) current.attributes().get("counter")).longValue() + 1;
                store.save(current.withMessage(m).withAttribute("counter", counter));
            } catch (RuntimeException e) {
                failure = e;
            }
            calls.add(new Call("save", start, System.nanoTime(), List.of(m.id()), counter, failure));
            if (failure != null) {
                Thread.sleep(100);
            }
        }
        return null;
    }

    private static boolean stopped(long[] stopAt) {
        synchronized (stopAt) {
            return System.nanoTime() > stopAt[0];
        }
    }

    private static long firstSuccessAfter(ConcurrentLinkedQueue<Call> calls, long after, String kind) {
        return calls.stream().filter(c -> c.kind().equals(kind) && c.failure() == null && c.startNanos() >= after)
                .mapToLong(Call::endNanos).min().orElse(Long.MAX_VALUE);
    }

    /** The installed server binaries; without them a skip, or a failure with -Dthreadstore.requirePostgres=true. */
    private static Path binaries() {
        return ReplicatedPostgres.installedBinaries().orElseGet(() -> {
            String message = "No PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) under /usr/lib/postgresql/<version>/bin;"
                    + " install the server package to run the failover scenario";
            if (Boolean.getBoolean("threadstore.requirePostgres")) {
                Assertions.fail(message + " (-Dthreadstore.requirePostgres=true makes a skip a failure)");
            }
            Assumptions.abort(message);
            return null;
        });
    }
}
