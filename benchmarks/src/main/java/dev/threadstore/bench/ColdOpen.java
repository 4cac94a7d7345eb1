package dev.threadstore.bench;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * {@code cold-open}: what an application waits for when it starts. Every sample is a fresh JVM (same java binary,
 * same class path) that opens a store and, for an existing database, reads one thread; it reports the time from
 * its {@code main} to the end of that first {@code get} (or of the open, for a new file), so the JVM's own start
 * is left out and the class loading and start-up of every library the store uses are in. Rows:
 * <ul>
 *   <li>{@value #WORKLOAD} on SQLite and PostgreSQL: open the benchmark's database, whose schema is up to date, and
 *       {@code get} a thread of 10 messages.</li>
 *   <li>{@value #CREATE} on SQLite: open a file that does not exist yet, which creates it and its whole
 *       schema.</li>
 *   <li>{@value #WORKLOAD} of the {@code jdbc-floor}, on both: the same fresh JVM without threadstore's store, opening
 *       one connection with the bare JDBC driver (no pool) and reading the same thread with {@link JdbcFloor#read}
 *       into the same records. What is left between the two rows is threadstore's own start-up: the pool, the
 *       schema check, MyBatis and the store. On SQLite the floor's driver loads the same copy of its native library
 *       as the store's (the one in the user's cache directory, through the driver's {@code org.sqlite.lib.path}),
 *       rather than extracting one of its own to the temporary directory, which costs a fresh JVM about 140 ms of
 *       CPU: the floor does the least work the database needs.</li>
 * </ul>
 * One unmeasured JVM of each kind runs first, so that the operating system's file cache holds the jars for every
 * sample; then the store's and the floor's JVMs take turns.
 */
public final class ColdOpen {

    static final String WORKLOAD = "cold-open";
    static final String CREATE = "cold-open-create";
    static final String STACK = "cold-open-stack";
    static final String URL_ENV = "THREADSTORE_BENCH_CHILD_URL";
    private static final String FLOOR = "floor";
    private static final String STACK_FLOOR = "stack";
    private static final String LIQUIBASE_FLOOR = "liquibase";
    /** Set by the SQLite backend to the copy of sqlite-jdbc's native library it loaded, when it used one. */
    static final String NATIVE_LIBRARY = "threadstore.sqlite.nativeLibrary";
    private static final long TIME_BOUND_SECONDS = 120;

    private ColdOpen() {
    }

    /**
     * Runs the workload on one SQL backend.
     *
     * @param backend the backend, whose database every child opens again
     * @param samples JVMs measured per row
     * @return the rows: {@value #WORKLOAD}, and on SQLite {@value #CREATE}
     * @throws IllegalStateException when a child fails, times out, or reads no thread
     */
    static List<Result> run(BenchBackend backend, int samples) throws Exception {
        List<Result> results = new ArrayList<>();
        ThreadStore store = backend.store();
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            messages.add(ThreadstoreContender.message(i));
        }
        String id = store.save(ChatThread.create("Benchmark").withAttribute("benchmark", true)
                .withMessages(messages)).id();
        List<String> floorOptions = floorOptions(backend.kind(), System.getProperty(NATIVE_LIBRARY));
        try {
            child(backend.url(), backend.settings(), List.of(), "get", id);
            child(backend.url(), backend.settings(), floorOptions, FLOOR, id);
            child(backend.url(), backend.settings(), floorOptions, STACK_FLOOR, id);
            long[] nanos = new long[samples];
            long[] floor = new long[samples];
            long[] stack = new long[samples];
            for (int i = 0; i < samples; i++) {
                nanos[i] = child(backend.url(), backend.settings(), List.of(), "get", id);
                floor[i] = child(backend.url(), backend.settings(), floorOptions, FLOOR, id);
                stack[i] = child(backend.url(), backend.settings(), floorOptions, STACK_FLOOR, id);
            }
            results.add(Result.of(WORKLOAD, Result.THREADSTORE, backend.name(), 1, Stats.of(nanos, samples, 1)));
            results.add(Result.of(WORKLOAD, Result.JDBC_FLOOR, backend.name(), 1, Stats.of(floor, samples, 1)));
            results.add(Result.of(STACK, Result.JDBC_FLOOR, backend.name(), 1, Stats.of(stack, samples, 1)));
        } finally {
            store.delete(id);
        }
        if (backend.kind() == SqlKind.SQLITE) {
            Path directory = Files.createTempDirectory("threadstore-cold-open");
            try {
                long[] nanos = new long[samples];
                long[] liquibase = new long[samples];
                for (int i = 0; i < samples; i++) {
                    nanos[i] = child("sqlite:" + directory.resolve("new-" + i + ".db"), Map.of(), List.of(), "create",
                            "-");
                    liquibase[i] = child("sqlite:" + directory.resolve("liquibase-" + i + ".db"), Map.of(),
                            floorOptions, LIQUIBASE_FLOOR, "-");
                }
                results.add(Result.of(CREATE, Result.THREADSTORE, backend.name(), 0, Stats.of(nanos, samples, 1)));
                results.add(Result.of(CREATE, Result.JDBC_FLOOR, backend.name(), 0, Stats.of(liquibase, samples, 1)));
            } finally {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        return results;
    }

    /**
     * The floor's JVM options: on SQLite, when this JVM's store loaded sqlite-jdbc's native library from the copy in
     * the user's cache directory, the driver's own properties naming that copy; none otherwise.
     *
     * @param kind the backend's SQL kind (null for memory)
     * @param nativeLibrary the copy's path, the SQLite backend's {@value #NATIVE_LIBRARY} property, or null
     */
    static List<String> floorOptions(@Nullable SqlKind kind, @Nullable String nativeLibrary) {
        if (kind != SqlKind.SQLITE || nativeLibrary == null) {
            return List.of();
        }
        Path copy = Path.of(nativeLibrary);
        return List.of("-Dorg.sqlite.lib.path=" + copy.getParent(), "-Dorg.sqlite.lib.name=" + copy.getFileName());
    }

    /** Runs one child JVM to its end and returns the time it reported. */
    private static long child(String url, Map<String, String> settings, List<String> jvmOptions, String mode,
                              String threadId) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this JVM")));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ColdOpen.class.getName());
        command.add(mode);
        command.add(threadId);
        settings.forEach((key, value) -> command.add(key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // the URL may hold a password: through the environment, not the command line that ps shows
        builder.environment().put(URL_ENV, url);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
            if (!process.waitFor(TIME_BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a cold-open JVM did not finish within " + TIME_BOUND_SECONDS + " s");
            }
        } finally {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("a cold-open JVM exited with " + process.exitValue());
        }
        return parse(lines);
    }

    /**
     * Parses a child's stdout.
     *
     * @param lines every line it printed
     * @return the time it reported, in nanoseconds
     * @throws IllegalStateException unless the output is exactly one line {@code ns <nanos>}
     */
    static long parse(List<String> lines) {
        if (lines.size() != 1 || !lines.get(0).startsWith("ns ")) {
            throw new IllegalStateException("a cold-open JVM printed " + lines + ", not one line 'ns <nanos>'");
        }
        try {
            return Long.parseLong(lines.get(0).substring(3).trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("not a time: " + lines.get(0), e);
        }
    }

    /**
     * The child: opens the store named by {@value #URL_ENV} and the {@code key=value} arguments, then with
     * {@code get} reads the thread (which must exist), and prints {@code ns <nanos>}: the time since {@code main}
     * began.
     *
     * @param args {@code get} and a thread id, {@value #FLOOR} and a thread id (the floor's read, with the bare
     *     driver), {@value #STACK_FLOOR} and a thread id (the same on a pool, after a one-statement MyBatis
     *     configuration), {@code create} and {@code -}, or {@value #LIQUIBASE_FLOOR} and {@code -} (Liquibase alone
     *     creating a new SQLite file's schema); then the store options as {@code key=value}
     */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        String mode = args[0];
        if (mode.equals("create") || mode.equals(LIQUIBASE_FLOOR)) {
            // Liquibase logs through java.util.logging: quiet it where it runs, and only there, since setting up
            // java.util.logging costs a fresh JVM some 20 ms that an application reading its store does not pay
            System.setProperty("liquibase.showBanner", "false");
            Logger.getLogger("").setLevel(Level.WARNING);
        }
        String threadId = args[1];
        Map<String, String> settings = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        String url = Objects.requireNonNull(System.getenv(URL_ENV), URL_ENV);
        long elapsed;
        SqlKind kind = url.startsWith("sqlite:") ? SqlKind.SQLITE : SqlKind.POSTGRESQL;
        if (mode.equals(FLOOR)) {
            new JdbcFloor(driverOnly(url, settings), kind).read(threadId);
            System.out.println("ns " + (System.nanoTime() - start));
            return;
        }
        if (mode.equals(STACK_FLOOR)) {
            StackFloor.read(driverOnly(url, settings), kind, threadId);
            System.out.println("ns " + (System.nanoTime() - start));
            return;
        }
        if (mode.equals(LIQUIBASE_FLOOR)) {
            StackFloor.createSqlite(driverOnly(url, settings));
            System.out.println("ns " + (System.nanoTime() - start));
            return;
        }
        try (ThreadStore store = ThreadStore.create(url, settings)) {
            if (mode.equals("get") && store.get(threadId).isEmpty()) {
                throw new IllegalStateException("thread " + threadId + " not found");
            }
            elapsed = System.nanoTime() - start;
        }
        System.out.println("ns " + elapsed);
    }

    /**
     * The bare driver's data source for a store URL as the benchmark writes them: {@code sqlite:<file>}, or
     * {@code postgresql://user:password@host:port/database} with the PostgreSQL backend's {@code options} setting (the
     * {@code search_path} of the benchmark's schema).
     */
    static DataSource driverOnly(String url, Map<String, String> settings) {
        if (url.startsWith("sqlite:")) {
            SQLiteDataSource sqlite = new SQLiteDataSource();
            sqlite.setUrl("jdbc:" + url);
            return sqlite;
        }
        URI uri = URI.create(url);
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setServerNames(new String[] {uri.getHost()});
        pg.setPortNumbers(new int[] {uri.getPort() < 0 ? 5432 : uri.getPort()});
        pg.setDatabaseName(uri.getPath().substring(1));
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            pg.setUser(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                pg.setPassword(userInfo.substring(colon + 1));
            }
        }
        String options = settings.get("options");
        if (options != null) {
            pg.setOptions(options);
        }
        return pg;
    }
}
