package dev.threadstore.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Collects a TCK run's results per contract (the TCK interface that declares each test) and prints them: one line
 * per contract with passed, failed and skipped counts, then every failure with its message. Thread-safe (JUnit may
 * report from several threads).
 */
final class TckReport implements TestExecutionListener {

    /** The counts of one contract. */
    private static final class Tally {
        int passed;
        int failed;
        int skipped;
    }

    private final Map<String, Tally> contracts = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> skipReasons = new TreeMap<>();

    /** @return the contract that declares the test, for a test method of the TCK */
    static Optional<String> contractOf(TestDescriptor descriptor) {
        return descriptor.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(TckReport::contractOf);
    }

    private static String contractOf(MethodSource source) {
        try {
            return source.getJavaMethod().getDeclaringClass().getSimpleName();
        } catch (RuntimeException e) {
            return source.getClassName().substring(source.getClassName().lastIndexOf('.') + 1);
        }
    }

    private static String contractOf(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(TckReport::contractOf).orElse("(other)");
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            contracts.computeIfAbsent(contractOf(test), c -> new Tally()).skipped++;
            skipReasons.merge(reason, 1, Integer::sum);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failures.add(test.getDisplayName() + " (set-up): " + message(result));
            }
            return;
        }
        Tally tally = contracts.computeIfAbsent(contractOf(test), c -> new Tally());
        switch (result.getStatus()) {
            case SUCCESSFUL -> tally.passed++;
            case ABORTED -> {
                tally.skipped++;
                skipReasons.merge(message(result), 1, Integer::sum);
            }
            case FAILED -> {
                tally.failed++;
                failures.add(contractOf(test) + "." + test.getDisplayName() + ": " + message(result));
            }
        }
    }

    private static String message(TestExecutionResult result) {
        return result.getThrowable().map(t -> {
            String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage().strip();
            List<String> lines = m.lines().limit(8).toList();
            return String.join("\n    ", lines);
        }).orElse("(no reason given)");
    }

    synchronized int total() {
        return contracts.values().stream().mapToInt(t -> t.passed + t.failed + t.skipped).sum() + failures.size()
                - (int) contracts.values().stream().mapToInt(t -> t.failed).sum();
    }

    synchronized int failed() {
        return failures.size();
    }

    synchronized void print(PrintWriter out, Redaction redaction) {
        out.printf("%-30s %7s %7s %7s%n", "CONTRACT", "PASSED", "FAILED", "SKIPPED");
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Map.Entry<String, Tally> e : contracts.entrySet()) {
            Tally t = e.getValue();
            out.printf("%-30s %7d %7d %7d%n", e.getKey(), t.passed, t.failed, t.skipped);
            passed += t.passed;
            failed += t.failed;
            skipped += t.skipped;
        }
        out.printf("%-30s %7d %7d %7d%n", "TOTAL", passed, failed, skipped);
        if (!skipReasons.isEmpty()) {
            out.println();
            out.println("skipped, and why:");
            skipReasons.forEach((reason, n) -> out.println("  " + n + " x " + redaction.mask(reason.lines().findFirst().orElse(""))));
        }
        if (!failures.isEmpty()) {
            out.println();
            out.println("failures:");
            for (String failure : failures) {
                out.println("  " + redaction.mask(failure));
            }
        }
        out.println();
        out.println(failures.isEmpty() ? "TCK passed" : "TCK FAILED: " + failures.size() + " failures");
    }
}
