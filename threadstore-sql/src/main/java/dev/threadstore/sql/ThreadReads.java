package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.spi.Retention;
import dev.threadstore.sql.Rows.AttachmentRow;
import dev.threadstore.sql.Rows.MessageRow;
import dev.threadstore.sql.Rows.ThreadMessageRow;
import dev.threadstore.sql.Rows.ThreadRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The reads of whole threads: {@code get} (one joined statement, one snapshot without a transaction, unless a
 * message has attachments), windowed {@code get}, listings, attribute and source queries, and the thread of a
 * message. A {@code get}, whole or windowed, of a thread this store wrote is first tried as the remembered read:
 * one primary-key probe, then the thread from the {@link WriteMemo} (see its private {@code remembered}). Listings
 * and queries may run on the read replica; {@code get} always reads the primary, so a caller sees its own writes.
 * Arguments are checked by the store before they get here.
 */
final class ThreadReads {

    static final int CHUNK = 500;

    private final SqlTransactions transactions;
    private final RowCodec codec;
    private final WriteClock clock;
    private final WriteMemo memo;

    ThreadReads(SqlTransactions transactions, RowCodec codec, WriteClock clock, WriteMemo memo) {
        this.transactions = transactions;
        this.codec = codec;
        this.clock = clock;
        this.memo = memo;
        ThreadMessageRowHandler.register(transactions.factory().getConfiguration().getTypeHandlerRegistry());
    }

    /** @return the whole thread, read in one snapshot, or empty (also when it has expired) */
    Optional<ChatThread> get(String threadId) {
        Instant now = clock.now();
        Optional<ChatThread> remembered = remembered(threadId, MessageWindow.all(), now);
        if (remembered != null) {
            return remembered;
        }
        List<ChatThread> found = transactions.statement("get", threadId, mapper -> loadOne(mapper, threadId))
                .orElseGet(() -> transactions.transaction(false, "get", threadId,
                        (session, mapper) -> load(mapper, List.of(threadId))));
        return found.stream().findFirst().filter(thread -> !thread.isExpiredAt(now));
    }

    /**
     * The remembered read: when the {@link WriteMemo} holds what this store last wrote to the thread, one primary-key
     * probe ({@link ThreadMapper#probeThread}) shows whether the row is still that one (version, update and creation
     * time, last sequence); then the thread is built from the remembered header and messages, which equal what a
     * read of the rows decodes (records are normalised at construction, and a save or append stores them as they
     * are). A row another process or a racing write changed has another version and a later update time, so it
     * does not match.
     *
     * @return the thread (empty when the row is gone or has expired), or null when the memo does not hold the thread
     *     or does not describe its row: then the caller reads the rows
     */
    @SuppressWarnings("NullableOptional") // null means "not answered here", empty means "absent"
    private @Nullable Optional<ChatThread> remembered(String threadId, MessageWindow window, Instant now) {
        WriteMemo.State state = memo.remembered(threadId);
        if (state == null) {
            return null;
        }
        Rows.ThreadHead probe = transactions.statement("get", threadId,
                mapper -> Optional.ofNullable(mapper.probeThread(threadId))).orElse(null);
        if (probe == null || probe.isExpiredAt(now)) {
            return Optional.empty();
        }
        return state.answers(probe) ? Optional.of(state.thread(window, probe.expiresAt())) : null;
    }

    /** @return whether the thread is expired at the store's now (a thread read from a cache, say) */
    boolean isExpired(ChatThread thread) {
        return thread.isExpiredAt(clock.now());
    }

    /**
     * A windowed read: the thread row, one range read of the window's messages (descending with a limit for
     * {@code last} and {@code before}, then reversed), and the attachments of that sequence range.
     */
    Optional<ChatThread> get(String threadId, MessageWindow window) {
        Instant now = clock.now();
        Optional<ChatThread> remembered = remembered(threadId, window, now);
        if (remembered != null) {
            return remembered;
        }
        return transactions.transaction(false, "get a window of", threadId, (session, mapper) -> {
            ThreadRow row = mapper.selectThread(threadId);
            if (row == null || Retention.isExpired(row.expiresAt(), now)) {
                return Optional.<ChatThread>empty();
            }
            List<Message> messages = messages(mapper, threadId, windowRows(mapper, threadId, window));
            return Optional.of(codec.thread(row, messages).toBuilder().window(window).build());
        });
    }

    /** @return the first live thread, in list order, holding a message with this id */
    Optional<ChatThread> getThreadByMessageId(String messageId) {
        Instant now = clock.now();
        return transactions.transaction(false, "find the thread of message '" + messageId + "'", null,
                (session, mapper) -> {
                    for (String id : mapper.selectThreadIdsByMessageId(messageId)) {
                        List<ChatThread> found = load(mapper, List.of(id));
                        if (!found.isEmpty() && !found.get(0).isExpiredAt(now)) {
                            return Optional.of(found.get(0));
                        }
                    }
                    return Optional.<ChatThread>empty();
                });
    }

    /**
     * Loads one thread with a single statement (one snapshot, no transaction needed).
     *
     * @return the thread, or none; empty (not read) when a message has attachments, which need {@link #load} in a
     *     read transaction
     */
    private Optional<List<ChatThread>> loadOne(ThreadMapper mapper, String threadId) {
        List<ThreadMessageRow> rows = mapper.selectThreadWithMessages(threadId);
        if (rows.isEmpty()) {
            return Optional.of(new ArrayList<>());
        }
        List<Message> messages = new ArrayList<>(rows.size());
        for (ThreadMessageRow row : rows) {
            if (row.hasAttachments()) {
                return Optional.empty();
            }
            if (row.messageId() != null) {
                messages.add(codec.message(row));
            }
        }
        inSequenceOrder(messages);
        List<ChatThread> found = new ArrayList<>(1);
        found.add(codec.thread(rows.get(0).thread(), messages));
        return Optional.of(found);
    }

    /**
     * Puts the messages of {@link ThreadMapper#selectThreadWithMessages} in sequence order: a dialect may leave the
     * statement unordered when sorting the joined rows costs its server more than this (PostgreSQL), so the order is
     * settled here. One pass when they already are in order.
     */
    static void inSequenceOrder(List<Message> messages) {
        for (int i = 1; i < messages.size(); i++) {
            if (messages.get(i - 1).sequence() > messages.get(i).sequence()) {
                messages.sort(Comparator.comparingInt(Message::sequence));
                return;
            }
        }
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
