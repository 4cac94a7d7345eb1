package dev.threadstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LangChain4jChatMemoryExampleTest {

    @Test
    void theAssistantCallsTheToolAndTheThreadHoldsTheWholeConversation() {
        assertThat(run("memory:"))
                .contains("assistant: It is sunny, 21°C in Paris.")
                .contains("Thread user-42 holds 9 messages:")
                .contains("AI calls weather{\"city\":\"Paris\"}")
                .contains("TOOL_EXECUTION_RESULT weather -> sunny, 21°C in Paris");
    }

    @Test
    void aSecondRunOnTheSameSqliteFileContinuesTheConversation(@TempDir Path dir) {
        String url = "sqlite:" + dir.resolve("lc4j.db");

        assertThat(run(url)).contains("You have asked me 1 question(s) so far.");
        assertThat(run(url)).contains("You have asked me 4 question(s) so far.").contains("holds 17 messages");
    }

    private static String run(String url) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new LangChain4jChatMemoryExample(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(url);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
