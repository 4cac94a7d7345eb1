package dev.threadstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessTest {

    @Test
    void stepsMeasuredTogetherTakeTurnsAndEachGetsThePlansIterations() throws Exception {
        List<String> calls = new ArrayList<>();
        Harness.Plan plan = new Harness.Plan(2, 60_000, 4, 4, 60_000);
        List<Stats> stats = Harness.measureTogether(plan, List.of(() -> calls.add("a"), () -> calls.add("b"),
                () -> calls.add("c")));
        assertThat(stats).hasSize(3);
        assertThat(stats).allSatisfy(s -> assertThat(s.samples()).isEqualTo(4));
        // two warm-up rounds, then four measured ones; each round starts with the next step
        assertThat(String.join("", calls)).isEqualTo("abc" + "bca" + "abc" + "bca" + "cab" + "abc");
    }

    @Test
    void nothingToMeasureIsNoStatistics() throws Exception {
        assertThat(Harness.measureTogether(new Harness.Plan(1, 1, 1, 1, 1), List.of())).isEmpty();
    }
}
