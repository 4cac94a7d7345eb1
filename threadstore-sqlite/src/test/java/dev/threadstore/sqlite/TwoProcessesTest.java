package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs on one SQLite file: both write at once, neither fails with "database is locked", each sees the other's writes. */
class TwoProcessesTest {

    private static final int COUNT = 150;

    @TempDir
    Path dir;

    @Test
    void twoProcessesAppendingToOneFileWaitForEachOtherAndLoseNothing() throws Exception {
        String url = "sqlite:" + dir.resolve("shared.db");
        try (ThreadStore store = ThreadStore.create(url)) {
            ChatThread thread = store.save(ChatThread.create("shared"));
            Path childErr = dir.resolve("child.err");
            Process child = child(url, thread.id(), COUNT, childErr);
            // Start writing once the child's first append is visible, so that both processes write at once.
            for (int polls = 0; polls < 6000 && child.isAlive() && !hasChildMessage(store, thread.id()); polls++) {
                Thread.sleep(20);
            }
            for (int i = 0; i < COUNT; i++) {
                store.append(thread.id(), List.of(Message.user("parent " + i)));
            }
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the child process finished").isTrue();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = read(childErr);
            assertThat(child.exitValue()).as("child exit code; its stderr:\n" + err).isZero();
            assertThat(err).doesNotContain("database is locked").doesNotContain("SQLITE_BUSY");

            List<Message> messages = store.get(thread.id()).orElseThrow().messages();
            assertThat(messages).hasSize(2 * COUNT);
            assertThat(messages).extracting(Message::sequence)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 2 * COUNT).boxed().toList());
            assertThat(messages).filteredOn(m -> m.content().startsWith("child ")).hasSize(COUNT);
            assertThat(store.get(thread.id()).orElseThrow().version()).isEqualTo(1 + 2 * COUNT);

            String childThread = out.strip().replace("saved ", "");
            assertThat(store.get(childThread)).hasValueSatisfying(t -> assertThat(t.title()).isEqualTo("from the child"));
        }
    }

    @Test
    void processesStartingTogetherOnANewFileCreateTheSchemaOnce() throws Exception {
        String url = "sqlite:" + dir.resolve("fresh.db");
        List<Process> children = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(child(url, "-", 0, dir.resolve("fresh" + i + ".err")));
        }
        for (int i = 0; i < children.size(); i++) {
            Process child = children.get(i);
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("child %d finished", i).isTrue();
            assertThat(child.exitValue()).as("child %d exit code; its stderr:%n%s", i, read(dir.resolve("fresh" + i + ".err")))
                    .isZero();
        }
        try (ThreadStore store = ThreadStore.create(url + "?migrate=false")) {
            assertThat(store.list()).hasSize(3).allSatisfy(t -> assertThat(t.title()).isEqualTo("from the child"));
        }
    }

    private static Process child(String url, String threadId, int count, Path stderr) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SqliteAppender.class.getName(),
                url, threadId, Integer.toString(count))
                .redirectError(stderr.toFile())
                .start();
    }

    private static boolean hasChildMessage(ThreadStore store, String threadId) {
        return store.get(threadId).orElseThrow().messages().stream().anyMatch(m -> m.content().startsWith("child "));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
