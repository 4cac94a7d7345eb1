package dev.threadstore.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second JVM running one of the suite's worker mains on the test class path. Its standard output is
 * read line by line (workers print {@code READY}, {@code ACK …} and {@code DONE} lines); its standard
 * error, where its log lines go, is kept in {@code target/children/} for the secrets scan.
 * {@link #kill()} is {@link Process#destroyForcibly()}: SIGKILL on Linux, no shutdown hooks.
 */
final class ChildJvm implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static boolean cleaned;

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "child-jvm-stdout-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts {@code main} in a new JVM with the given arguments. */
    static ChildJvm start(Class<?> main, String... args) throws IOException {
        Path logs = childLogDir();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.log.dev.threadstore=debug",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(logs.resolve(main.getSimpleName() + "-" + COUNTER.incrementAndGet() + ".log").toFile());
        return new ChildJvm(pb.start());
    }

    /** @return where children's logs go */
    static synchronized Path childLogDir() throws IOException {
        Path dir = Path.of(System.getProperty("threadstore.reliability.target", "target"), "children");
        if (!cleaned) {
            // Logs of an earlier run would be scanned as this run's: start empty.
            if (Files.isDirectory(dir)) {
                try (var old = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) old::iterator) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            cleaned = true;
        }
        Files.createDirectories(dir);
        return dir;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process died: what it printed so far is kept
        }
    }

    /** Waits until the child prints a line starting with the prefix; false if it exits or the time runs out first. */
    boolean awaitLine(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lines) {
            while (true) {
                if (lines.stream().anyMatch(l -> l.startsWith(prefix))) {
                    return true;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return false;
                }
                lines.wait(Math.min(left, 100));
            }
        }
    }

    /** Waits for the child to exit; kills it if it has not after the timeout. */
    int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError("child JVM " + process.pid() + " did not finish within " + timeoutSeconds + " s; killed");
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** SIGKILL, then waits for the process and its output to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
    }

    /** @return every line the child printed so far */
    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
