package dev.threadstore.bench;

import dev.threadstore.ThreadStoreException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The benchmark program: measures threadstore's workloads on memory, SQLite and PostgreSQL next to the
 * hand-written JDBC floor and Spring AI's JDBC chat memory, prints a table and the targets, and writes the
 * JSON results and the append-cost chart when asked. Run {@code java -jar benchmarks.jar --help}.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the command line; see {@link BenchOptions#USAGE}
     */
    public static void main(String[] args) throws Exception {
        quietLibraries();
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.asList(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        System.exit(run(options, System.out));
    }

    static int run(BenchOptions options, PrintStream out) throws Exception {
        long start = System.nanoTime();
        Sizes sizes = options.quick() ? Sizes.quick() : Sizes.full();
        List<Result> results = new ArrayList<>();
        out.printf("threadstore benchmark, %s run%n", options.quick() ? "quick" : "full");
        out.println(machine());
        Workloads workloads = new Workloads(options, sizes, results::add, out);
        for (String backend : BenchOptions.BACKENDS) {
            if (!options.runs(backend)) {
                continue;
            }
            if (backend.equals("postgresql") && options.postgresUrl() == null) {
                out.println("postgresql: SKIPPED, no server given (pass --postgres URL or set "
                        + BenchOptions.POSTGRES_ENV + ")");
                continue;
            }
            out.println(backend + ":");
            BenchBackend opened;
            try {
                opened = open(backend, options);
            } catch (ThreadStoreException e) {
                out.println("  SKIPPED, the store cannot be opened: " + e.getMessage());
                continue;
            }
            try (BenchBackend b = opened) {
                out.println("  " + databaseVersion(b));
                workloads.run(b);
            }
        }
        out.println();
        out.print(Table.render(results.stream()
                .filter(r -> !r.workload().equals(ChatMemoryWorkloads.WORKLOAD)).toList()));
        out.println();
        out.print(ChatMemoryWorkloads.render(results));
        out.println("targets:");
        for (Targets.Check check : Targets.check(results)) {
            out.println(check.line());
        }
        ChatMemoryWorkloads.checks(results).forEach(check -> out.println(check.line()));
        if (options.json() != null) {
            ResultsJson.write(results, options.json());
            out.println("results written to " + options.json());
        }
        if (options.chart() != null) {
            if (AppendCostChart.canDraw(results)) {
                AppendCostChart.write(results, options.chart());
                out.println("chart written to " + options.chart());
            } else {
                out.println("chart not written: no append results");
            }
        }
        out.printf(Locale.ROOT, "total time %.0f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static BenchBackend open(String backend, BenchOptions options) throws Exception {
        switch (backend) {
            case "memory":
                return BenchBackend.memory();
            case "sqlite":
                return BenchBackend.sqlite();
            case "postgresql":
                String url = options.postgresUrl();
                if (url == null) {
                    throw new IllegalArgumentException("the postgresql backend needs --postgres URL");
                }
                return BenchBackend.postgresql(url);
            default:
                throw new IllegalArgumentException("unknown backend " + backend);
        }
    }

    /** @return the machine the numbers come from: cores, memory, JDK, OS */
    static String machine() {
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean) {
            memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
        }
        return String.format(Locale.ROOT, "machine: %d cores (%s), %.1f GiB memory, %s %s (%s), %s %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), memory / (1024.0 * 1024 * 1024),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            // not Linux: the model is a nicety
        }
        return "cpu model unknown";
    }

    private static String databaseVersion(BenchBackend b) {
        if (b.kind() == null) {
            return "in memory";
        }
        String sql = b.kind() == SqlKind.POSTGRESQL ? "SELECT version()" : "SELECT 'SQLite ' || sqlite_version()";
        try (Connection c = b.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            return "version unknown: " + e.getMessage();
        }
    }

    /** The libraries log at INFO by default; the benchmark's output is its table. */
    private static void quietLibraries() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("liquibase.showBanner", "false");
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("liquibase").setLevel(Level.WARNING);
    }
}
