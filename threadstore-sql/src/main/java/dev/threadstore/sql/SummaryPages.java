package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.ThreadQueries;
import dev.threadstore.sql.Rows.SummaryRow;
import dev.threadstore.sql.Rows.ThreadRow;
import dev.threadstore.sql.ThreadMapper.CandidateQuery;
import dev.threadstore.sql.ThreadMapper.SummaryQuery;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Keyset pages of summaries and of whole threads, and counts, for a {@link ThreadQuery} (DESIGN section 10).
 * Each runs in one read transaction (on the read replica when the store has one), so it reads one snapshot. The
 * SQL filter is exact but for attribute and source entries, which the indexes match as a superset; those
 * candidates are checked in Java. Arguments are checked by the store before they get here.
 */
final class SummaryPages {

    private static final int COUNT_BATCH = 1000;

    private final SqlTransactions transactions;
    private final RowCodec codec;
    private final CandidateQueries candidates;
    private final ThreadReads reads;

    SummaryPages(SqlTransactions transactions, RowCodec codec, CandidateQueries candidates, ThreadReads reads) {
        this.transactions = transactions;
        this.codec = codec;
        this.candidates = candidates;
        this.reads = reads;
    }

    /** One page of summaries, read in one snapshot. */
    Page<ThreadSummary> summaries(ThreadQuery query) {
        ThreadQueries.Position start = ThreadQueries.start(query);
        List<ThreadSummary> items = transactions.replicaRead("list thread summaries",
                (session, mapper) -> summaries(mapper, query, start, query.limit() + 1));
        return ThreadQueries.page(query, items, SummaryPages::position);
    }

    /** One page of whole threads: the page's summaries, then their threads, in one snapshot. */
    Page<ChatThread> threads(ThreadQuery query) {
        ThreadQueries.Position start = ThreadQueries.start(query);
        List<ChatThread> items = transactions.replicaRead("list threads", (session, mapper) -> {
            List<String> ids = new ArrayList<>();
            for (ThreadSummary summary : summaries(mapper, query, start, query.limit() + 1)) {
                ids.add(summary.id());
            }
            return reads.load(mapper, ids);
        });
        return ThreadQueries.page(query, items, t -> new ThreadQueries.Position(t.updatedAt(), t.createdAt(), t.id()));
    }

    /**
     * Counts in SQL when the filter is exact there; with attribute or source property entries (which the indexes
     * match as a superset) the candidates are read page by page and checked.
     */
    long count(ThreadQuery query) {
        SummaryQuery exact = sqlQuery(query, null, 1);
        boolean superset = exact.attributes() != null || exact.source() != null && !exact.source().entries().isEmpty();
        return transactions.replicaRead("count threads", (session, mapper) -> {
            if (!superset) {
                return mapper.countThreads(exact);
            }
            long count = 0;
            ThreadQueries.Position position = null;
            while (true) {
                List<SummaryRow> rows = mapper.selectSummaries(sqlQuery(query, position, COUNT_BATCH));
                for (SummaryRow row : rows) {
                    if (matches(query, codec.thread(row.thread(), List.of()))) {
                        count++;
                    }
                }
                if (rows.size() < COUNT_BATCH) {
                    return count;
                }
                position = position(rows.get(rows.size() - 1).thread());
            }
        });
    }

    /**
     * Up to {@code wanted} matching summaries after the position. The SQL filter is exact but for attribute and
     * source entries, which it matches as a superset; a candidate that fails the check is skipped and the read
     * continues after it, so a page reads {@code wanted} rows unless candidates were dropped.
     */
    private List<ThreadSummary> summaries(ThreadMapper mapper, ThreadQuery query,
                                          ThreadQueries.@Nullable Position start, int wanted) {
        List<ThreadSummary> found = new ArrayList<>(wanted);
        ThreadQueries.Position position = start;
        while (found.size() < wanted) {
            int batch = wanted - found.size();
            List<SummaryRow> rows = mapper.selectSummaries(sqlQuery(query, position, batch));
            for (SummaryRow row : rows) {
                ChatThread thread = codec.thread(row.thread(), List.of());
                if (matches(query, thread)) {
                    found.add(new ThreadSummary(thread.id(), thread.title(), thread.attributes(), thread.source(),
                            thread.createdAt(), thread.updatedAt(), thread.version(), row.messageCount(),
                            row.lastSequence(), null));
                }
            }
            if (rows.size() < batch) {
                break;
            }
            position = position(rows.get(rows.size() - 1).thread());
        }
        return found;
    }

    private SummaryQuery sqlQuery(ThreadQuery query, ThreadQueries.@Nullable Position after, int limit) {
        CandidateQuery attributes = query.attributes().isEmpty() ? null : candidates.of(null, query.attributes());
        if (attributes != null && attributes.entries().isEmpty()) {
            attributes = null; // only null-valued entries: the Java check alone decides
        }
        CandidateQuery source = query.sourceName() == null ? null
                : candidates.of(query.sourceName(), query.sourceProperties());
        return new SummaryQuery(attributes, source, query.updatedAfter(), query.updatedBefore(),
                after == null ? null : after.updatedAt(), after == null ? null : after.createdAt(),
                after == null ? null : after.id(), limit);
    }

    private static boolean matches(ThreadQuery query, ChatThread thread) {
        return ThreadQueries.matches(query, thread.attributes(), thread.source(), thread.updatedAt());
    }

    private static ThreadQueries.Position position(ThreadSummary summary) {
        return new ThreadQueries.Position(summary.updatedAt(), summary.createdAt(), summary.id());
    }

    private static ThreadQueries.Position position(ThreadRow row) {
        return new ThreadQueries.Position(row.updatedAt(), row.createdAt(), row.id());
    }
}
