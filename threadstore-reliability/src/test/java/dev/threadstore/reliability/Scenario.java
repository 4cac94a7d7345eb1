package dev.threadstore.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one scenario run tried and what it found, filled in by the test as it goes and turned into a
 * report row by {@link ReliabilityReport} when the test ends (with PASS, FAIL or SKIP from JUnit's
 * verdict). A test gets one as a parameter: {@code void x(Scenario scenario)}.
 */
final class Scenario {

    private Area area = Area.CONCURRENCY;
    private String name = "";
    private String backend = "-";
    private final List<String> tried = new ArrayList<>();
    private final List<String> found = new ArrayList<>();

    /** Names the scenario: its section, what it checks and on which backend. */
    Scenario describe(Area area, String name, String backend) {
        this.area = Objects.requireNonNull(area, "area");
        this.name = Objects.requireNonNull(name, "name");
        this.backend = Objects.requireNonNull(backend, "backend");
        return this;
    }

    /** Adds to "what was tried": counts, sizes, rounds. */
    synchronized Scenario tried(String format, Object... args) {
        tried.add(String.format(java.util.Locale.ROOT, format, args));
        return this;
    }

    /** Adds to the result: the figures observed. */
    synchronized Scenario found(String format, Object... args) {
        found.add(String.format(java.util.Locale.ROOT, format, args));
        return this;
    }

    Area area() {
        return area;
    }

    String name() {
        return name;
    }

    String backend() {
        return backend;
    }

    synchronized String triedText() {
        return String.join("; ", tried);
    }

    synchronized String foundText() {
        return String.join("; ", found);
    }
}
