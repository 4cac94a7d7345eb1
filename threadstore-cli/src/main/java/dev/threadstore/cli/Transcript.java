package dev.threadstore.cli;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.ContentPart;
import dev.threadstore.Message;
import dev.threadstore.ToolCall;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code show}: a thread as a person reads it, one block per message. */
final class Transcript {

    private final PrintWriter out;

    Transcript(PrintWriter out) {
        this.out = out;
    }

    void print(ChatThread t) {
        out.println("thread   " + t.id());
        out.println("title    " + (t.title() == null ? "(none)" : t.title()));
        out.println("version  " + t.version() + ", created " + t.createdAt() + ", updated " + t.updatedAt());
        if (t.expiresAt() != null) {
            out.println("expires  " + t.expiresAt());
        }
        if (!t.attributes().isEmpty()) {
            out.println("attrs    " + t.attributes());
        }
        if (t.source() != null) {
            out.println("source   " + t.source().name() + " " + t.source().properties());
        }
        if (t.window() != null) {
            out.println("showing  " + t.messages().size() + " messages (" + t.window() + ")");
        }
        for (Message m : t.messages()) {
            out.println();
            message(m);
        }
    }

    private void message(Message m) {
        StringBuilder head = new StringBuilder("#" + m.sequence() + " " + m.role().name().toLowerCase(Locale.ROOT));
        if (m.name() != null) {
            head.append(" (").append(m.name()).append(')');
        }
        if (m.toolCallId() != null) {
            head.append(" ← result of ").append(m.toolCallId());
        }
        head.append("  ").append(m.timestamp());
        out.println(head);
        if (m.content() != null) {
            m.content().lines().forEach(line -> out.println("  " + line));
        }
        for (ContentPart part : m.parts()) {
            if (part instanceof ContentPart.Text text) {
                text.text().lines().forEach(line -> out.println("  " + line));
            } else {
                out.println("  [image] " + ((ContentPart.ImageUrl) part).url());
            }
        }
        for (ToolCall call : m.toolCalls()) {
            out.println("  → " + call.functionName() + "(" + call.arguments() + ")  id " + call.id());
        }
        for (Attachment a : m.attachments()) {
            out.println("  📎 " + a.filename() + " (" + (a.mimeType() == null ? "unknown type" : a.mimeType()) + ", "
                    + a.size() + " bytes, " + a.status().name().toLowerCase(Locale.ROOT)
                    + (a.storagePath() == null ? "" : ", " + a.storagePath()) + ")");
        }
        if (!m.reactions().isEmpty()) {
            out.println("  reactions " + m.reactions());
        }
    }
}
