package dev.threadstore.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command line of the benchmark.
 *
 * @param quick the short run (a few minutes on two cores) instead of the full one
 * @param postgresUrl the PostgreSQL server, or null to skip the PostgreSQL rows
 * @param json where to write the results as JSON, or null
 * @param chart where to write the append-cost chart as SVG, or null
 * @param backends the backends to run
 * @param workloads the workloads to run
 * @param help whether only the usage was asked for
 */
record BenchOptions(boolean quick, @Nullable String postgresUrl, @Nullable Path json, @Nullable Path chart,
                    Set<String> backends, Set<String> workloads, boolean help) {

    static final String POSTGRES_ENV = "THREADSTORE_BENCH_POSTGRES_URL";
    static final List<String> BACKENDS = List.of("memory", "sqlite", "postgresql");
    static final List<String> WORKLOADS = List.of("append", "append-api", "conversation", "get",
            "find-attributes", "find-source", "list-recent", "concurrent-append",
            MultiJvmAppend.WORKLOAD, ChatMemoryWorkloads.WORKLOAD, "summaries", "page-walk", "get-window",
            ColdOpen.WORKLOAD);

    static final String USAGE = String.join("\n",
            "usage: java -jar benchmarks/target/benchmarks.jar [options]",
            "  --quick              the short run (a few minutes on 2 cores)",
            "  --postgres URL       PostgreSQL server, e.g. postgresql://user:pass@127.0.0.1:5432/db",
            "                       (default: $" + POSTGRES_ENV + "; without one the PostgreSQL rows are skipped)",
            "  --json FILE          write the results as a JSON array, one object per measured cell",
            "  --chart FILE         write the append-cost chart (SVG)",
            "  --backends LIST      comma-separated subset of " + String.join(",", BACKENDS),
            "  --workloads LIST     comma-separated subset of " + String.join(",", WORKLOADS),
            "  --help               this text");

    BenchOptions {
        backends = Set.copyOf(backends);
        workloads = Set.copyOf(workloads);
    }

    /**
     * Parses the arguments.
     *
     * @param args the command line
     * @param env the environment, for the default PostgreSQL URL
     * @return the options
     * @throws IllegalArgumentException naming the bad argument and what is accepted
     */
    static BenchOptions parse(List<String> args, Map<String, String> env) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(env, "env");
        boolean quick = false;
        boolean help = false;
        String postgres = blankToNull(env.get(POSTGRES_ENV));
        Path json = null;
        Path chart = null;
        Set<String> backends = new LinkedHashSet<>(BACKENDS);
        Set<String> workloads = new LinkedHashSet<>(WORKLOADS);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick":
                    quick = true;
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                case "--postgres":
                    postgres = blankToNull(value(args, ++i, arg));
                    break;
                case "--json":
                    json = Path.of(value(args, ++i, arg));
                    break;
                case "--chart":
                    chart = Path.of(value(args, ++i, arg));
                    break;
                case "--backends":
                    backends = subset(value(args, ++i, arg), BACKENDS, arg);
                    break;
                case "--workloads":
                    workloads = subset(value(args, ++i, arg), WORKLOADS, arg);
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option '" + arg + "'\n" + USAGE);
            }
        }
        return new BenchOptions(quick, postgres, json, chart, backends, workloads, help);
    }

    boolean runs(String backend) {
        return backends.contains(backend);
    }

    boolean runs(String backend, String workload) {
        return backends.contains(backend) && workloads.contains(workload);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("Option " + option + " needs a value\n" + USAGE);
        }
        return args.get(index);
    }

    private static Set<String> subset(String list, List<String> allowed, String option) {
        Set<String> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String item : list.split(",")) {
            String name = item.trim();
            if (allowed.contains(name)) {
                chosen.add(name);
            } else if (!name.isEmpty()) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty() || chosen.isEmpty()) {
            throw new IllegalArgumentException("Option " + option + " got " + (unknown.isEmpty() ? "nothing" : unknown)
                    + "; choose from " + String.join(", ", allowed));
        }
        return chosen;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
