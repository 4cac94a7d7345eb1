package dev.threadstore.bench;

import java.util.List;
import java.util.Locale;

/** Renders results as a Markdown table, in the order they were measured. */
final class Table {

    private Table() {
    }

    static String render(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("| workload | backend | n | store | ops/s | p50 | p99 |\n");
        out.append("|---|---|---:|---|---:|---:|---:|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %,.0f | %s | %s |%n", r.workload(),
                    r.backend(), r.n(), r.store(), r.opsPerSec(), AppendCostChart.micros(r.p50Micros()),
                    AppendCostChart.micros(r.p99Micros())));
        }
        return out.toString();
    }
}
