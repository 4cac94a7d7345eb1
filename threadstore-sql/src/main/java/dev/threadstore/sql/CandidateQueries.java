package dev.threadstore.sql;

import dev.threadstore.sql.ThreadMapper.CandidateQuery;
import dev.threadstore.sql.ThreadMapper.IndexEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns an attribute or source query into the {@link CandidateQuery} a dialect's index answers: the non-null
 * entries as one JSON object (for containment) and some of them one by one (for a key/value index). The
 * candidates are a superset of the matches; the reads check each against the whole query.
 */
final class CandidateQueries {

    static final int MAX_INDEXED_ENTRIES = 16;

    private final Dialect dialect;

    CandidateQueries(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * @param sourceName the source name of a source query; null for an attribute query
     * @param query the entries asked for; entries with a null value are left to the check in Java
     * @return the query the dialect's {@code selectSummaries} and {@code countThreads} read
     */
    CandidateQuery of(@Nullable String sourceName, Map<String, Object> query) {
        Map<String, Object> present = new LinkedHashMap<>();
        List<IndexEntry> entries = new ArrayList<>();
        query.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            present.put(key, value);
            if (value instanceof String) {
                entries.add(new IndexEntry(key, "text", value));
            } else if (value instanceof Number) {
                entries.add(new IndexEntry(key, "number", value));
            } else if (value instanceof Boolean) {
                entries.add(new IndexEntry(key, "boolean", value));
            } else {
                entries.add(new IndexEntry(key, "structured", RowCodec.json(value)));
            }
        });
        return new CandidateQuery(sourceName, dialect.encodeJson(RowCodec.json(present)), indexed(entries));
    }

    /**
     * The entries a key/value index is asked for: scalar ones first (a structured value matches on its key only),
     * at most {@value #MAX_INDEXED_ENTRIES}, so that any number of keys makes a statement the database accepts
     * (SQLite refuses an expression tree deeper than 1000). The candidates are a superset; every one is checked
     * against the whole query.
     */
    private static List<IndexEntry> indexed(List<IndexEntry> entries) {
        List<IndexEntry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing(e -> e.kind().equals("structured")));
        return ordered.size() <= MAX_INDEXED_ENTRIES ? ordered : ordered.subList(0, MAX_INDEXED_ENTRIES);
    }
}
