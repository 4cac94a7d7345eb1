package dev.threadstore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsRunEverythingFullWithoutPostgres() {
        BenchOptions options = BenchOptions.parse(List.of(), Map.of());

        assertThat(options.quick()).isFalse();
        assertThat(options.postgresUrl()).isNull();
        assertThat(options.json()).isNull();
        assertThat(options.backends()).containsExactlyInAnyOrderElementsOf(BenchOptions.BACKENDS);
        assertThat(options.workloads()).containsExactlyInAnyOrderElementsOf(BenchOptions.WORKLOADS);
    }

    @Test
    void postgresUrlComesFromTheEnvironmentUnlessGivenOnTheCommandLine() {
        Map<String, String> env = Map.of(BenchOptions.POSTGRES_ENV, "postgresql://env@h/db");

        assertThat(BenchOptions.parse(List.of(), env).postgresUrl()).isEqualTo("postgresql://env@h/db");
        assertThat(BenchOptions.parse(List.of("--postgres", "postgresql://cli@h/db"), env).postgresUrl())
                .isEqualTo("postgresql://cli@h/db");
    }

    @Test
    void parsesQuickJsonChartAndSubsets() {
        BenchOptions options = BenchOptions.parse(List.of("--quick", "--json", "out.json", "--chart", "c.svg",
                "--backends", "memory,sqlite", "--workloads", "get"), Map.of());

        assertThat(options.quick()).isTrue();
        assertThat(options.json()).isEqualTo(Path.of("out.json"));
        assertThat(options.chart()).isEqualTo(Path.of("c.svg"));
        assertThat(options.runs("sqlite", "get")).isTrue();
        assertThat(options.runs("postgresql", "get")).isFalse();
        assertThat(options.runs("memory", "append")).isFalse();
    }

    @Test
    void rejectsUnknownOptionsAndMissingValuesNamingThem() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'--fast'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--json"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--json needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--backends", "mysql"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mysql")
                .hasMessageContaining("memory, sqlite, postgresql");
    }
}
