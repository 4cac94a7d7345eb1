package dev.threadstore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the cost of one append against the thread's length as an SVG line chart, one panel per SQL
 * backend, both axes logarithmic: threadstore (through {@code save} and through {@code append}), the
 * hand-written JDBC floor and Spring AI's JDBC chat memory. A flat line is what "cost does not grow with
 * length" looks like; Spring AI's rewrite-everything saves climb with the thread.
 */
final class AppendCostChart {

    private record Series(String label, String workload, String store, String colour, boolean dashed) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("threadstore save()", "append", Result.THREADSTORE, "#1f77b4", false),
            new Series("threadstore append()", "append-api", Result.THREADSTORE, "#1f77b4", true),
            new Series("jdbc-floor", "append", Result.JDBC_FLOOR, "#2ca02c", false),
            new Series("Spring AI JdbcChatMemoryRepository", "append", Result.SPRING_AI, "#d62728", false));

    private static final int PANEL_WIDTH = 460;
    private static final int PANEL_HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private AppendCostChart() {
    }

    /** @return whether the results hold anything this chart can draw */
    static boolean canDraw(List<Result> results) {
        return !panels(results).isEmpty();
    }

    static void write(List<Result> results, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(results), StandardCharsets.UTF_8);
    }

    static String render(List<Result> results) {
        List<String> panels = panels(results);
        int width = Math.max(1, panels.size()) * PANEL_WIDTH;
        int height = PANEL_HEIGHT + 60;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        for (int i = 0; i < panels.size(); i++) {
            panel(svg, results, panels.get(i), i * PANEL_WIDTH);
        }
        legend(svg, PANEL_HEIGHT + 10, width);
        return svg.append("</svg>\n").toString();
    }

    private static List<String> panels(List<Result> results) {
        List<String> panels = new ArrayList<>();
        for (String backend : List.of("sqlite", "postgresql")) {
            if (results.stream().anyMatch(r -> r.backend().equals(backend) && r.workload().startsWith("append"))) {
                panels.add(backend);
            }
        }
        if (panels.isEmpty() && results.stream().anyMatch(r -> r.workload().equals("append"))) {
            panels.add("memory");
        }
        return panels;
    }

    private static void panel(StringBuilder svg, List<Result> results, String backend, int x0) {
        List<Result> cells = new ArrayList<>();
        for (Result r : results) {
            if (r.backend().equals(backend) && isCharted(r) && r.p50Micros() > 0) {
                cells.add(r);
            }
        }
        double minN = cells.stream().mapToDouble(Result::n).min().orElse(10);
        double maxN = cells.stream().mapToDouble(Result::n).max().orElse(1000);
        double minY = Math.pow(10, Math.floor(Math.log10(cells.stream().mapToDouble(Result::p50Micros).min().orElse(1))));
        double maxY = Math.pow(10, Math.ceil(Math.log10(cells.stream().mapToDouble(Result::p50Micros).max().orElse(10))));
        if (maxY <= minY) {
            maxY = minY * 10;
        }
        if (maxN <= minN) {
            maxN = minN * 10;
        }
        int plotW = PANEL_WIDTH - LEFT - RIGHT;
        int plotH = PANEL_HEIGHT - TOP - BOTTOM;
        Axis xAxis = new Axis(minN, maxN, x0 + LEFT, plotW, false);
        Axis yAxis = new Axis(minY, maxY, TOP + plotH, plotH, true);

        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"25\" font-size=\"14\" font-weight=\"bold\">"
                + "append, p50 per operation: %s</text>%n", x0 + LEFT, backend));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", x0 + LEFT, TOP, plotW, plotH));
        for (double y = minY; y <= maxY * 1.0001; y *= 10) {
            double py = yAxis.at(y);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    x0 + LEFT, py, x0 + LEFT + plotW, py));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    x0 + LEFT - 6, py + 4, micros(y)));
        }
        for (double n = minN; n <= maxN * 1.0001; n *= 10) {
            double px = xAxis.at(n);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    px, TOP, px, TOP + plotH));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    px, TOP + plotH + 18, (long) Math.round(n)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">messages already in "
                + "the thread (n)</text>%n", x0 + LEFT + plotW / 2, TOP + plotH + 40));

        for (Series s : SERIES) {
            List<Result> points = new ArrayList<>();
            for (Result r : cells) {
                if (r.workload().equals(s.workload()) && r.store().equals(s.store())) {
                    points.add(r);
                }
            }
            points.sort((a, b) -> Integer.compare(a.n(), b.n()));
            if (points.isEmpty()) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            for (Result p : points) {
                path.append(path.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f",
                        xAxis.at(p.n()), yAxis.at(p.p50Micros())));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s/>%n", path, s.colour(), s.dashed() ? " stroke-dasharray=\"6,4\"" : ""));
            for (Result p : points) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                                + "<title>%s n=%d: %s</title></circle>%n", xAxis.at(p.n()), yAxis.at(p.p50Micros()),
                        s.colour(), s.label(), p.n(), micros(p.p50Micros())));
            }
        }
    }

    private static boolean isCharted(Result r) {
        for (Series s : SERIES) {
            if (r.workload().equals(s.workload()) && r.store().equals(s.store())) {
                return true;
            }
        }
        return false;
    }

    private static void legend(StringBuilder svg, int top, int width) {
        int x = LEFT;
        int y = top;
        for (Series s : SERIES) {
            int itemWidth = 60 + s.label().length() * 7;
            if (x > LEFT && x + itemWidth > width) {
                x = LEFT;
                y += 20;
            }
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                            + "stroke-width=\"2\"%s/>%n", x, y, x + 30, y, s.colour(),
                    s.dashed() ? " stroke-dasharray=\"6,4\"" : ""));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 36, y + 4, s.label()));
            x += itemWidth;
        }
    }

    /** @return a time in microseconds as a short label: 850 µs, 1.2 ms, 3 s */
    static String micros(double us) {
        if (us < 10) {
            return String.format(Locale.ROOT, "%.1f µs", us);
        }
        if (us < 1000) {
            return String.format(Locale.ROOT, "%.0f µs", us);
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, us < 10_000 ? "%.1f ms" : "%.0f ms", us / 1000);
        }
        return String.format(Locale.ROOT, "%.1f s", us / 1_000_000);
    }

    /** A logarithmic axis from a value range to pixels. */
    private record Axis(double min, double max, double origin, double length, boolean upwards) {
        double at(double value) {
            double f = (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
            return upwards ? origin - f * length : origin + f * length;
        }
    }
}
