package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import meets bad lines: each is reported with its number, skipped or fatal as --on-error says, never half-imported. */
class MalformedInputTest {

    @TempDir
    Path dir;

    private String input() {
        SampleThreads samples = new SampleThreads(1);
        String good1 = dev.threadstore.ThreadJson.write(samples.thread("good-1"));
        String good2 = dev.threadstore.ThreadJson.write(samples.thread("good-2"));
        String good3 = dev.threadstore.ThreadJson.write(samples.thread("good-3"));
        String truncated = good2.substring(0, good2.length() / 2);
        // a tool result without its call id: valid JSON, refused by the records, so no message of it is written
        String invalid = good3.replace("\"id\":\"good-3\"", "\"id\":\"bad-4\"")
                .replaceFirst("\"role\":\"system\"", "\"role\":\"tool\"");
        return String.join("\n", List.of(good1, "not json at all", truncated, "", invalid, good2, good3)) + "\n";
    }

    @Test
    void skipReportsEveryBadLineWithItsNumberAndImportsTheRest() {
        String url = "sqlite:" + dir.resolve("t.db");

        Cli.Result result = Cli.run(input(), Map.of(), "import", url, "--on-error", "skip");

        assertThat(result.code()).isZero();
        assertThat(result.err()).contains("line 2: not a thread line: invalid JSON at offset 0")
                .contains("line 3: not a thread line: invalid JSON")
                .contains("line 5: thread bad-4: a TOOL message needs a toolCallId")
                .contains("done: 3 imported, 0 unchanged (already stored), 0 conflicts skipped, 0 overwritten, 3 malformed lines");
        try (ThreadStore store = ThreadStore.create(url)) {
            assertThat(store.count(ThreadQuery.all())).isEqualTo(3);
            assertThat(store.get("bad-4")).isEmpty();
        }
    }

    @Test
    void failStopsAtTheFirstBadLineKeepingTheWholeThreadsBeforeIt() {
        String url = "sqlite:" + dir.resolve("t.db");

        Cli.Result result = Cli.run(input(), Map.of(), "import", url);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("line 2: not a thread line")
                .contains("stopped at line 2 (--on-error fail): 1 imported").doesNotContain("line 3");
        try (ThreadStore store = ThreadStore.create(url)) {
            assertThat(store.count(ThreadQuery.all())).isEqualTo(1);
            assertThat(store.get("good-1")).isPresent();
        }
    }

    @Test
    void aLineOfAnotherFormatVersionIsReportedAsSuch() {
        Cli.Result result = Cli.run("{\"format\":\"threadstore-thread\",\"formatVersion\":9}\n", Map.of(),
                "import", "memory:");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("line 1: formatVersion 9 is not supported")
                .contains("written by a newer threadstore");
    }
}
