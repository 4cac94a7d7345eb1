package dev.threadstore.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders results as a Markdown table with one row per workload, backend and size and the three stores side
 * by side (median and 99th percentile, then threadstore's throughput), in the order they were measured.
 */
final class Table {

    private static final List<String> STORES = List.of(Result.THREADSTORE, Result.JDBC_FLOOR, Result.SPRING_AI);

    private Table() {
    }

    static String render(List<Result> results) {
        Map<String, List<Result>> rows = new LinkedHashMap<>();
        for (Result r : results) {
            rows.computeIfAbsent(r.workload() + "|" + r.backend() + "|" + r.n(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder out = new StringBuilder();
        out.append("| workload | backend | n | threadstore p50 / p99 | jdbc-floor p50 / p99 | spring-ai p50 / p99 "
                + "| threadstore ops/s |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (List<Result> row : rows.values()) {
            Result first = row.get(0);
            out.append(String.format(Locale.ROOT, "| %s | %s | %,d", first.workload(), first.backend(), first.n()));
            for (String store : STORES) {
                out.append(" | ").append(row.stream().filter(r -> r.store().equals(store)).findFirst()
                        .map(r -> AppendCostChart.micros(r.p50Micros()) + " / " + AppendCostChart.micros(r.p99Micros()))
                        .orElse("–"));
            }
            out.append(" | ").append(row.stream().filter(r -> Objects.equals(r.store(), Result.THREADSTORE)).findFirst()
                    .map(r -> String.format(Locale.ROOT, "%,.0f", r.opsPerSec())).orElse("–"));
            out.append(" |\n");
        }
        return out.toString();
    }
}
