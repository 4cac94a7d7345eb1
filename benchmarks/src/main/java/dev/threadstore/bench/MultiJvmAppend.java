package dev.threadstore.bench;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code concurrent-append-jvms}: the single-JVM {@code concurrent-append} row again, but with the writers in
 * separate JVMs, as several application instances on one database. Each child JVM (same java binary, same
 * class path) opens its own store on the backend's database and appends to a thread of its own, all
 * children starting together on a line written to their stdin; they report every append's time on stdout.
 * The parent then checks that every message is stored exactly once with contiguous sequences, and fails the
 * run otherwise. The children are killed on any failure or when the time bound passes.
 */
public final class MultiJvmAppend {

    static final String WORKLOAD = "concurrent-append-jvms";
    static final int JVMS = 4;
    static final int INITIAL_MESSAGES = 10;
    static final String URL_ENV = "THREADSTORE_BENCH_CHILD_URL";
    private static final long TIME_BOUND_SECONDS = 300;

    private MultiJvmAppend() {
    }

    /** What one child JVM reported: the time of every measured append, in nanoseconds. */
    record ChildReport(long[] nanos) {
    }

    /**
     * Runs the workload on one SQL backend.
     *
     * @param backend the backend; its database is opened again by every child
     * @param appends measured appends per child
     * @return the row, with throughput over the wall time from the start signal to the last child's end
     * @throws IllegalStateException when a child fails, times out or a message is missing or doubled
     */
    static Result run(BenchBackend backend, int appends) throws Exception {
        int warmup = Math.max(1, appends / 5);
        ThreadStore store = backend.store();
        List<String> threads = new ArrayList<>();
        List<Child> children = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(JVMS);
        try {
            for (int k = 0; k < JVMS; k++) {
                threads.add(store.save(ChatThread.create("Benchmark").withAttribute("benchmark", true)
                        .withMessages(initialMessages())).id());
            }
            for (int k = 0; k < JVMS; k++) {
                children.add(Child.start(backend, threads.get(k), k, warmup, appends, ready));
            }
            if (!ready.await(TIME_BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child JVMs were not ready within " + TIME_BOUND_SECONDS + " s");
            }
            long start = System.nanoTime();
            for (Child c : children) {
                c.go();
            }
            long[] all = new long[JVMS * appends];
            long end = start;
            for (int k = 0; k < JVMS; k++) {
                Child c = children.get(k);
                ChildReport report = c.await(start + TimeUnit.SECONDS.toNanos(TIME_BOUND_SECONDS));
                if (report.nanos().length != appends) {
                    throw new IllegalStateException("child " + k + " reported " + report.nanos().length
                            + " appends, not " + appends);
                }
                System.arraycopy(report.nanos(), 0, all, k * appends, appends);
                end = Math.max(end, c.doneAt);
            }
            for (int k = 0; k < JVMS; k++) {
                List<String> problems = verify(store.get(threads.get(k)).orElseThrow(), INITIAL_MESSAGES,
                        k, warmup + appends);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("thread of child " + k + ": " + String.join("; ", problems));
                }
            }
            Stats stats = Stats.of(all, all.length, 1);
            return Result.of(WORKLOAD, Result.THREADSTORE, backend.name(), JVMS,
                    stats.withOpsPerSec(all.length * 1e9 / Math.max(1, end - start)));
        } finally {
            for (Child c : children) {
                c.kill();
            }
            for (String id : threads) {
                store.delete(id);
            }
        }
    }

    /**
     * The child: opens the store named by {@value #URL_ENV} and the {@code key=value} arguments, appends the
     * warm-up messages, prints {@code ready}, waits for a line on stdin, appends the measured messages printing
     * {@code ns <nanos>} for each, then prints {@code done}.
     *
     * @param args thread id, child number, warm-up appends, measured appends, then the store options as
     *             {@code key=value}
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("liquibase.showBanner", "false");
        Logger.getLogger("").setLevel(Level.WARNING);
        String threadId = args[0];
        int child = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int appends = Integer.parseInt(args[3]);
        Map<String, String> settings = new HashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        String url = Objects.requireNonNull(System.getenv(URL_ENV), URL_ENV);
        try (ThreadStore store = ThreadStore.create(url, settings)) {
            int i = 0;
            for (; i < warmup; i++) {
                store.append(threadId, List.of(message(child, i)));
            }
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (in.readLine() == null) {
                throw new IllegalStateException("stdin closed before the start signal");
            }
            long[] nanos = new long[appends];
            for (int j = 0; j < appends; j++, i++) {
                Message m = message(child, i);
                long start = System.nanoTime();
                store.append(threadId, List.of(m));
                nanos[j] = System.nanoTime() - start;
            }
            StringBuilder out = new StringBuilder();
            for (long n : nanos) {
                out.append("ns ").append(n).append('\n');
            }
            out.append("done\n");
            System.out.print(out);
            System.out.flush();
        }
    }

    /** The i-th message of a child, its content starting with a marker that names both. */
    static Message message(int child, int i) {
        return Message.builder(Texts.isUser(i) ? Role.USER : Role.ASSISTANT)
                .content(marker(child, i) + " " + Texts.text(i)).build();
    }

    static String marker(int child, int i) {
        return "[jvm" + child + "#" + i + "]";
    }

    private static List<Message> initialMessages() {
        List<Message> list = new ArrayList<>();
        for (int i = 0; i < INITIAL_MESSAGES; i++) {
            list.add(ThreadstoreContender.message(i));
        }
        return list;
    }

    /**
     * Parses a child's stdout.
     *
     * @param lines the lines after {@code ready}
     * @return the reported times
     * @throws IllegalStateException on a line that is not {@code ns <nanos>}, or without the final {@code done}
     */
    static ChildReport parse(List<String> lines) {
        List<Long> nanos = new ArrayList<>();
        boolean done = false;
        for (String line : lines) {
            if (done) {
                throw new IllegalStateException("output after 'done': " + line);
            }
            if (line.equals("done")) {
                done = true;
            } else if (line.startsWith("ns ")) {
                try {
                    nanos.add(Long.parseLong(line.substring(3).trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("not a time: " + line, e);
                }
            } else {
                throw new IllegalStateException("unexpected output: " + line);
            }
        }
        if (!done) {
            throw new IllegalStateException("the child ended without 'done' after " + nanos.size() + " appends");
        }
        return new ChildReport(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Checks one child's thread: sequences 1, 2, 3… without gap, the initial messages, then the child's
     * {@code appended} messages each exactly once and in order.
     *
     * @return what is wrong, empty when nothing is
     */
    static List<String> verify(ChatThread thread, int initial, int child, int appended) {
        List<String> problems = new ArrayList<>();
        List<Message> messages = thread.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).sequence() != i + 1) {
                problems.add("message " + i + " has sequence " + messages.get(i).sequence() + ", not " + (i + 1));
                break;
            }
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Message m : messages.subList(Math.min(initial, messages.size()), messages.size())) {
            String content = m.content() == null ? "" : m.content();
            int space = content.indexOf(' ');
            seen.merge(space < 0 ? content : content.substring(0, space), 1, Integer::sum);
        }
        for (int i = 0; i < appended; i++) {
            Integer count = seen.remove(marker(child, i));
            if (count == null) {
                problems.add("missing " + marker(child, i));
            } else if (count != 1) {
                problems.add(marker(child, i) + " stored " + count + " times");
            }
        }
        if (!seen.isEmpty()) {
            problems.add("unexpected messages " + seen.keySet());
        }
        if (messages.size() != initial + appended) {
            problems.add(messages.size() + " messages, not " + (initial + appended));
        }
        return problems;
    }

    /** One child JVM and the thread that reads its stdout. */
    private static final class Child {
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private volatile long doneAt;
        private volatile boolean started;

        private Child(Process process, CountDownLatch ready) {
            this.process = process;
            this.reader = new Thread(() -> read(ready), "child-reader");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        static Child start(BenchBackend backend, String threadId, int k, int warmup, int appends,
                           CountDownLatch ready) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command()
                    .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this JVM")));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(MultiJvmAppend.class.getName());
            command.add(threadId);
            command.add(Integer.toString(k));
            command.add(Integer.toString(warmup));
            command.add(Integer.toString(appends));
            backend.settings().forEach((key, value) -> command.add(key + "=" + value));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            // the URL may hold a password: through the environment, not the command line that ps shows
            builder.environment().put(URL_ENV, backend.url());
            return new Child(builder.start(), ready);
        }

        private void read(CountDownLatch ready) {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (!started && line.equals("ready")) {
                        started = true;
                        ready.countDown();
                        continue;
                    }
                    if (line.equals("done")) {
                        doneAt = System.nanoTime();
                    }
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process was killed; await reports the missing output
            } finally {
                if (!started) {
                    ready.countDown(); // a child that died before it was ready must not hold the others up
                }
            }
        }

        void go() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        ChildReport await(long deadlineNanos) throws InterruptedException {
            long left = Math.max(1, deadlineNanos - System.nanoTime());
            if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("a child JVM did not finish within " + TIME_BOUND_SECONDS + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            if (process.exitValue() != 0) {
                throw new IllegalStateException("a child JVM exited with " + process.exitValue());
            }
            synchronized (lines) {
                return parse(List.copyOf(lines));
            }
        }

        void kill() {
            process.destroyForcibly();
        }
    }
}
