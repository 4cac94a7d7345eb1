package dev.threadstore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the results as a JSON array with one object per measured cell and exactly the keys
 * {@code workload}, {@code store}, {@code backend}, {@code n}, {@code opsPerSec}, {@code p50Micros},
 * {@code p99Micros}. Hand-written: the values are a few strings from a fixed vocabulary and numbers.
 */
final class ResultsJson {

    private ResultsJson() {
    }

    static String render(List<Result> results) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            out.append(i == 0 ? "\n" : ",\n")
                    .append("  {\"workload\": ").append(string(r.workload()))
                    .append(", \"store\": ").append(string(r.store()))
                    .append(", \"backend\": ").append(string(r.backend()))
                    .append(", \"n\": ").append(r.n())
                    .append(", \"opsPerSec\": ").append(number(r.opsPerSec()))
                    .append(", \"p50Micros\": ").append(number(r.p50Micros()))
                    .append(", \"p99Micros\": ").append(number(r.p99Micros()))
                    .append('}');
        }
        return out.append(results.isEmpty() ? "]\n" : "\n]\n").toString();
    }

    static void write(List<Result> results, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(results), StandardCharsets.UTF_8);
    }

    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
