package dev.threadstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ResultsTest {

    private static final List<Result> RESULTS = List.of(
            new Result("append", "threadstore", "sqlite", 10, 2000, 500, 900),
            new Result("append", "threadstore", "sqlite", 1000, 1900, 520, 950),
            new Result("append", "spring-ai", "sqlite", 10, 1500, 700, 1200),
            new Result("append", "spring-ai", "sqlite", 1000, 40, 25_000, 31_000),
            new Result("append", "jdbc-floor", "sqlite", 10, 4000, 250, 400),
            new Result("append", "jdbc-floor", "sqlite", 1000, 3900, 260, 410),
            new Result("get", "threadstore", "sqlite", 100, 1000, 1000, 2000),
            new Result("get", "jdbc-floor", "sqlite", 100, 1300, 800, 1500),
            new Result("find-attributes", "threadstore", "sqlite", 1000, 5000, 200, 300),
            new Result("find-attributes", "threadstore", "sqlite", 20000, 4000, 250, 400));

    @Test
    void percentilesAreNearestRankOfTheSortedSamples() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = (100 - i) * 1000L; // 100 µs down to 1 µs
        }
        Stats stats = Stats.of(samples, 100, 1);

        assertThat(stats.p50Micros()).isEqualTo(50.0);
        assertThat(stats.p99Micros()).isEqualTo(99.0);
        assertThat(stats.samples()).isEqualTo(100);
        assertThat(stats.opsPerSec()).isCloseTo(1e9 * 100 / 5_050_000, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void jsonHasOneObjectPerCellWithExactlyTheAgreedKeys() {
        String json = ResultsJson.render(RESULTS);

        Matcher objects = Pattern.compile("\\{([^}]*)}").matcher(json);
        int count = 0;
        while (objects.find()) {
            count++;
            List<String> keys = Pattern.compile("\"(\\w+)\":").matcher(objects.group(1)).results()
                    .map(m -> m.group(1)).toList();
            assertThat(keys).containsExactly("workload", "store", "backend", "n", "opsPerSec", "p50Micros", "p99Micros");
        }
        assertThat(count).isEqualTo(RESULTS.size());
        assertThat(json.strip()).startsWith("[").endsWith("]");
        assertThat(json).contains("{\"workload\": \"append\", \"store\": \"spring-ai\", \"backend\": \"sqlite\", "
                + "\"n\": 1000, \"opsPerSec\": 40.0, \"p50Micros\": 25000.0, \"p99Micros\": 31000.0}");
        assertThat(ResultsJson.render(List.of()).strip()).isEqualTo("[]");
    }

    @Test
    void chartIsWellFormedSvgWithALinePerContender() throws Exception {
        String svg = AppendCostChart.render(RESULTS);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(3);
        assertThat(svg).contains("sqlite").contains("Spring AI").contains("jdbc-floor");
    }

    @Test
    void targetsReportRatiosAndVerdicts() {
        List<Targets.Check> checks = Targets.check(RESULTS);

        assertThat(checks).filteredOn(c -> c.description().contains("n=1000 / n=10, threadstore, sqlite"))
                .singleElement().satisfies(c -> {
                    assertThat(c.ratio()).isCloseTo(1.04, org.assertj.core.data.Offset.offset(0.001));
                    assertThat(c.met()).isTrue();
                });
        assertThat(checks).filteredOn(c -> c.description().contains("spring-ai / threadstore, sqlite"))
                .singleElement().satisfies(c -> assertThat(c.met()).isTrue());
        assertThat(checks).filteredOn(c -> c.description().contains("get p50 n=100, threadstore / jdbc-floor, sqlite"))
                .singleElement().satisfies(c -> assertThat(c.ratio()).isEqualTo(1.25));
        assertThat(checks).filteredOn(c -> c.description().contains("postgresql"))
                .allSatisfy(c -> assertThat(c.line()).contains("NOT MEASURED"));
    }

    @Test
    void theMemoryBackendsAppendIsCheckedForGrowthInThreadLength() {
        List<Result> memory = List.of(
                new Result("append", Result.THREADSTORE, "memory", 10, 1, 4.5, 40),
                new Result("append", Result.THREADSTORE, "memory", 1000, 1, 14, 60));
        Targets.Check check = Targets.check(memory).stream()
                .filter(c -> c.description().equals("append p50 n=1000 / n=10, threadstore, memory"))
                .findFirst().orElseThrow();
        assertThat(check.ratio()).isCloseTo(3.11, org.assertj.core.data.Offset.offset(0.01));
        assertThat(check.line()).contains("MISSED").contains("(<= 2.0x)");
    }
}
