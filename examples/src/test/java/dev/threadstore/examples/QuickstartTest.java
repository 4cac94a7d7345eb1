package dev.threadstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

    @Test
    void walksEveryStepOfTheSeedPageOnTheMemoryBackend() {
        String output = run("memory:");

        assertThat(output)
                .contains("It already holds 0 thread(s)")
                .contains("#1 SYSTEM")
                .contains("#3 ASSISTANT calls lookup_order")
                .contains("identical to what save returned: true")
                .contains("now 5 messages, version 2")
                .contains("appended at sequence 6")
                .contains("[Refund for order 8812]")
                .contains("deleted \"Sales question 1\": true")
                .contains("The store now holds 1 thread(s)");
    }

    @Test
    void aSecondRunOnTheSameSqliteFileFindsTheFirstRunsThreads(@TempDir Path dir) {
        String url = "sqlite:" + dir.resolve("quickstart.db");

        assertThat(run(url)).contains("It already holds 0 thread(s)");
        assertThat(run(url)).contains("It already holds 1 thread(s); the newest is \"Refund for order 8812\"");
    }

    private static String run(String url) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(url);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
