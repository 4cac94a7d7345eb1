package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar itself, run with {@code java -jar} in a child JVM: its service files, Liquibase changelogs and
 * MyBatis mapper XML work from the one jar, and export, copy and import stream 100,000 threads through a 64 MB
 * heap, far less than those threads take when held at once. Runs after {@code package} (surefire execution
 * {@code jar-tests}); the jar's path comes in the system property {@code threadstore.cli.jar}.
 */
class ShadedJarTest {

    private static final int THREADS = 100_000;

    @TempDir
    Path dir;

    /** What a child JVM printed and returned. */
    private record Run(int code, String out, String err) {
    }

    private Run java(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return java(jvmOptions, Files.createTempFile(dir, "out", ".txt"), args);
    }

    private Run java(List<String> jvmOptions, Path out, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("threadstore.cli.jar", "target/threadstore-cli-all.jar"));
        assertThat(jar).as("the shaded jar (run 'mvn package' first)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarMigratesAndReadsSqliteThroughItsOwnResources() throws Exception {
        Run help = java(List.of(), "--help");
        Run migrate = java(List.of(), "migrate", "sqlite:jar.db");
        Run info = java(List.of(), "info", "sqlite:jar.db");
        Run usage = java(List.of(), "ls", "sqlite:jar.db", "--nope");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: threadstore", "info", "tck");
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("  1-threads", "schema is now ");
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("pending:   none", "threads:   0");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("Unknown option: '--nope'");
    }

    @Test
    void oneHundredThousandThreadsStreamThroughA64MegabyteHeap() throws Exception {
        String url = "sqlite:" + dir.resolve("big.db");
        seed(dir.resolve("big.db"), url);
        List<String> smallHeap = List.of("-Xmx64m");

        Path file = dir.resolve("big.jsonl");
        Run export = java(smallHeap, file, "export", url);
        Run copy = java(smallHeap, "copy", url, "memory:?maximumSize=500");
        Run imported = java(smallHeap, "import", "memory:?maximumSize=500", "--input", file.toString());

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
