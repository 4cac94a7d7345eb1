package dev.threadstore.examples;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.ToolCall;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Walks the ThreadStore API end to end: create a store, save threads, read them back, page through
 * them, query by attributes and by source, append, and delete.
 *
 * <p>Run it with no argument for a SQLite file in the working directory ({@code threadstore-quickstart.db},
 * so a second run finds the threads of the first), or pass any store URL:
 * {@code memory:}, {@code sqlite:/tmp/t.db}, {@code postgresql://user:pass@localhost:5432/db}.
 */
public final class Quickstart {

    /** The store a run without arguments uses: a file in the working directory, no server needed. */
    public static final String DEFAULT_URL = "sqlite:threadstore-quickstart.db";

    private final PrintStream out;

    Quickstart(PrintStream out) {
        this.out = out;
    }

    /**
     * @param args an optional store URL
     */
    public static void main(String[] args) {
        String url = args.length > 0 && args[0] != null && !args[0].isBlank() ? args[0] : DEFAULT_URL;
        new Quickstart(System.out).run(url);
    }

    void run(String url) {
        try (ThreadStore store = ThreadStore.create(url)) {
            out.println("Opened " + store.databaseUrl().orElse(url + " (in memory)"));
            List<ChatThread> earlier = store.listRecent();
            out.println("It already holds " + earlier.size() + " thread(s)"
                    + (earlier.isEmpty() ? "" : "; the newest is \"" + earlier.get(0).title() + "\""));
            out.println();

            step("save: a support conversation with a system prompt, a tool call and its result");
            ChatThread thread = ChatThread.create("Refund for order 8812")
                    .withAttributes(Map.of("customer_id", "123", "priority", "high", "tier", 2))
                    .withSource(new ThreadSource("slack", Map.of("channel", "C123", "thread_ts", "1234567890.123")))
                    .withMessage(Message.system("You are a helpful support agent."))
                    .withMessage(Message.user("Hi, I'd like a refund for order 8812."))
                    .withMessage(Message.builder(dev.threadstore.Role.ASSISTANT)
                            .toolCalls(List.of(ToolCall.function("call_1", "lookup_order", "{\"order\": 8812}")))
                            .build())
                    .withMessage(Message.tool("call_1", "lookup_order", "{\"status\": \"delivered\", \"total\": 42.5}"));
            ChatThread saved = store.save(thread);
            out.printf("  saved thread %s: %d messages, version %d%n", saved.id(), saved.messages().size(), saved.version());

            step("get: read it back");
            ChatThread loaded = store.get(saved.id()).orElseThrow();
            for (Message m : loaded.messages()) {
                out.printf("  #%d %-9s %s%n", m.sequence(), m.role(), describe(m));
            }
            out.println("  identical to what save returned: " + loaded.equals(saved));

            step("save again: add a reply (only the new message is written)");
            ChatThread updated = store.save(loaded.withMessage(Message.assistant("Your refund of $42.50 is on its way.")));
            out.printf("  now %d messages, version %d%n", updated.messages().size(), updated.version());

            step("append: add a message without reading the thread (safe under concurrency)");
            List<Message> appended = store.append(saved.id(), List.of(Message.user("Thanks!")));
            out.printf("  appended at sequence %d%n", appended.get(0).sequence());

            for (int i = 1; i <= 3; i++) {
                store.save(ChatThread.create("Sales question " + i)
                        .withAttributes(Map.of("customer_id", "456", "priority", i == 2 ? "high" : "low"))
                        .withSource(new ThreadSource("email", Map.of("mailbox", "sales@example.com")))
                        .withMessage(Message.user("Do you offer volume discounts? (" + i + ")")));
            }

            step("list: pages of two, most recently updated first");
            int offset = 0;
            List<ChatThread> page;
            while (!(page = store.list(2, offset)).isEmpty() && offset < 4) {
                out.printf("  page at offset %d: %s%n", offset, titles(page));
                offset += 2;
            }

            step("findByAttributes: customer 123 with high priority");
            out.println("  " + titles(store.findByAttributes(Map.of("customer_id", "123", "priority", "high"))));
            out.println("  tier 2 (numbers match by value, 2 == 2.0): "
                    + titles(store.findByAttributes(Map.of("tier", 2.0))));

            step("findBySource: the Slack channel C123");
            out.println("  " + titles(store.findBySource("slack", Map.of("channel", "C123"))));

            step("listRecent: the three most recent");
            out.println("  " + titles(store.listRecent(3)));

            step("getThreadByMessageId: which thread holds the appended message?");
            out.println("  " + store.getThreadByMessageId(appended.get(0).id()).map(ChatThread::title).orElse("none"));

            step("delete: remove the sales threads");
            for (ChatThread t : store.findBySource("email", Map.of())) {
                out.printf("  deleted \"%s\": %s%n", t.title(), store.delete(t.id()));
            }
            out.println();
            out.println("The store now holds " + store.listRecent().size() + " thread(s). Run again to see them persist"
                    + (url.startsWith("memory") ? " (not with memory:, which forgets on exit)." : "."));
        }
    }

    private void step(String title) {
        out.println("== " + title);
    }

    private static String describe(Message m) {
        if (!m.toolCalls().isEmpty()) {
            ToolCall call = m.toolCalls().get(0);
            return "calls " + call.functionName() + "(" + call.arguments() + ")";
        }
        return m.role() == dev.threadstore.Role.TOOL ? m.name() + " -> " + m.content() : String.valueOf(m.content());
    }

    private static List<String> titles(List<ChatThread> threads) {
        return threads.stream().map(t -> String.valueOf(t.title())).toList();
    }
}
