package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.spi.JsonValues;
import dev.threadstore.sql.Rows.AttachmentRow;
import dev.threadstore.sql.Rows.MessageRow;
import dev.threadstore.sql.Rows.ThreadMessageRow;
import dev.threadstore.sql.Rows.ThreadRow;
import dev.threadstore.sql.ThreadMapper.CandidateQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The reads of whole threads: {@code get} (one joined statement, one snapshot without a transaction, unless a
 * message has attachments), windowed {@code get}, listings, attribute and source queries, and the thread of a
 * message. Listings and queries may run on the read replica; {@code get} always reads the primary, so a caller
 * sees its own writes. Arguments are checked by the store before they get here.
 */
final class ThreadReads {

    static final int CHUNK = 500;

    private final SqlTransactions transactions;
    private final RowCodec codec;
    private final CandidateQueries candidates;

    ThreadReads(SqlTransactions transactions, RowCodec codec, CandidateQueries candidates) {
        this.transactions = transactions;
        this.codec = codec;
        this.candidates = candidates;
    }

    /** @return the whole thread, read in one snapshot, or empty */
    Optional<ChatThread> get(String threadId) {
        List<ChatThread> found = transactions.statement("get", threadId, mapper -> loadOne(mapper, threadId));
        if (found == null) {
            found = transactions.transaction(false, "get", threadId, (session, mapper) -> load(mapper, List.of(threadId)));
        }
        return found.stream().findFirst();
    }

    /**
     * A windowed read: the thread row, one range read of the window's messages (descending with a limit for
     * {@code last} and {@code before}, then reversed), and the attachments of that sequence range.
     */
    Optional<ChatThread> get(String threadId, MessageWindow window) {
        return transactions.transaction(false, "get a window of", threadId, (session, mapper) -> {
            ThreadRow row = mapper.selectThread(threadId);
            if (row == null) {
                return Optional.<ChatThread>empty();
            }
            List<Message> messages = messages(mapper, threadId, windowRows(mapper, threadId, window));
            return Optional.of(codec.thread(row, messages).toBuilder().window(window).build());
        });
    }

    /**
     * @param limit the most threads; null for all
     * @param offset how many to skip
     * @return threads in list order
     */
    List<ChatThread> list(@Nullable Integer limit, int offset) {
        return List.copyOf(transactions.replicaRead("list",
                (session, mapper) -> load(mapper, mapper.selectThreadIds(limit, offset))));
    }

    /** @return the threads whose attributes match the query (a copy checked by the caller), in list order */
    List<ChatThread> findByAttributes(Map<String, Object> query) {
        CandidateQuery candidateQuery = candidates.of(null, query);
        List<ChatThread> threads = transactions.replicaRead("find threads by attributes",
                (session, mapper) -> load(mapper, mapper.selectCandidateIds(candidateQuery)));
        threads.removeIf(t -> !JsonValues.matches(t.attributes(), query));
        return List.copyOf(threads);
    }

    /** @return the threads of that source whose properties match the query, in list order */
    List<ChatThread> findBySource(String sourceName, Map<String, Object> query) {
        CandidateQuery candidateQuery = candidates.of(sourceName, query);
        List<ChatThread> threads = transactions.replicaRead("find threads by source",
                (session, mapper) -> load(mapper, mapper.selectCandidateIds(candidateQuery)));
        threads.removeIf(t -> t.source() == null || !t.source().name().equals(sourceName)
                || !JsonValues.matches(t.source().properties(), query));
        return List.copyOf(threads);
    }

    /** @return the first thread, in list order, holding a message with this id */
    Optional<ChatThread> getThreadByMessageId(String messageId) {
        List<ChatThread> found = transactions.transaction(false, "find the thread of message '" + messageId + "'",
                null, (session, mapper) -> {
                    List<String> ids = mapper.selectThreadIdsByMessageId(messageId);
                    return ids.isEmpty() ? new ArrayList<ChatThread>() : load(mapper, ids.subList(0, 1));
                });
        return found.stream().findFirst();
    }

    /**
     * Loads one thread with a single statement (one snapshot, no transaction needed).
     *
     * @return the thread, or none; null when a message has attachments, which need {@link #load} in a read
     *     transaction
     */
    private @Nullable List<ChatThread> loadOne(ThreadMapper mapper, String threadId) {
        List<ThreadMessageRow> rows = mapper.selectThreadWithMessages(threadId);
        if (rows.isEmpty()) {
            return new ArrayList<>();
        }
        List<Message> messages = new ArrayList<>(rows.size());
        for (ThreadMessageRow row : rows) {
            if (row.hasAttachments()) {
                return null;
            }
            MessageRow m = row.message();
            if (m != null) {
                messages.add(codec.message(m, List.of()));
            }
        }
        List<ChatThread> found = new ArrayList<>(1);
        found.add(codec.thread(rows.get(0).thread(), messages));
        return found;
    }

    /** Loads whole threads, in the order of the given ids, skipping ids that no longer exist. */
    List<ChatThread> load(ThreadMapper mapper, List<String> ids) {
        List<ChatThread> threads = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Map<String, ThreadRow> rows = new HashMap<>();
            for (ThreadRow row : mapper.selectThreads(chunk)) {
                rows.put(row.id(), row);
            }
            Map<String, Map<String, List<AttachmentRow>>> attachments = new HashMap<>();
            for (AttachmentRow a : mapper.selectAttachments(chunk)) {
                attachments.computeIfAbsent(a.threadId(), k -> new HashMap<>())
                        .computeIfAbsent(a.messageId(), k -> new ArrayList<>()).add(a);
            }
            Map<String, List<Message>> messages = new HashMap<>();
            for (MessageRow m : mapper.selectMessages(chunk)) {
                List<AttachmentRow> of = attachments.getOrDefault(m.threadId(), Map.of()).getOrDefault(m.id(), List.of());
                messages.computeIfAbsent(m.threadId(), k -> new ArrayList<>()).add(codec.message(m, of));
            }
            for (String id : chunk) {
                ThreadRow row = rows.get(id);
                if (row != null) {
                    threads.add(codec.thread(row, messages.getOrDefault(id, List.of())));
                }
            }
        }
        return threads;
    }

    /** Decodes message rows in sequence order, with the attachments of their sequence range. */
    List<Message> messages(ThreadMapper mapper, String threadId, List<MessageRow> rows) {
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
}
