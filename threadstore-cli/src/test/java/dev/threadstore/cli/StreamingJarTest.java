package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export, copy and import of the shaded jar stream 100,000 threads (over 100 MB of JSON, far more than the heap once
 * held as objects) through a child JVM capped at {@code -Xmx64m}. Slow on a busy machine (minutes), so it runs in the
 * reliability profile only: {@code mvn verify -Preliability -pl threadstore-cli -am}.
 */
class StreamingJarTest {

    private static final int THREADS = 100_000;

    @TempDir
    Path dir;

    private ShadedJarTest.Run java(List<String> jvmOptions, Path out, String... args) throws Exception {
        ShadedJarTest jar = new ShadedJarTest();
        jar.dir = dir;
        return jar.java(jvmOptions, out, args);
    }

    private ShadedJarTest.Run java(List<String> jvmOptions, String... args) throws Exception {
        return java(jvmOptions, Files.createTempFile(dir, "out", ".txt"), args);
    }

    @Test
    void oneHundredThousandThreadsStreamThroughA64MegabyteHeap() throws Exception {
        String url = "sqlite:" + dir.resolve("big.db");
        seed(dir.resolve("big.db"), url);
        List<String> smallHeap = List.of("-Xmx64m");

        Path file = dir.resolve("big.jsonl");
        ShadedJarTest.Run export = java(smallHeap, file, "export", url);
        ShadedJarTest.Run copy = java(smallHeap, "copy", url, "memory:?maximumSize=500");
        ShadedJarTest.Run imported = java(smallHeap, "import", "memory:?maximumSize=500", "--input", file.toString());

        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).contains("exported " + THREADS + " threads");
        try (Stream<String> lines = Files.lines(file)) {
            assertThat(lines.count()).isEqualTo(THREADS);
        }
        assertThat(Files.size(file)).as("the threads are far larger than the heap").isGreaterThan(100L << 20);
        assertThat(copy.code()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("copied " + THREADS + " threads", THREADS + " new");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.err()).contains(THREADS + " imported");
    }

    /**
     * Writes one thread through the store, then clones it {@value #THREADS} - 1 times in one SQL transaction: saving
     * each through the API would take many minutes. Knows the SQLite tables, as a test fixture may.
     */
    private static void seed(Path file, String url) throws SQLException {
        String text = "x".repeat(300);
        try (ThreadStore store = ThreadStore.create(url)) {
            store.save(ChatThread.builder().id("clone-0").title("Template").build()
                    .withMessages(List.of(Message.system("system " + text), Message.user("user " + text),
                            Message.assistant("assistant " + text))));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            String numbers = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + (THREADS - 1) + ") ";
            s.executeUpdate(numbers + "INSERT INTO threads (id, title, attributes, source_name, source, created_at,"
                    + " updated_at, version, message_count, last_sequence) SELECT 'clone-' || i, title || ' ' || i,"
                    + " attributes, source_name, source, created_at, updated_at - i, version, message_count,"
                    + " last_sequence FROM threads, n WHERE id = 'clone-0'");
            s.executeUpdate(numbers + "INSERT INTO messages (thread_id, id, sequence, role, content, parts, name,"
                    + " tool_call_id, tool_calls, attributes, timestamp, source, reactions, metrics, digest)"
                    + " SELECT 'clone-' || i, m.id || '-' || i, sequence, role, content, parts, name, tool_call_id,"
                    + " tool_calls, m.attributes, timestamp, m.source, reactions, metrics, digest"
                    + " FROM messages m, n WHERE m.thread_id = 'clone-0'");
            c.commit();
        }
    }
}
