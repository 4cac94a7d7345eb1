package dev.threadstore.cli;

import dev.threadstore.ThreadQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The thread selection that {@code ls}, {@code export} and {@code copy} share, turned into a {@link ThreadQuery}.
 * A value given as {@code k=v} is typed as JSON when it reads as a JSON number, boolean or null ({@code n=3} matches
 * the number 3, {@code ok=true} the boolean), and is a string otherwise; quote it to force a string
 * ({@code n='"3"'}).
 */
final class QueryOptions {

    @Option(names = "--attr", paramLabel = "KEY=VALUE", description = "Only threads with this attribute (repeatable; all must match).")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--source", paramLabel = "NAME", description = "Only threads from this source (e.g. slack).")
    @Nullable String source;

    @Option(names = "--source-prop", paramLabel = "KEY=VALUE", description = "With --source: only sources with this property (repeatable).")
    Map<String, String> sourceProperties = new LinkedHashMap<>();

    @Option(names = "--updated-after", paramLabel = "INSTANT", description = "Only threads updated after this ISO-8601 instant (exclusive).")
    @Nullable String updatedAfter;

    @Option(names = "--updated-before", paramLabel = "INSTANT", description = "Only threads updated before this ISO-8601 instant (exclusive).")
    @Nullable String updatedBefore;

    /**
     * @param pageSize the query's page size, 1 to 1000
     * @return the query, newest first
     * @throws UsageException if an option's value is invalid, naming the option
     */
    ThreadQuery query(int pageSize) {
        ThreadQuery query = ThreadQuery.all().limit(pageSize);
        if (!attributes.isEmpty()) {
            query = query.attributes(typed(attributes));
        }
        if (source != null) {
            query = query.source(source, typed(sourceProperties));
        } else if (!sourceProperties.isEmpty()) {
            throw new UsageException("--source-prop needs --source NAME");
        }
        if (updatedAfter != null) {
            query = query.updatedAfter(instant("--updated-after", updatedAfter));
        }
        if (updatedBefore != null) {
            query = query.updatedBefore(instant("--updated-before", updatedBefore));
        }
        return query;
    }

    private static Instant instant(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + ": '" + text + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static Map<String, Object> typed(Map<String, String> raw) {
        Map<String, Object> typed = new LinkedHashMap<>();
        raw.forEach((k, v) -> typed.put(k, jsonScalar(v)));
        return typed;
    }

    static @Nullable Object jsonScalar(String text) {
        switch (text) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                break;
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        if (text.matches("-?(0|[1-9][0-9]{0,17})")) {
            return Long.parseLong(text);
        }
        if (text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) {
                return d;
            }
        }
        return text;
    }
}
