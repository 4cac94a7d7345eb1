package dev.threadstore.reliability;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
 * always the suite's own output. {@link ReportMarkdown#main} regenerates the docs from the JSON of an earlier run.
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
            String markdown = ReportMarkdown.render(rows);
            Files.writeString(target.resolve("reliability-report.md"), markdown, StandardCharsets.UTF_8);
            String docs = System.getProperty("threadstore.reliability.docs", "");
            if (!docs.isBlank() && complete(rows)) {
                Path out = Path.of(docs).toAbsolutePath().normalize();
                Files.createDirectories(out.getParent());
                Files.writeString(out, markdown, StandardCharsets.UTF_8);
            }
        }
    }

    private static boolean complete(List<ReportRow> rows) {
        Set<String> seen = rows.stream().map(ReportRow::area).collect(Collectors.toSet());
        return EnumSet.allOf(Area.class).stream().allMatch(a -> seen.contains(a.title()));
    }

}
