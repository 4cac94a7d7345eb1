package dev.threadstore.cli;

import dev.threadstore.ChatThread;
import dev.threadstore.MessageWindow;
import dev.threadstore.ThreadJson;
import dev.threadstore.ThreadStore;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadstore show URL THREAD_ID}: one thread as a readable transcript, or as its export line. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one thread: a transcript (roles, tool calls, attachments) or, with --json, its export line.")
final class ShowCommand implements Callable<Integer> {

    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    private ThreadstoreCommand parent;

    @Spec
    @SuppressWarnings("NullAway.Init")
    private CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "[URL] THREAD_ID",
            description = "The store URL (default: $THREADSTORE_URL) and the thread's id.")
    private java.util.List<String> args = new java.util.ArrayList<>();

    @ArgGroup(exclusive = true)
    private @Nullable Shape shape;

    /** --last and --json exclude each other: the export format holds whole threads only. */
    static final class Shape {
        @Option(names = "--last", paramLabel = "N", description = "Only the last N messages.")
        @Nullable Integer last;

        @Option(names = "--json", description = "The whole thread as one line of the export format.")
        boolean json;
    }

    @Override
    public Integer call() {
        String storeUrl = parent.url(args.size() == 2 ? args.get(0) : null);
        String threadId = args.get(args.size() - 1);
        Integer last = shape == null ? null : shape.last;
        if (last != null && last < 0) {
            throw new UsageException("--last must not be negative, got " + last);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ThreadStore store = Backends.openWithoutMigrating(storeUrl)) {
            Optional<ChatThread> thread = last == null ? store.get(threadId) : store.get(threadId, MessageWindow.last(last));
            if (thread.isEmpty()) {
                spec.commandLine().getErr().println("error: no thread '" + threadId + "' in " + Backends.masked(storeUrl));
                return ExitCodes.FAILURE;
            }
            if (shape != null && shape.json) {
                out.print(ThreadJson.write(thread.get()) + "\n");
            } else {
                new Transcript(out).print(thread.get());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
