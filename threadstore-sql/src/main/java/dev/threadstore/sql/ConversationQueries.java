package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.Page;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.Forks;
import dev.threadstore.spi.ThreadQueries;
import dev.threadstore.sql.ThreadMapper.AttachmentRow;
import dev.threadstore.sql.ThreadMapper.CandidateQuery;
import dev.threadstore.sql.ThreadMapper.MessageRow;
import dev.threadstore.sql.ThreadMapper.ThreadHead;
import dev.threadstore.sql.ThreadMapper.SummaryQuery;
import dev.threadstore.sql.ThreadMapper.SummaryRow;
import dev.threadstore.sql.ThreadMapper.ThreadRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The conversation API of DESIGN section 10 on the SQL backends, kept apart from {@link SqlThreadStore}'s
 * write paths: windowed reads, fork, and keyset pages of summaries and threads, which the seed-era listings
 * ({@code list}, {@code listRecent}, {@code findByAttributes}, {@code findBySource}) call too. Each operation runs
 * in one of the store's transactions, so it reads one snapshot; arguments are checked by the store before they get
 * here. Every operation takes the store's {@code now}: a thread expired at it is absent.
 */
final class ConversationQueries {

    private static final int COUNT_BATCH = 1000;

    private final SqlThreadStore store;
    private final RowCodec codec;

    ConversationQueries(SqlThreadStore store, RowCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    /**
     * A windowed read: the thread row, one range read of the window's messages (descending with a limit for
     * {@code last} and {@code before}, then reversed), and the attachments of that sequence range.
     */
    Optional<ChatThread> get(String threadId, MessageWindow window, Instant now) {
        return store.transaction(false, "get a window of", threadId, (session, mapper) -> {
            ThreadRow row = mapper.selectThread(threadId);
            if (row == null || isExpired(row, now)) {
                return Optional.<ChatThread>empty();
            }
            List<MessageRow> rows = windowRows(mapper, threadId, window);
            List<Message> messages = messages(mapper, threadId, rows);
            return Optional.of(codec.thread(row, messages).toBuilder().window(window).build());
        });
    }

    /**
     * Within one write: locks the original, checks the sequence and the new id (an expired thread there is deleted
     * first, as a save at version 0 replaces it), inserts the fork's row, then copies the messages and their
     * attachment rows server-side ({@code INSERT … SELECT}). The messages are read once, for the returned thread.
     *
     * @param expiresAt the fork's expiry (the store's time to live from now), or null
     */
    ChatThread fork(String threadId, int throughSequence, String newThreadId, Instant now,
                    @Nullable Instant expiresAt) {
        return store.transaction(true, "fork", threadId, (session, mapper) -> {
            ThreadHead head = mapper.lockThread(threadId);
            if (head == null || head.isExpiredAt(now)) {
                throw new ThreadNotFoundException(threadId);
            }
            Forks.checkThroughSequence(threadId, throughSequence, lastSequence(mapper, threadId, head));
            ThreadHead taken = mapper.lockThread(newThreadId);
            if (taken != null && !taken.isExpiredAt(now)) {
                throw Forks.idTaken(newThreadId);
            }
            if (taken != null) {
                mapper.deleteThread(newThreadId);
            }
            ThreadRow row = Objects.requireNonNull(mapper.selectThread(threadId), "locked thread row");
            List<MessageRow> rows = throughSequence == 0 ? List.of()
                    : mapper.selectMessageWindow(threadId, null, throughSequence + 1, null, false);
            ChatThread fork = Forks.fork(codec.thread(row, messages(mapper, threadId, rows)), throughSequence,
                    newThreadId, now).withExpiresAt(expiresAt);
            mapper.insertThread(codec.threadRow(fork));
            mapper.setMessageCounts(newThreadId, fork.messages().size(), fork.maxSequence());
            if (!rows.isEmpty()) {
                mapper.copyMessages(threadId, newThreadId, throughSequence);
                mapper.copyAttachments(threadId, newThreadId, throughSequence);
            }
            return fork;
        });
    }

    private static int lastSequence(ThreadMapper mapper, String threadId, ThreadHead head) {
        Integer last = head.maxSequence();
        if (last != null && last < 0) {
            last = mapper.selectMaxSequence(threadId); // the dialect's lock statement did not read it
        }
        return last == null ? 0 : last;
    }

    /** One page of summaries, read in one snapshot. */
    Page<ThreadSummary> summaries(ThreadQuery query, Instant now) {
        ThreadQueries.Position start = ThreadQueries.start(query);
        List<ThreadSummary> items = store.replicaRead("list thread summaries",
                (session, mapper) -> summaries(mapper, query, start, query.limit() + 1, now));
        return ThreadQueries.page(query, items, ConversationQueries::position);
    }

    /** One page of whole threads: the page's summaries, then their threads, in one snapshot. */
    Page<ChatThread> threads(ThreadQuery query, Instant now) {
        ThreadQueries.Position start = ThreadQueries.start(query);
        List<ChatThread> items = store.replicaRead("list threads",
                (session, mapper) -> store.load(mapper, ids(summaries(mapper, query, start, query.limit() + 1, now))));
        return ThreadQueries.page(query, items, t -> new ThreadQueries.Position(t.updatedAt(), t.createdAt(), t.id()));
    }

    /**
     * Every matching thread, whole, in listing order, after skipping {@code offset} and at most {@code limit} (null:
     * all): the seed-era listings on the keyset walk, in one snapshot, batch by batch.
     */
    List<ChatThread> list(String operation, ThreadQuery query, int offset, @Nullable Integer limit, Instant now) {
        return store.replicaRead(operation, (session, mapper) -> {
            List<ChatThread> threads = new ArrayList<>();
            int skip = offset;
            ThreadQueries.Position position = null;
            while (limit == null || threads.size() < limit) {
                List<ThreadSummary> batch = summaries(mapper, query, position, COUNT_BATCH, now);
                List<ThreadSummary> kept = batch.subList(Math.min(skip, batch.size()), batch.size());
                skip -= batch.size() - kept.size();
                if (limit != null && kept.size() > limit - threads.size()) {
                    kept = kept.subList(0, limit - threads.size());
                }
                threads.addAll(store.load(mapper, ids(kept)));
                if (batch.size() < COUNT_BATCH) {
                    break;
                }
                position = position(batch.get(batch.size() - 1));
            }
            return threads;
        });
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
    long count(ThreadQuery query, Instant now) {
        SummaryQuery exact = sqlQuery(query, null, 1, now);
        boolean superset = exact.attributes() != null || exact.source() != null && !exact.source().entries().isEmpty();
        return store.replicaRead("count threads", (session, mapper) -> {
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
        CandidateQuery attributes = query.attributes().isEmpty() ? null : store.candidateQuery(null, query.attributes());
        if (attributes != null && attributes.entries().isEmpty()) {
            attributes = null; // only null-valued entries: the Java check alone decides
        }
        CandidateQuery source = query.sourceName() == null ? null
                : store.candidateQuery(query.sourceName(), query.sourceProperties());
        return new SummaryQuery(attributes, source, query.updatedAfter(), query.updatedBefore(),
                after == null ? null : after.updatedAt(), after == null ? null : after.createdAt(),
                after == null ? null : after.id(), limit, now);
    }

    private static boolean isExpired(ThreadRow row, Instant now) {
        return row.expiresAt() != null && !row.expiresAt().isAfter(now);
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

    private static List<MessageRow> windowRows(ThreadMapper mapper, String threadId, MessageWindow window) {
        if (window instanceof MessageWindow.Last) {
            int n = ((MessageWindow.Last) window).n();
            return n == 0 ? List.of() : ascending(mapper.selectMessageWindow(threadId, null, null, n, true));
        }
        if (window instanceof MessageWindow.After) {
            MessageWindow.After after = (MessageWindow.After) window;
            return after.limit() == 0 ? List.of()
                    : mapper.selectMessageWindow(threadId, after.sequence(), null, after.limit(), false);
        }
        if (window instanceof MessageWindow.Before) {
            MessageWindow.Before before = (MessageWindow.Before) window;
            return before.limit() == 0 ? List.of()
                    : ascending(mapper.selectMessageWindow(threadId, null, before.sequence(), before.limit(), true));
        }
        return mapper.selectMessageWindow(threadId, null, null, null, false);
    }

    private static List<MessageRow> ascending(List<MessageRow> descending) {
        List<MessageRow> rows = new ArrayList<>(descending);
        Collections.reverse(rows);
        return rows;
    }

    /** Decodes message rows in sequence order, with the attachments of their sequence range. */
    private List<Message> messages(ThreadMapper mapper, String threadId, List<MessageRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<AttachmentRow>> attachments = new HashMap<>();
        int from = rows.get(0).sequence();
        int to = rows.get(rows.size() - 1).sequence();
        for (AttachmentRow a : mapper.selectAttachmentsOfSequences(threadId, from, to)) {
            attachments.computeIfAbsent(a.messageId(), k -> new ArrayList<>()).add(a);
        }
        List<Message> messages = new ArrayList<>(rows.size());
        for (MessageRow m : rows) {
            messages.add(codec.message(m, attachments.getOrDefault(m.id(), List.of())));
        }
        return messages;
    }
}
