package dev.threadstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatMemoryWorkloadsTest {

    private static final Sizes TINY = new Sizes(List.of(1, 25), 1, 1, List.of(1), 1, 1,
            new Harness.Plan(1, 1_000, 3, 3, 1_000), new Harness.Plan(1, 1_000, 3, 3, 1_000), 1);

    @Test
    void measuresEveryMemoryAtEverySizeOnSqlite() throws Exception {
        List<Result> results = new ArrayList<>();
        try (BenchBackend sqlite = BenchBackend.sqlite()) {
            new ChatMemoryWorkloads(TINY, results::add, quietLog()).run(sqlite);
        }

        assertThat(results).extracting(r -> r.store() + "@" + r.n()).containsExactlyInAnyOrder(
                "spring-ai@1", "threadstore-spring-ai@1", "langchain4j-memory@1", "threadstore-langchain4j@1",
                "spring-ai@25", "threadstore-spring-ai@25", "langchain4j-memory@25", "threadstore-langchain4j@25");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.workload()).isEqualTo("chat-memory");
            assertThat(r.backend()).isEqualTo("sqlite");
            assertThat(r.p50Micros()).isPositive();
        });
    }

    @Test
    void theMemoryBackendHasNoJdbcPeer() throws Exception {
        List<Result> results = new ArrayList<>();
        try (BenchBackend memory = BenchBackend.memory()) {
            new ChatMemoryWorkloads(TINY, results::add, quietLog()).run(memory);
        }

        assertThat(results).extracting(Result::store).doesNotContain("spring-ai").hasSize(6);
    }

    @Test
    void targetsCompareOursWithSpringAiJdbcAndWithItselfAtTen() {
        List<Result> results = List.of(
                cell("spring-ai", 1000, 20_000), cell("threadstore-spring-ai", 10, 900),
                cell("threadstore-spring-ai", 1000, 1_000), cell("threadstore-langchain4j", 10, 400),
                cell("threadstore-langchain4j", 1000, 2_000));

        List<String> lines = ChatMemoryWorkloads.checks(results).stream().map(Targets.Check::line).toList();

        assertThat(lines).anyMatch(l -> l.startsWith("  MET") && l.contains("1.11x")
                && l.contains("n=1000 / n=10, threadstore-spring-ai, sqlite"));
        assertThat(lines).anyMatch(l -> l.startsWith("  MISSED") && l.contains("5.00x")
                && l.contains("n=1000 / n=10, threadstore-langchain4j, sqlite"));
        assertThat(lines).anyMatch(l -> l.startsWith("  MET") && l.contains("20.00x")
                && l.contains("spring-ai jdbc / threadstore-spring-ai, sqlite"));
        assertThat(lines).anyMatch(l -> l.startsWith("  MISSED") && l.contains("10.00x")
                && l.contains("spring-ai jdbc / threadstore-langchain4j, sqlite"));
        assertThat(lines).filteredOn(l -> l.contains("postgresql")).hasSize(4)
                .allMatch(l -> l.startsWith("  NOT MEASURED"));
    }

    @Test
    void tableHasOneRowPerBackendAndSizeWithTheFourMemories() {
        String table = ChatMemoryWorkloads.render(List.of(cell("spring-ai", 1000, 20_000),
                cell("threadstore-spring-ai", 1000, 1_000), new Result("get", "threadstore", "sqlite", 100, 1, 1, 1)));

        assertThat(table.lines()).hasSize(3);
        assertThat(table).contains("| sqlite | 1,000 | 20 ms / 20 ms | 1.0 ms / 1.0 ms | – | – |");
        assertThat(ChatMemoryWorkloads.render(List.of())).isEmpty();
    }

    @Test
    void theWorkloadCanBeChosenAlone() {
        BenchOptions options = BenchOptions.parse(List.of("--workloads", "chat-memory"), Map.of());

        assertThat(options.workloads()).containsExactly("chat-memory");
        assertThat(options.runs("sqlite", "chat-memory")).isTrue();
        assertThat(options.runs("sqlite", "append")).isFalse();
    }

    private static Result cell(String store, int n, double p50) {
        return new Result("chat-memory", store, "sqlite", n, 1e6 / p50, p50, p50);
    }

    private static PrintStream quietLog() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
