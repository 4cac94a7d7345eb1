package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.Retention;
import dev.threadstore.spi.ThreadQueries;
import dev.threadstore.sql.Rows.SummaryRow;
import dev.threadstore.sql.Rows.ThreadRow;
import dev.threadstore.sql.ThreadMapper.CandidateQuery;
import dev.threadstore.sql.ThreadMapper.SummaryQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Keyset pages of summaries and of whole threads, and counts, for a {@link ThreadQuery} (DESIGN section 10).
 * Each runs in one read transaction (on the read replica when the store has one), so it reads one snapshot. The
 * SQL filter is exact but for attribute and source entries, which the indexes match as a superset; those
 * candidates are checked in Java. Arguments are checked by the store before they get here. Rows expired at the
 * store's now are left out by the SQL filter.
 */
final class SummaryPages {

    private static final int COUNT_BATCH = 1000;

    private final SqlTransactions transactions;
    private final RowCodec codec;
    private final CandidateQueries candidates;
    private final ThreadReads reads;
    private final WriteClock clock;

    SummaryPages(SqlTransactions transactions, RowCodec codec, CandidateQueries candidates, ThreadReads reads,
                 WriteClock clock) {
        this.transactions = transactions;
        this.codec = codec;
        this.candidates = candidates;
        this.reads = reads;
        this.clock = clock;
    }

    /** One page of summaries, read in one snapshot. */
    Page<ThreadSummary> summaries(ThreadQuery query) {
        ThreadQueries.Position start = ThreadQueries.start(query);
        Instant now = clock.now();
        List<ThreadSummary> items = transactions.replicaRead("list thread summaries",
                (session, mapper) -> summaries(mapper, query, start, query.limit() + 1, now));
        return ThreadQueries.page(query, items, SummaryPages::position);
    }

    /** One page of whole threads: the page's summaries, then their threads, in one snapshot. */
    Page<ChatThread> threads(ThreadQuery query) {
        ThreadQueries.Position start = ThreadQueries.start(query);
        Instant now = clock.now();
        List<ChatThread> items = transactions.replicaRead("list threads",
                (session, mapper) -> reads.load(mapper, ids(summaries(mapper, query, start, query.limit() + 1, now))));
        return ThreadQueries.page(query, items, t -> new ThreadQueries.Position(t.updatedAt(), t.createdAt(), t.id()));
    }

    /**
     * The seed-era listings ({@code list}, {@code listRecent}) on the same keyset walk: every thread, whole, in
     * listing order, after skipping {@code offset}, at most {@code limit} (null: all), read batch by batch in one
     * snapshot.
     */
    List<ChatThread> list(String operation, ThreadQuery query, int offset, @Nullable Integer limit) {
        Instant now = clock.now();
        return List.copyOf(transactions.replicaRead(operation, (session, mapper) -> {
            List<ChatThread> threads = new ArrayList<>();
            int skip = offset;
            ThreadQueries.Position position = null;
            while (limit == null || threads.size() < limit) {
                // no more rows than the call can return: listRecent(20) reads 20 summaries, not a batch of 1000
                int wanted = limit == null ? COUNT_BATCH
                        : (int) Math.min(COUNT_BATCH, (long) skip + limit - threads.size());
                List<ThreadSummary> batch = summaries(mapper, query, position, wanted, now);
                List<ThreadSummary> kept = batch.subList(Math.min(skip, batch.size()), batch.size());
                skip -= batch.size() - kept.size();
                if (limit != null && kept.size() > limit - threads.size()) {
                    kept = kept.subList(0, limit - threads.size());
                }
                threads.addAll(reads.load(mapper, ids(kept)));
                if (batch.size() < wanted) {
                    break;
                }
                position = position(batch.get(batch.size() - 1));
            }
            return threads;
        }));
    }

    /**
     * The seed-era {@code findByAttributes} / {@code findBySource}: every live matching thread, whole, in listing
     * order. Unlike a page, this reads all matches, so it drives from the attribute/source index
     * ({@code selectCandidateIds}) and its cost follows the number of matches, not of threads: walking the list order
     * and probing each thread, as a page does, would read every thread for a query that matches few.
     */
    List<ChatThread> find(String operation, ThreadQuery query) {
        Instant now = clock.now();
        String sourceName = query.sourceName();
        CandidateQuery candidateQuery = sourceName == null ? candidates.of(null, query.attributes())
                : candidates.of(sourceName, query.sourceProperties());
        List<ChatThread> threads = transactions.replicaRead(operation,
                (session, mapper) -> reads.load(mapper, mapper.selectCandidateIds(candidateQuery)));
        List<ChatThread> found = new ArrayList<>(threads.size());
        for (ChatThread thread : threads) {
            if (!Retention.isExpired(thread.expiresAt(), now) && matches(query, thread)) {
                found.add(thread);
            }
        }
        return List.copyOf(found);
    }

    private static List<String> ids(List<ThreadSummary> summaries) {
        List<String> ids = new ArrayList<>(summaries.size());
        for (ThreadSummary summary : summaries) {
            ids.add(summary.id());
        }
        return ids;
    }

    /**
     * Counts in SQL when the filter is exact there; with attribute or source property entries (which the indexes
     * match as a superset) the candidates are read page by page and checked.
     */
    long count(ThreadQuery query) {
        Instant now = clock.now();
        SummaryQuery exact = sqlQuery(query, null, 1, now);
        boolean superset = exact.attributes() != null || exact.source() != null && !exact.source().entries().isEmpty();
        return transactions.replicaRead("count threads", (session, mapper) -> {
            if (!superset) {
                return mapper.countThreads(exact);
            }
            long count = 0;
            ThreadQueries.Position position = null;
            while (true) {
                List<SummaryRow> rows = mapper.selectSummaries(sqlQuery(query, position, COUNT_BATCH, now));
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
                                          ThreadQueries.@Nullable Position start, int wanted, Instant now) {
        List<ThreadSummary> found = new ArrayList<>(wanted);
        ThreadQueries.Position position = start;
        while (found.size() < wanted) {
            int batch = wanted - found.size();
            List<SummaryRow> rows = mapper.selectSummaries(sqlQuery(query, position, batch, now));
            for (SummaryRow row : rows) {
                ChatThread thread = codec.thread(row.thread(), List.of());
                if (matches(query, thread)) {
                    found.add(new ThreadSummary(thread.id(), thread.title(), thread.attributes(), thread.source(),
                            thread.createdAt(), thread.updatedAt(), thread.version(), row.messageCount(),
                            row.lastSequence(), thread.expiresAt()));
                }
            }
            if (rows.size() < batch) {
                break;
            }
            position = position(rows.get(rows.size() - 1).thread());
        }
        return found;
    }

    private SummaryQuery sqlQuery(ThreadQuery query, ThreadQueries.@Nullable Position after, int limit, Instant now) {
        CandidateQuery attributes = query.attributes().isEmpty() ? null : candidates.of(null, query.attributes());
        if (attributes != null && attributes.entries().isEmpty()) {
            attributes = null; // only null-valued entries: the Java check alone decides
        }
        CandidateQuery source = query.sourceName() == null ? null
                : candidates.of(query.sourceName(), query.sourceProperties());
        return new SummaryQuery(attributes, source, query.updatedAfter(), query.updatedBefore(),
                after == null ? null : after.updatedAt(), after == null ? null : after.createdAt(),
                after == null ? null : after.id(), limit, now);
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
