package dev.threadstore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The claims the numbers must support, checked against a run's results and reported with their ratios:
 * append cost does not grow with thread length, Spring AI's append is far dearer at n = 1000, our get is
 * close to the hand-written floor, and attribute queries are index-backed. A target whose cells were not
 * measured is reported as not checked.
 */
final class Targets {

    /**
     * One checked claim.
     *
     * @param description what is claimed
     * @param ratio the measured ratio, or NaN when not measured
     * @param bound the bound the ratio must respect
     * @param atLeast whether the ratio must be at least the bound (otherwise at most)
     * @param unit what the ratio and the bound are in: {@code x} for a ratio, {@code ms} for a time
     */
    record Check(String description, double ratio, double bound, boolean atLeast, String unit) {
        Check(String description, double ratio, double bound, boolean atLeast) {
            this(description, ratio, bound, atLeast, "x");
        }

        boolean measured() {
            return !Double.isNaN(ratio);
        }

        boolean met() {
            return measured() && (atLeast ? ratio >= bound : ratio <= bound);
        }

        String line() {
            String verdict = !measured() ? "NOT MEASURED" : met() ? "MET" : "MISSED";
            String value = measured() ? String.format(Locale.ROOT, unit.equals("x") ? "%.2fx" : "%.0f " + unit, ratio)
                    : "-";
            return String.format(Locale.ROOT, "  %-12s %-8s (%s %s)  %s", verdict, value, atLeast ? ">=" : "<=",
                    String.format(Locale.ROOT, unit.equals("x") ? "%.1fx" : "%.0f " + unit, bound), description);
        }
    }

    private Targets() {
    }

    static List<Check> check(List<Result> results) {
        List<Check> checks = new ArrayList<>();
        // the memory backend too: the API target (save of thread.withMessage(m) costs O(new messages))
        for (String backend : List.of("memory", "sqlite", "postgresql")) {
            checks.add(new Check("append p50 n=1000 / n=10, threadstore, " + backend,
                    ratio(results, "append", Result.THREADSTORE, backend, 1000, "append", Result.THREADSTORE, backend, 10),
                    2.0, false));
        }
        for (String backend : List.of("sqlite", "postgresql")) {
            checks.add(new Check("append p50 n=1000, spring-ai / threadstore, " + backend,
                    ratio(results, "append", Result.SPRING_AI, backend, 1000, "append", Result.THREADSTORE, backend, 1000),
                    20.0, true));
        }
        for (String backend : List.of("sqlite", "postgresql")) {
            checks.add(new Check("get p50 n=100, threadstore / jdbc-floor, " + backend,
                    ratio(results, "get", Result.THREADSTORE, backend, 100, "get", Result.JDBC_FLOOR, backend, 100),
                    1.2, false));
            checks.add(new Check("get p50 n=100, threadstore / spring-ai (role and text only), " + backend,
                    ratio(results, "get", Result.THREADSTORE, backend, 100, "get", Result.SPRING_AI, backend, 100),
                    3.0, false));
        }
        for (String backend : List.of("sqlite", "postgresql")) {
            for (int n : List.of(10, 100, 1000)) {
                checks.add(new Check("append p50 n=" + n + ", threadstore / jdbc-floor, " + backend,
                        ratio(results, "append", Result.THREADSTORE, backend, n, "append", Result.JDBC_FLOOR, backend, n),
                        2.0, false));
            }
            for (int n : List.of(10, 100, 1000)) {
                checks.add(new Check("append-api p50 n=" + n + ", threadstore / jdbc-floor append, " + backend,
                        ratio(results, "append-api", Result.THREADSTORE, backend, n, "append", Result.JDBC_FLOOR,
                                backend, n), 1.5, false));
            }
            int length = results.stream().filter(r -> r.workload().equals("conversation")).mapToInt(Result::n)
                    .findFirst().orElse(200);
            checks.add(new Check("conversation p50, threadstore / jdbc-floor, " + backend,
                    ratio(results, "conversation", Result.THREADSTORE, backend, length, "conversation",
                            Result.JDBC_FLOOR, backend, length), 1.5, false));
            int writers = results.stream().filter(r -> r.workload().equals("concurrent-append")
                    && r.store().equals(Result.JDBC_FLOOR)).mapToInt(Result::n).findFirst().orElse(8);
            checks.add(new Check("concurrent-append p50, " + writers + " writers, threadstore / jdbc-floor, " + backend,
                    ratio(results, "concurrent-append", Result.THREADSTORE, backend, writers, "concurrent-append",
                            Result.JDBC_FLOOR, backend, writers), 1.5, false));
        }
        checks.add(millis(results, ColdOpen.WORKLOAD, "sqlite", 1, 250,
                "cold-open p50, fresh JVM: open an up-to-date SQLite file and get one thread"
                        + floors(results, "sqlite")));
        checks.add(millis(results, ColdOpen.CREATE, "sqlite", 0, 600,
                "cold-open-create p50, fresh JVM: create a new SQLite file"
                        + floor(results, ColdOpen.CREATE, "sqlite", 0, "Liquibase alone")));
        checks.add(millis(results, ColdOpen.WORKLOAD, "postgresql", 1, 400,
                "cold-open p50, fresh JVM: open an up-to-date PostgreSQL schema and get one thread"
                        + floors(results, "postgresql")));
        for (String backend : List.of("memory", "sqlite", "postgresql")) {
            List<Integer> sizes = results.stream()
                    .filter(r -> r.workload().equals("find-attributes") && r.backend().equals(backend))
                    .map(Result::n).sorted().toList();
            double ratio = sizes.size() < 2 ? Double.NaN
                    : ratio(results, "find-attributes", Result.THREADSTORE, backend, sizes.get(sizes.size() - 1),
                    "find-attributes", Result.THREADSTORE, backend, sizes.get(0));
            String span = sizes.size() < 2 ? "" : " (n=" + sizes.get(sizes.size() - 1) + " / n=" + sizes.get(0) + ")";
            checks.add(new Check("find-attributes p50 largest / smallest" + span + ", " + backend, ratio, 3.0, false));
        }
        return checks;
    }

    /** The cold-open floors measured beside the store, for the verdict's line; empty when none was measured. */
    private static String floors(List<Result> results, String backend) {
        return floor(results, ColdOpen.WORKLOAD, backend, 1, "the bare driver")
                + floor(results, ColdOpen.STACK, backend, 1, "driver + HikariCP + MyBatis");
    }

    private static String floor(List<Result> results, String workload, String backend, int n, String what) {
        return find(results, workload, Result.JDBC_FLOOR, backend, n)
                .map(r -> String.format(Locale.ROOT, "; %s %.0f ms", what, r.p50Micros() / 1000))
                .orElse("");
    }

    private static Check millis(List<Result> results, String workload, String backend, int n, double bound,
                                String description) {
        double p50 = find(results, workload, Result.THREADSTORE, backend, n).map(r -> r.p50Micros() / 1000)
                .orElse(Double.NaN);
        return new Check(description, p50, bound, false, "ms");
    }

    static Optional<Result> find(List<Result> results, String workload, String store, String backend, int n) {
        return results.stream().filter(r -> r.is(workload, store, backend, n)).findFirst();
    }

    private static double ratio(List<Result> results, String w1, String s1, String b1, int n1,
                                String w2, String s2, String b2, int n2) {
        Optional<Result> a = find(results, w1, s1, b1, n1);
        Optional<Result> b = find(results, w2, s2, b2, n2);
        if (a.isEmpty() || b.isEmpty() || b.get().p50Micros() <= 0) {
            return Double.NaN;
        }
        return a.get().p50Micros() / b.get().p50Micros();
    }
}
