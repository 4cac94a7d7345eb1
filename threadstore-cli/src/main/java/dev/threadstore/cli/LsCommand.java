package dev.threadstore.cli;

import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadstore ls URL}: thread summaries, newest first, as a table or JSON lines. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List threads (summaries, no messages), most recently updated first.")
final class LsCommand implements Callable<Integer> {

    private static final int TITLE_WIDTH = 40;

    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    private ThreadstoreCommand parent;

    @Spec
    @SuppressWarnings("NullAway.Init")
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "The store URL (default: $THREADSTORE_URL).")
    private @Nullable String url;

    @Mixin
    private QueryOptions selection = new QueryOptions();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N threads (default: ${DEFAULT-VALUE}; 0: all).")
    private long limit;

    @Option(names = "--json", description = "One JSON object per line instead of a table.")
    private boolean json;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new UsageException("--limit must be 0 (all) or more, got " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        ThreadQuery query = selection.query(limit == 0 ? 1000 : (int) Math.min(1000, limit));
        if (!json) {
            out.printf("%-36s  %-27s  %8s  %7s  %s%n", "ID", "UPDATED", "MESSAGES", "VERSION", "TITLE");
        }
        try (ThreadStore store = Backends.openWithoutMigrating(parent.url(url))) {
            long shown = 0;
            ThreadQuery page = query;
            while (true) {
                Page<ThreadSummary> summaries = store.summaries(page);
                for (ThreadSummary s : summaries.items()) {
                    if (limit != 0 && shown == limit) {
                        break;
                    }
                    out.print(json ? SummaryJson.write(s) + "\n" : row(s));
                    shown++;
                }
                if (summaries.nextCursor() == null || limit != 0 && shown == limit) {
                    break;
                }
                page = query.after(summaries.nextCursor());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String row(ThreadSummary s) {
        String title = s.title() == null ? "" : s.title().replaceAll("\\s+", " ");
        if (title.length() > TITLE_WIDTH) {
            title = title.substring(0, TITLE_WIDTH - 1) + "…";
        }
        return String.format("%-36s  %-27s  %8d  %7d  %s%n", s.id(), s.updatedAt(), s.messageCount(), s.version(), title);
    }
}
