package dev.threadstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Quickstart as a modular application, {@code java --module-path ... -m
 * dev.threadstore.examples/dev.threadstore.examples.Quickstart}, in a child JVM, so that every
 * {@code module-info} (the API's {@code uses}, each backend's {@code provides}, {@code requires},
 * {@code exports ... to}, {@code opens}) is exercised as a user of the module path meets it. Surefire runs
 * the other tests on the class path, where none of that is checked.
 *
 * <p>The module path is the examples' runtime dependencies, which the build writes to
 * {@code target/module-path.txt}, plus the examples' own classes.
 *
 * <p>Known limit of the module path, documented rather than hidden: Liquibase 4.x is an automatic module,
 * and an automatic module cannot declare its own requirements, so the explicit modules it needs at run time
 * (commons-lang3 and commons-io) are not resolved unless the application adds them. A SQL backend on the
 * module path therefore needs {@code --add-modules org.apache.commons.lang3,org.apache.commons.io}
 * ({@code ALL-MODULE-PATH} does not work: Liquibase's jaxb-api would then need java.activation).
 */
class QuickstartModulePathTest {

    /** What Liquibase, an automatic module, needs but cannot require (see the class comment). */
    static final String LIQUIBASE_MODULES = "org.apache.commons.lang3,org.apache.commons.io";

    @Test
    void runsOnTheModulePathWithTheMemoryBackendAndBindsEveryBackendModule(@TempDir Path dir) throws Exception {
        Run run = quickstart(dir, List.of("--show-module-resolution"), "memory:");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout())
                .as(run.describe())
                .contains("root dev.threadstore.examples ")
                .contains("dev.threadstore binds dev.threadstore.memory ")
                .contains("dev.threadstore binds dev.threadstore.sqlite ")
                .contains("dev.threadstore binds dev.threadstore.postgres ")
                .contains("dev.threadstore binds dev.threadstore.files ")
                .contains("dev.threadstore.sql requires com.zaxxer.hikari ")
                .contains("#3 ASSISTANT calls lookup_order")
                .contains("identical to what save returned: true")
                .contains("The store now holds 1 thread(s)");
    }

    @Test
    void runsOnTheModulePathWithTheSqliteBackendAndASecondRunFindsTheFirstRunsThreads(@TempDir Path dir)
            throws Exception {
        String url = "sqlite:" + dir.resolve("quickstart.db");
        List<String> options = List.of("--add-modules", LIQUIBASE_MODULES);

        Run first = quickstart(dir, options, url);
        Run second = quickstart(dir, options, url);

        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(first.stdout())
                .as(first.describe())
                .contains("It already holds 0 thread(s)")
                .contains("now 5 messages, version 2")
                .contains("appended at sequence 6")
                .contains("deleted \"Sales question 1\": true");
        assertThat(first.stderr()).as("opening and migrating a new store logs no error: " + first.describe())
                .doesNotContain("ERROR");
        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(second.stdout())
                .as(second.describe())
                .contains("It already holds 1 thread(s); the newest is \"Refund for order 8812\"");
    }

    private record Run(int exitCode, String stdout, String stderr, List<String> command) {
        String describe() {
            return "command: " + String.join(" ", command) + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private static Run quickstart(Path dir, List<String> jvmOptions, String url)
            throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--module-path");
        command.add(modulePath());
        command.addAll(jvmOptions);
        command.add("-m");
        command.add("dev.threadstore.examples/dev.threadstore.examples.Quickstart");
        command.add(url);

        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        // A hang guard only: the run takes seconds; a child that never ends must not hang the build.
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the Quickstart did not end within 5 minutes: " + command);
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), command);
    }

    private static String modulePath() throws IOException, URISyntaxException {
        Path listing = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("module-path.txt");
        assertThat(listing)
                .as("written by the maven-dependency-plugin execution 'module-path' of examples/pom.xml")
                .exists();
        String dependencies = Files.readString(listing, StandardCharsets.UTF_8).strip();
        Path examples = Path.of(Quickstart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return dependencies + File.pathSeparator + examples;
    }
}
