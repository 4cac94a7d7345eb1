package dev.threadstore.sql;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.spi.Forks;
import dev.threadstore.sql.ThreadMapper.AttachmentRow;
import dev.threadstore.sql.ThreadMapper.MessageRow;
import dev.threadstore.sql.ThreadMapper.ThreadHead;
import dev.threadstore.sql.ThreadMapper.ThreadRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversation API of DESIGN section 10 on the SQL backends, kept apart from {@link SqlThreadStore}'s
 * write paths: windowed reads and fork. Each operation runs in one of the store's transactions, so it reads one
 * snapshot; arguments are checked by the store before they get here.
 */
final class ConversationQueries {

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
