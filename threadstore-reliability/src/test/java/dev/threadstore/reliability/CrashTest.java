package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writing is killed with SIGKILL at random moments, again and again, on the same database
 * file or file-store directory. After every kill the store must open, be intact, and show every write
 * whole or not at all, and every acknowledged write must be there.
 */
@Order(2)
@ExtendWith(ReliabilityReport.class)
class CrashTest {

    private static final int ROUNDS = 20;
    private static final int FILE_ROUNDS = 20;

    @TempDir
    Path dir;

    @Test
    void sqliteSurvivesSigkillWithEveryWriteAllOrNothing(Scenario scenario) throws Exception {
        scenario.describe(Area.CRASHES, "SIGKILL while saving and appending", "sqlite");
        Path db = dir.resolve("crash.db");
        String url = "sqlite:" + db.toAbsolutePath();
        Random random = new Random(20_260_701L);
        Set<Long> ackedSaves = new HashSet<>();
        Map<String, Integer> ackedAppends = new HashMap<>();
        int killsWhileOpening = 0;
        long minSaves = Long.MAX_VALUE;
        for (int round = 1; round <= ROUNDS; round++) {
            boolean duringOpen = round % 5 == 0;
            try (ChildJvm child = ChildJvm.start(SqliteCrashWorker.class, url, String.valueOf(round), String.valueOf(random.nextLong()))) {
                if (duringOpen) {
                    assertThat(child.awaitLine("OPENING", 60_000)).as("round %d: child started; %s", round, child.lines()).isTrue();
                    Thread.sleep(random.nextInt(400));
                    killsWhileOpening++;
                } else {
                    assertThat(child.awaitLine("READY", 60_000))
                            .as("round %d: child opened the store after the previous kill; output %s", round, child.lines()).isTrue();
                    Thread.sleep(150 + random.nextInt(1200));
                }
                child.kill();
                for (String line : child.lines()) {
                    String[] p = line.split(" ");
                    if (line.startsWith("ACK save ")) {
                        ackedSaves.add(Long.parseLong(p[2]));
                    } else if (line.startsWith("ACK append ")) {
                        ackedAppends.put(p[2], Integer.parseInt(p[3]));
                    }
                }
            }
            assertThat(integrityCheck(db)).as("PRAGMA integrity_check after kill %d", round).isEqualTo("ok");
            try (ThreadStore store = ThreadStore.create(url)) {
                checkAllOrNothing(store, round, ackedSaves, ackedAppends);
                long saves = store.get(SqliteCrashWorker.SAVED).map(t -> ((Number) t.attributes().get("saves")).longValue()).orElse(0L);
                minSaves = Math.min(minSaves, saves);
            }
        }
        int messages;
        try (ThreadStore store = ThreadStore.create(url)) {
            messages = store.get(SqliteCrashWorker.SAVED).orElseThrow().messages().size()
                    + store.get(SqliteCrashWorker.APPENDED).orElseThrow().messages().size();
        }
        scenario.tried("%d SIGKILLs of a child JVM running a saver (get-modify-save of 1-20 messages + a counter attribute) "
                + "and an appender (batches of 1-20) on one file, %d of them while the store was opening; kill 150-1350 ms after READY",
                ROUNDS, killsWhileOpening);
        scenario.found("integrity_check ok after every kill; every save and append batch whole or absent; all %d acknowledged saves "
                + "and %d acknowledged appends present; %,d messages at the end", ackedSaves.size(), ackedAppends.size(), messages);
    }

    private static void checkAllOrNothing(ThreadStore store, int round, Set<Long> ackedSaves, Map<String, Integer> ackedAppends) {
        ChatThread saved = store.get(SqliteCrashWorker.SAVED).orElse(null);
        ChatThread appended = store.get(SqliteCrashWorker.APPENDED).orElse(null);
        if (saved == null || appended == null) {
            assertThat(ackedSaves).as("round %d: acknowledged saves but no thread", round).isEmpty();
            assertThat(ackedAppends).as("round %d: acknowledged appends but no thread", round).isEmpty();
            return;
        }
        long saves = ((Number) saved.attributes().get("saves")).longValue();
        Map<Long, List<Message>> byBatch = saved.messages().stream()
                .collect(Collectors.groupingBy(m -> ((Number) m.attributes().get("batch")).longValue()));
        assertThat(byBatch.keySet()).as("round %d: save batches present for saves=%d", round, saves)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, saves).boxed().collect(Collectors.toSet()));
        byBatch.forEach((batch, ms) -> assertThat(ms).as("round %d: save batch %d whole", round, batch)
                .hasSize(((Number) ms.get(0).attributes().get("size")).intValue()));
        assertThat(ackedSaves).as("round %d: acknowledged saves", round).allMatch(n -> n <= saves);
        Map<String, List<Message>> appendBatches = appended.messages().stream()
                .collect(Collectors.groupingBy(m -> (String) m.attributes().get("batch")));
        appendBatches.forEach((batch, ms) -> assertThat(ms).as("round %d: append batch %s whole", round, batch)
                .hasSize(((Number) ms.get(0).attributes().get("size")).intValue()));
        assertThat(appendBatches.keySet()).as("round %d: acknowledged append batches", round).containsAll(ackedAppends.keySet());
        assertThat(appended.messages()).extracting(Message::sequence)
                .as("round %d: append sequences", round).doesNotHaveDuplicates();
    }

    private static String integrityCheck(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1));
            }
            return String.join("; ", rows);
        }
    }

    @Test
    void fileStoreNeverShowsAPartialFileAfterSigkill(Scenario scenario) throws Exception {
        scenario.describe(Area.CRASHES, "SIGKILL while saving files", "files");
        Path base = dir.resolve("files");
        Random random = new Random(20_260_702L);
        Map<String, String> acked = new HashMap<>();
        for (int round = 1; round <= FILE_ROUNDS; round++) {
            try (ChildJvm child = ChildJvm.start(FileCrashWorker.class, base.toString(), String.valueOf(random.nextLong()))) {
                assertThat(child.awaitLine("READY", 60_000)).as("round %d: child started; %s", round, child.lines()).isTrue();
                Thread.sleep(100 + random.nextInt(900));
                child.kill();
                for (String line : child.lines()) {
                    if (line.startsWith("ACK ")) {
                        String[] p = line.split(" ");
                        acked.put(p[1], p[2]);
                    }
                }
            }
            try (FileStore files = FileStore.create(base.toString())) {
                List<String> listed = files.listFiles();
                for (String path : listed) {
                    assertThat(FileCrashWorker.whole(Files.readAllBytes(base.resolve(path))))
                            .as("round %d: listed file %s is whole", round, path).isTrue();
                }
                assertThat(files.fileCount()).isEqualTo(listed.size());
                for (Map.Entry<String, String> e : acked.entrySet()) {
                    assertThat(FileCrashWorker.whole(files.get(e.getKey(), e.getValue())))
                            .as("round %d: acknowledged file %s", round, e.getValue()).isTrue();
                }
                assertThat(files.checkHealth().healthy()).as("round %d: health %s", round, files.checkHealth()).isTrue();
            }
        }
        long listed;
        long onDisk;
        try (FileStore files = FileStore.create(base.toString()); Stream<Path> walk = Files.walk(base)) {
            listed = files.listFiles().size();
            onDisk = walk.filter(Files::isRegularFile).count();
        }
        scenario.tried("%d SIGKILLs of a child JVM saving self-checking files (1 KB-3 MB, SHA-256 trailer) on 2 threads, "
                + "100-1000 ms after start", FILE_ROUNDS);
        scenario.found("every listed file whole after every kill; all %d acknowledged files readable and whole; "
                + "%d files listed, %d regular files on disk (the difference: temporary files of interrupted writes)",
                acked.size(), listed, onDisk);
    }
}
