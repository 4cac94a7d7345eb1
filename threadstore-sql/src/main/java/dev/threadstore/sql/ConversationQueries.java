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
 * write paths: windowed reads, fork, and keyset pages of summaries and threads. Each operation runs in one of the store's transactions, so it reads one
 * snapshot; arguments are checked by the store before they get here.
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
    Optional<ChatThread> get(String threadId, MessageWindow window) {
        return store.transaction(false, "get a window of", threadId, (session, mapper) -> {
            ThreadRow row = mapper.selectThread(threadId);
            if (row == null) {
                return Optional.<ChatThread>empty();
            }
            List<MessageRow> rows = windowRows(mapper, threadId, window);
            List<Message> messages = messages(mapper, threadId, rows);
            return Optional.of(codec.thread(row, messages).toBuilder().window(window).build());
        });
    }

    /**
     * Within one write: locks the original, checks the sequence and the new id, inserts the fork's row, then
     * copies the messages and their attachment rows server-side ({@code INSERT … SELECT}). The messages are read
     * once, for the returned thread.
     */
    ChatThread fork(String threadId, int throughSequence, String newThreadId, Instant now) {
        return store.transaction(true, "fork", threadId, (session, mapper) -> {
            ThreadHead head = mapper.lockThread(threadId);
            if (head == null) {
                throw new ThreadNotFoundException(threadId);
            }
            Forks.checkThroughSequence(threadId, throughSequence, lastSequence(mapper, threadId, head));
            if (mapper.selectThread(newThreadId) != null) {
                throw Forks.idTaken(newThreadId);
            }
            ThreadRow row = Objects.requireNonNull(mapper.selectThread(threadId), "locked thread row");
            List<MessageRow> rows = throughSequence == 0 ? List.of()
                    : mapper.selectMessageWindow(threadId, null, throughSequence + 1, null, false);
            ChatThread fork = Forks.fork(codec.thread(row, messages(mapper, threadId, rows)), throughSequence,
                    newThreadId, now);
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
    Page<ThreadSummary> summaries(ThreadQuery query) {
        ThreadQueries.Position start = ThreadQueries.start(query);
        List<ThreadSummary> items = store.replicaRead("list thread summaries",
                (session, mapper) -> summaries(mapper, query, start, query.limit() + 1));
        return ThreadQueries.page(query, items, ConversationQueries::position);
    }

    /** One page of whole threads: the page's summaries, then their threads, in one snapshot. */
    Page<ChatThread> threads(ThreadQuery query) {
        ThreadQueries.Position start = ThreadQueries.start(query);
        List<ChatThread> items = store.replicaRead("list threads", (session, mapper) -> {
            List<String> ids = new ArrayList<>();
            for (ThreadSummary summary : summaries(mapper, query, start, query.limit() + 1)) {
                ids.add(summary.id());
            }
            return store.load(mapper, ids);
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
        return store.replicaRead("count threads", (session, mapper) -> {
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
        CandidateQuery attributes = query.attributes().isEmpty() ? null : store.candidateQuery(null, query.attributes());
        if (attributes != null && attributes.entries().isEmpty()) {
            attributes = null; // only null-valued entries: the Java check alone decides
        }
        CandidateQuery source = query.sourceName() == null ? null
                : store.candidateQuery(query.sourceName(), query.sourceProperties());
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
