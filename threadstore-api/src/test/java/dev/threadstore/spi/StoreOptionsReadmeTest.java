package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's option table is the catalogue, row for row: an option added, renamed, re-defaulted or moved to
 * another backend in {@link StoreOptions} without the README (or the other way round) fails here. After a
 * deliberate change, rewrite the table with {@code -Dthreadstore.updateReadme=true} and commit both.
 */
class StoreOptionsReadmeTest {

    static final String BEGIN = "<!-- options:begin -->";
    static final String END = "<!-- options:end -->";
    private static final Path README = Path.of("..", "README.md");

    /** One row of the table, parsed. */
    record Row(String option, String backends, String type, String defaultValue, String environment,
               String description) {

        static Row of(StoreOption<?> option) {
            return new Row("`" + option.name() + "`", String.join(", ", option.backends()), type(option),
                    option.defaultValue().map(v -> "`" + v + "`").orElse("—"),
                    option.environmentVariable().map(v -> "`" + v + "`").orElse("—"), option.description());
        }

        static Row parse(String line) {
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            if (cells.length != 6) {
                throw new AssertionError("README option table: expected 6 cells in: " + line);
            }
            return new Row(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip(),
                    cells[5].strip());
        }

        String markdown() {
            return "| " + String.join(" | ", option, backends, type, defaultValue, environment, description) + " |";
        }

        private static String type(StoreOption<?> option) {
            String type = option.type() == String.class ? "text"
                    : option.type() == Boolean.class ? "boolean" : "integer " + option.constraint();
            return option.sensitive() ? type + ", secret" : type;
        }
    }

    static List<Row> catalogue() {
        return StoreOptions.all().stream().map(Row::of).toList();
    }

    static List<Row> readme(List<String> lines) {
        int begin = lines.indexOf(BEGIN);
        int end = lines.indexOf(END);
        assertThat(begin).as("README.md has the marker " + BEGIN).isNotNegative();
        assertThat(end).as("README.md has the marker " + END + " after " + BEGIN).isGreaterThan(begin);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(begin + 1, end)) {
            if (line.startsWith("|") && !line.startsWith("|---") && !line.startsWith("| option |")) {
                rows.add(Row.parse(line.strip()));
            }
        }
        return rows;
    }

    static List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add("| option | backends | type | default | environment | description |");
        lines.add("|---|---|---|---|---|---|");
        catalogue().forEach(row -> lines.add(row.markdown()));
        return lines;
    }

    @Test
    void theReadmeOptionTableListsExactlyTheCatalogue() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("threadstore.updateReadme")) {
            List<String> updated = new ArrayList<>(lines.subList(0, lines.indexOf(BEGIN) + 1));
            updated.addAll(table());
            updated.addAll(lines.subList(lines.indexOf(END), lines.size()));
            Files.write(README, updated, StandardCharsets.UTF_8);
            lines = updated;
        }
        assertThat(readme(lines))
                .as("README.md's option table against StoreOptions; after a deliberate change run this test with"
                        + " -Dthreadstore.updateReadme=true")
                .containsExactlyElementsOf(catalogue());
    }

    @Test
    void aRowThatDriftsFromTheCatalogueIsSeen() {
        List<String> lines = new ArrayList<>(List.of("intro", BEGIN));
        lines.addAll(table());
        lines.add(END);
        assertThat(readme(lines)).isEqualTo(catalogue());

        int poolSize = lines.indexOf(Row.of(StoreOptions.POOL_SIZE).markdown());
        lines.set(poolSize, lines.get(poolSize).replace("`5`", "`6`"));
        assertThat(readme(lines)).isNotEqualTo(catalogue());
        lines.remove(poolSize);
        assertThat(readme(lines)).hasSize(catalogue().size() - 1);
    }
}
