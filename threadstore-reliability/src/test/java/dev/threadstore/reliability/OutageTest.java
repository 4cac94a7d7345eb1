package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadStoreException;
import dev.threadstore.postgres.TcpProxy;
import dev.threadstore.spi.StoreUri;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL going away under load and coming back (a TCP proxy between the store and the server is cut
 * and restored), and four JVMs opening one empty schema at the same moment.
 */
@Order(3)
@ExtendWith(ReliabilityReport.class)
class OutageTest {

    private static final int POOL_TIMEOUT_SECONDS = 3;
    private static final int WRITERS = 3;

    @TempDir
    Path dir;

    /** One call of the load: when it started and ended relative to the cut, and how it ended. */
    record Call(long startNanos, long endNanos, String messageId, Throwable failure) {
    }

    @Test
    void callsDuringACutFailTransientlyAndTheSameStoreRecovers(Scenario scenario) throws Exception {
        scenario.describe(Area.OUTAGES, "Connection cut under load, then restored", "postgresql");
        StoreUri server = PostgresServer.server();
        try (Stores stores = new Stores(dir);
             TcpProxy proxy = new TcpProxy(server.host().orElse("127.0.0.1"), server.port().orElse(5432), 180_000)) {
            String schema = PostgresServer.newSchema();
            stores.dropOnClose(schema);
            String url = PostgresServer.url(server, "127.0.0.1", proxy.port(),
                    Map.of("schema", schema, "poolTimeout", String.valueOf(POOL_TIMEOUT_SECONDS), "poolSize", "2", "maxOverflow", "1"));
            ThreadStore store = stores.track(ThreadStore.create(url));
            ChatThread thread = store.save(ChatThread.create("under load"));
            scenario.tried("%d appenders through a TCP proxy, poolTimeout=%d s: 1.5 s normal, %d s cut, then restored until 2 s after the first success",
                    WRITERS, POOL_TIMEOUT_SECONDS, 2 * POOL_TIMEOUT_SECONDS);
            ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
            long[] phases = new long[3];
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> futures = new ArrayList<>();
            long stopAt = Long.MAX_VALUE;
            try {
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                            synchronized (phases) {
                                if (phases[2] != 0 && System.nanoTime() > phases[2]) {
                                    return null;
                                }
                            }
                            Message m = Message.user("w" + writer + " " + i);
                            long start = System.nanoTime();
                            Throwable failure = null;
                            try {
                                store.append(thread.id(), List.of(m));
                            } catch (Throwable t) {
                                failure = t;
                            }
                            calls.add(new Call(start, System.nanoTime(), m.id(), failure));
                            if (failure != null) {
                                Thread.sleep(100);
                            }
                        }
                        return null;
                    }));
                }
                Thread.sleep(1_500);
                proxy.cut();
                phases[0] = System.nanoTime();
                Thread.sleep(2_000L * POOL_TIMEOUT_SECONDS);
                proxy.restore();
                phases[1] = System.nanoTime();
                long restoredAt = phases[1];
                long giveUp = restoredAt + 60_000_000_000L;
                while (System.nanoTime() < giveUp
                        && calls.stream().noneMatch(c -> c.failure() == null && c.startNanos() >= restoredAt)) {
                    Thread.sleep(50);
                }
                Thread.sleep(2_000);
                synchronized (phases) {
                    phases[2] = System.nanoTime();
                }
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            long cut = phases[0];
            long restored = phases[1];
            List<Call> all = new ArrayList<>(calls);
            List<Call> failures = all.stream().filter(c -> c.failure() != null).collect(Collectors.toList());
            List<Call> duringCut = all.stream().filter(c -> c.startNanos() >= cut && c.endNanos() <= restored)
                    .collect(Collectors.toList());
            long recovered = all.stream().filter(c -> c.failure() == null && c.startNanos() >= restored)
                    .mapToLong(Call::startNanos).min().orElse(Long.MAX_VALUE);
            List<Call> afterRecovery = all.stream().filter(c -> c.startNanos() >= recovered).collect(Collectors.toList());
            double recoverySeconds = (recovered - restored) / 1e9;
            long acknowledged = all.stream().filter(c -> c.failure() == null).count();

            String timeline = all.stream().sorted(java.util.Comparator.comparingLong(Call::startNanos))
                    .map(c -> String.format(java.util.Locale.ROOT, "%+.2f..%+.2f %s", (c.startNanos() - cut) / 1e9,
                            (c.endNanos() - cut) / 1e9, c.failure() == null ? "ok" : c.failure().getClass().getSimpleName()))
                    .filter(line -> !line.endsWith(" ok") || line.startsWith("+"))
                    .collect(Collectors.joining(", ", "timeline relative to the cut (restored at "
                            + String.format(java.util.Locale.ROOT, "%+.2f", (restored - cut) / 1e9) + "): ", ""));
            for (Call c : failures) {
                assertThat(c.failure()).as("a call that failed").isInstanceOf(StoreUnavailableException.class);
                assertThat(((ThreadStoreException) c.failure()).isTransient()).isTrue();
                Secrets.assertNoPassword("an outage error", Secrets.fullText(c.failure()));
            }
            assertThat(duringCut).as("calls made while the connection was cut; %s", abbreviate(timeline)).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.failure()).isInstanceOf(StoreUnavailableException.class));
            double slowest = duringCut.stream().mapToLong(c -> c.endNanos() - c.startNanos()).max().orElse(0) / 1e9;
            assertThat(slowest).as("slowest failing call, seconds (poolTimeout %d s + margin)", POOL_TIMEOUT_SECONDS)
                    .isLessThanOrEqualTo(POOL_TIMEOUT_SECONDS + 10.0);
            assertThat(recovered).as("a call that succeeded within 60 s of the restore, on the same store; %s", abbreviate(timeline))
                    .isLessThan(Long.MAX_VALUE);
            assertThat(afterRecovery).as("calls after the first success following the restore; %s", abbreviate(timeline))
                    .allSatisfy(c -> assertThat(c.failure()).as("a call after recovery").isNull());
            List<Call> failedAfterRestore = all.stream().filter(c -> c.startNanos() >= restored && c.failure() != null)
                    .collect(Collectors.toList());
            Set<String> stored = store.get(thread.id()).orElseThrow().messages().stream().map(Message::id).collect(Collectors.toSet());
            List<String> missing = all.stream().filter(c -> c.failure() == null).map(Call::messageId)
                    .filter(id -> !stored.contains(id)).collect(Collectors.toList());
            assertThat(missing).as("acknowledged appends missing").isEmpty();
            scenario.found("%,d calls (%s); %d calls during the cut, all StoreUnavailableException (transient), slowest %.1f s; %d failures in all; "
                    + "same store recovered %.1f s after the restore (%d calls started after the restore failed first: the pool "
                    + "reconnects with back-off), then all %d calls succeeded; all %,d acknowledged appends present",
                    all.size(), proxy.stats(), duringCut.size(), slowest, failures.size(), recoverySeconds, failedAfterRestore.size(), afterRecovery.size(), acknowledged);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 1500 ? text : text.substring(0, 1497) + "...";
    }

    @Test
    void fourJvmsOpeningOneEmptySchemaAllComeUpAndMigrateOnce(Scenario scenario) throws Exception {
        scenario.describe(Area.OUTAGES, "Four JVMs open one empty schema at the same moment", "postgresql");
        try (Stores stores = new Stores(dir)) {
            String url = stores.newUrl(Backend.POSTGRESQL, Map.of());
            String schema = stores.lastSchema();
            long startAt = System.currentTimeMillis() + 6_000;
            List<ChildJvm> children = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    children.add(ChildJvm.start(OpenWorker.class, url, "jvm" + i, String.valueOf(startAt)));
                }
                for (ChildJvm child : children) {
                    assertThat(child.waitFor(180)).as("child exit code; output %s", child.lines()).isZero();
                    ids.add(child.lines().stream().filter(l -> l.startsWith("OK ")).findFirst().orElseThrow().substring(3));
                }
            } finally {
                for (ChildJvm child : children) {
                    child.close();
                }
            }
            ThreadStore store = stores.track(ThreadStore.create(url));
            assertThat(store.listRecent()).extracting(ChatThread::id).containsExactlyInAnyOrderElementsOf(ids);
            int changesets = 0;
            try (Connection c = PostgresServer.connect(); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                        + schema + "' AND table_name LIKE '%changelog' ORDER BY table_name")) {
                    while (r.next()) {
                        tables.add(r.getString(1));
                    }
                }
                assertThat(tables).as("Liquibase changelog table in schema %s", schema).hasSize(1);
                String table = "\"" + schema + "\".\"" + tables.get(0) + "\"";
                try (ResultSet r = s.executeQuery("SELECT id, author, filename, count(*) FROM " + table
                        + " GROUP BY id, author, filename HAVING count(*) > 1")) {
                    assertThat(r.next()).as("a changeset applied twice").isFalse();
                }
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                    r.next();
                    changesets = r.getInt(1);
                }
                assertThat(changesets).isPositive();
            }
            scenario.tried("4 child JVMs calling ThreadStore.create on one new, empty schema at the same instant, each then saving a thread");
            scenario.found("all 4 came up and saved; %d changesets recorded, each exactly once; the 4 threads visible", changesets);
        }
    }
}
