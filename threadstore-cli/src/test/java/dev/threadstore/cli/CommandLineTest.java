package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ThreadJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every command shares: help, exit codes, the URL from the environment, masked passwords; and memory:. */
class CommandLineTest {

    private static final String SECRET = "s3cret-Pa55";
    /** Nothing listens on port 1: opening fails, with the password in the URL. */
    private static final String UNREACHABLE = "postgresql://alice:" + SECRET + "@127.0.0.1:1/app?poolTimeout=1";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"info", "ls", "show", "export", "import", "copy", "migrate", "tck", "purge"})
    void everyCommandHasHelp(String command) {
        Cli.Result result = Cli.run(command, "--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).startsWith("Usage: threadstore " + command);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnStandardError() {
        Cli.Result result = Cli.run("ls", "memory:", "--colour");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("error: Unknown option: '--colour'");
    }

    @Test
    void noUrlIsAUsageErrorNamingTheEnvironmentVariable() {
        Cli.Result result = Cli.run("info");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("no store URL").contains("THREADSTORE_URL");
    }

    @Test
    void theUrlComesFromTheEnvironmentWhenNotGiven() {
        String url = "sqlite:" + dir.resolve("env.db");

        Cli.Result result = Cli.run("", Map.of("THREADSTORE_URL", url), "migrate");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Files.exists(dir.resolve("env.db"))).isTrue();
    }

    @Test
    void aPasswordNeverReachesTheOutput() {
        for (String[] args : new String[][] {{"info", UNREACHABLE}, {"ls", UNREACHABLE}, {"export", UNREACHABLE},
                {"copy", UNREACHABLE, "memory:"}, {"migrate", UNREACHABLE}, {"ls", UNREACHABLE, "--bogus"}}) {
            Cli.Result result = Cli.run(args);

            assertThat(result.code()).as(String.join(" ", args)).isIn(1, 2);
            assertThat(result.err()).as(String.join(" ", args)).isNotEmpty().doesNotContain(SECRET);
            assertThat(result.out()).doesNotContain(SECRET);
        }
        Cli.Result fromEnv = Cli.run("", Map.of("THREADSTORE_URL", UNREACHABLE), "info");
        assertThat(fromEnv.code()).isEqualTo(1);
        assertThat(fromEnv.out() + fromEnv.err()).doesNotContain(SECRET).contains("alice:****@");
    }

    @Test
    void everyCommandRunsOnMemory() {
        String line = ThreadJson.write(new SampleThreads(3).thread("m-1"));

        assertThat(Cli.run("info", "memory:").out()).contains("backend:   memory", "(this backend keeps no schema)",
                "threads:   0");
        assertThat(Cli.run("ls", "memory:").out().lines()).hasSize(1);
        assertThat(Cli.run("show", "memory:", "m-1").code()).isEqualTo(1);
        assertThat(Cli.run("export", "memory:").out()).isEmpty();
        Cli.Result imported = Cli.run(line + "\n", Map.of(), "import", "memory:");
        assertThat(imported.code()).isZero();
        assertThat(imported.err()).contains("1 imported");
        assertThat(Cli.run("copy", "memory:", "memory:", "--verify").out()).contains("copied 0 threads",
                "verified 0 threads: all equal");
        assertThat(Cli.run("migrate", "memory:").out()).contains("keeps no schema: nothing to migrate");
        assertThat(Cli.run("purge", "memory:", "--expired").out()).contains("purged 0 expired threads");
    }

    @Test
    void aBadOptionValueIsAUsageErrorNamingTheOption() {
        Cli.Result result = Cli.run("ls", "memory:", "--updated-after", "yesterday");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--updated-after: 'yesterday' is not an ISO-8601 instant");
        assertThat(Cli.run("ls", "memory:", "--limit", "-1").code()).isEqualTo(2);
        assertThat(Cli.run("import", "memory:", "--on-error", "maybe").code()).isEqualTo(2);
        assertThat(Cli.run("export", "memory:", "--with-files").err()).contains("--with-files needs --files URL");
    }
}
