package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar itself, run with {@code java -jar} in a child JVM: its service files, Liquibase changelogs and
 * MyBatis mapper XML work from the one jar. Runs after {@code package} (surefire execution {@code jar-tests}); the
 * jar's path comes in the system property {@code threadstore.cli.jar}. {@link StreamingJarTest} runs it on 100,000
 * threads.
 */
class ShadedJarTest {

    @TempDir
    Path dir;

    /** What a child JVM printed and returned. */
    record Run(int code, String out, String err) {
    }

    Run java(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return java(jvmOptions, Files.createTempFile(dir, "out", ".txt"), args);
    }

    Run java(List<String> jvmOptions, Path out, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("threadstore.cli.jar", "target/threadstore-cli-all.jar"));
        assertThat(jar).as("the shaded jar (run 'mvn package' first)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarMigratesAndReadsSqliteThroughItsOwnResources() throws Exception {
        Run help = java(List.of(), "--help");
        Run migrate = java(List.of(), "migrate", "sqlite:jar.db");
        Run info = java(List.of(), "info", "sqlite:jar.db");
        Run usage = java(List.of(), "ls", "sqlite:jar.db", "--nope");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: threadstore", "info", "tck");
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("  1-threads", "schema is now ");
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("pending:   none", "threads:   0");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("Unknown option: '--nope'");
    }

    @Test
    void theJarRunsTheTckAndAddsABackendFromTheClassPath() throws Exception {
        Path testClasses = Path.of("target", "test-classes");

        Run memory = java(List.of(), "tck", "memory:", "--contract", "SaveContract");
        Run forgetful = java(List.of(), "tck", "forgetful:", "--classpath", testClasses.toAbsolutePath().toString(),
                "--contract", "SaveContract");

        assertThat(memory.code()).as(memory.out() + memory.err()).isZero();
        assertThat(memory.out()).contains("SaveContract", "TCK passed");
        assertThat(forgetful.code()).as(forgetful.out() + forgetful.err()).isEqualTo(1);
        assertThat(forgetful.out()).contains("TCK FAILED", "failures:").doesNotContain("NoClassDefFoundError", "org/assertj");
    }
}
