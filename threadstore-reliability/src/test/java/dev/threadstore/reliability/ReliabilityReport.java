package dev.threadstore.reliability;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The JUnit 5 extension that turns each scenario run into a report row and, once every test has run,
 * writes {@code target/reliability-report.json} and {@code target/reliability-report.md}. When the run
 * covered every {@link Area} (not a {@code -Dtest=} subset) it also writes the same table to the file
 * named by {@code threadstore.reliability.docs} (docs/reliability.md), so the published figures are
 * always the suite's own output. {@link #main} regenerates the docs from the JSON of an earlier run.
 *
 * <p>Tests take a {@link Scenario} parameter, describe it and add figures to it; the verdict (PASS, FAIL
 * with the exception, SKIP with the reason) comes from JUnit.
 */
final class ReliabilityReport implements ParameterResolver, BeforeTestExecutionCallback, AfterTestExecutionCallback,
        TestWatcher {

    private static final List<ReportRow> ROWS = new ArrayList<>();
    private static final Map<String, Scenario> RUNNING = new ConcurrentHashMap<>();
    private static final Map<String, Long> STARTED = new ConcurrentHashMap<>();
    private static final Map<String, Double> SECONDS = new ConcurrentHashMap<>();
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Scenario.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        registerWriter(context);
        return RUNNING.computeIfAbsent(context.getUniqueId(), id -> new Scenario());
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        registerWriter(context);
        STARTED.put(context.getUniqueId(), System.nanoTime());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Long start = STARTED.remove(context.getUniqueId());
        if (start != null) {
            SECONDS.put(context.getUniqueId(), (System.nanoTime() - start) / 1e9);
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, "PASS", null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, "FAIL", cause);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, "SKIP", cause);
    }

    private static void record(ExtensionContext context, String status, Throwable cause) {
        Scenario s = RUNNING.remove(context.getUniqueId());
        if (s == null) {
            s = new Scenario().describe(Area.CONCURRENCY, context.getDisplayName(), "-");
        }
        String result = s.foundText();
        if (cause != null) {
            String why = summary(cause);
            result = result.isEmpty() ? why : result + "; " + why;
        }
        double seconds = Optional.ofNullable(SECONDS.remove(context.getUniqueId())).orElse(0.0);
        synchronized (ROWS) {
            ROWS.add(new ReportRow(s.area().title(), s.name(), s.backend(), s.triedText(), status, result, seconds));
        }
    }

    private static String summary(Throwable t) {
        String message = String.valueOf(t.getMessage()).strip().replaceAll("\\s+", " ");
        if (message.length() > 400) {
            message = message.substring(0, 397) + "...";
        }
        return t.getClass().getSimpleName() + ": " + message;
    }

    private static void registerWriter(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.create(ReliabilityReport.class))
                .getOrComputeIfAbsent("writer", k -> new Writer(), Writer.class);
    }

    /** Writes the report when the JUnit run ends (the root store closes its values last). */
    static final class Writer implements AutoCloseable {
        @Override
        public void close() throws IOException {
            List<ReportRow> rows;
            synchronized (ROWS) {
                rows = new ArrayList<>(ROWS);
            }
            Path target = Path.of(System.getProperty("threadstore.reliability.target", "target"));
            Files.createDirectories(target);
            Files.writeString(target.resolve("reliability-report.json"), GSON.toJson(rows), StandardCharsets.UTF_8);
            String markdown = markdown(rows);
            Files.writeString(target.resolve("reliability-report.md"), markdown, StandardCharsets.UTF_8);
            String docs = System.getProperty("threadstore.reliability.docs", "");
            if (!docs.isBlank() && complete(rows)) {
                Files.writeString(Path.of(docs), markdown, StandardCharsets.UTF_8);
            }
        }
    }

    private static boolean complete(List<ReportRow> rows) {
        Set<String> seen = rows.stream().map(ReportRow::area).collect(Collectors.toSet());
        return EnumSet.allOf(Area.class).stream().allMatch(a -> seen.contains(a.title()));
    }

    /**
     * Regenerates docs/reliability.md from an earlier run's JSON.
     *
     * @param args the JSON report (default target/reliability-report.json) and the output (default ../docs/reliability.md)
     */
    public static void main(String[] args) throws IOException {
        Path json = Path.of(args.length > 0 ? args[0] : "target/reliability-report.json");
        Path out = Path.of(args.length > 1 ? args[1] : "../docs/reliability.md");
        List<ReportRow> rows = GSON.fromJson(Files.readString(json, StandardCharsets.UTF_8),
                new TypeToken<List<ReportRow>>() { }.getType());
        Files.writeString(out, markdown(rows), StandardCharsets.UTF_8);
    }

    static String markdown(List<ReportRow> rows) {
        Map<String, Integer> order = new LinkedHashMap<>();
        for (Area a : Area.values()) {
            order.put(a.title(), a.ordinal());
        }
        List<ReportRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((ReportRow r) -> order.getOrDefault(r.area(), 99))
                .thenComparing(ReportRow::scenario).thenComparing(r -> backendOrder(r.backend())));
        long pass = rows.stream().filter(r -> r.status().equals("PASS")).count();
        long fail = rows.stream().filter(r -> r.status().equals("FAIL")).count();
        long skip = rows.stream().filter(r -> r.status().equals("SKIP")).count();
        double total = rows.stream().mapToDouble(ReportRow::seconds).sum();
        StringBuilder b = new StringBuilder();
        b.append("# Reliability\n\n");
        b.append("What threadstore was put through to prove it keeps its promises, and what came of it. This file is\n")
                .append("generated by the reliability suite (`threadstore-reliability`, run by `mvn verify -Preliability` and\n")
                .append("`.ci/run`) from its own results; do not edit it by hand. Each scenario runs on the memory, SQLite and\n")
                .append("PostgreSQL backends unless it is specific to one of them.\n\n");
        b.append(String.format(Locale.ROOT, "Last run: %s, %d scenario runs: %d passed, %d failed, %d skipped, %.0f s of tests "
                        + "(Java %s, %d cores).%n%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), rows.size(), pass, fail, skip,
                total, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        String area = null;
        for (ReportRow r : sorted) {
            if (!r.area().equals(area)) {
                area = r.area();
                b.append("## ").append(area).append("\n\n");
                b.append("| scenario | backend | what was tried | result | time | |\n|---|---|---|---|---:|---|\n");
            }
            b.append("| ").append(cell(r.scenario())).append(" | ").append(cell(r.backend())).append(" | ")
                    .append(cell(r.tried())).append(" | ").append(cell(r.result())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f s", r.seconds())).append(" | **")
                    .append(r.status()).append("** |\n");
            if (next(sorted, r) == null || !next(sorted, r).area().equals(area)) {
                b.append('\n');
            }
        }
        b.append("## Not covered\n\n")
                .append("- Power loss or an operating-system crash: the crash scenarios kill the process (SIGKILL); SQLite runs\n")
                .append("  with `synchronous=NORMAL` in WAL mode, which keeps the database intact on power loss but may lose the\n")
                .append("  last transactions.\n")
                .append("- A PostgreSQL server crash or restart: the outage scenario cuts the TCP connection; the server keeps running.\n")
                .append("- A full disk, and symbolic links planted inside a FileStore's directory by someone with write access to it.\n")
                .append("- PostgreSQL from Testcontainers: the suite uses the server named by `THREADSTORE_TEST_POSTGRES_URL`.\n");
        return b.toString();
    }

    private static ReportRow next(List<ReportRow> rows, ReportRow r) {
        int i = rows.indexOf(r);
        return i + 1 < rows.size() ? rows.get(i + 1) : null;
    }

    private static int backendOrder(String backend) {
        int i = List.of("memory", "sqlite", "postgresql", "files", "-").indexOf(backend);
        return i < 0 ? 9 : i;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").replace("\r", " ");
    }
}
