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
     */
    record Check(String description, double ratio, double bound, boolean atLeast) {
        boolean measured() {
            return !Double.isNaN(ratio);
        }

        boolean met() {
            return measured() && (atLeast ? ratio >= bound : ratio <= bound);
        }

        String line() {
            String verdict = !measured() ? "NOT MEASURED" : met() ? "MET" : "MISSED";
            String value = measured() ? String.format(Locale.ROOT, "%.2fx", ratio) : "-";
            return String.format(Locale.ROOT, "  %-12s %-8s (%s %.1fx)  %s", verdict, value,
                    atLeast ? ">=" : "<=", bound, description);
        }
    }

    private Targets() {
    }

    static List<Check> check(List<Result> results) {
        List<Check> checks = new ArrayList<>();
        for (String backend : List.of("sqlite", "postgresql")) {
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
                    1.5, false));
        }
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
