package dev.threadstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringAiChatMemoryExampleTest {

    @Test
    void theConversationKeepsItsWholeHistoryWhileTheModelSeesAWindow(@TempDir Path dir) {
        String url = "sqlite:" + dir.resolve("spring-ai.db");

        String first = run(url);
        assertThat(first)
                .contains("assistant calls order_status{\"order\":8812}")
                .contains("assistant: Order 8812 has shipped.")
                .contains("The thread holds 9 messages; the memory gives the model at most the last 6.");
        assertThat(run(url)).as("a second run continues the same conversation")
                .contains("The thread holds 18 messages");
    }

    private static String run(String url) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new SpringAiChatMemoryExample(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(url);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
