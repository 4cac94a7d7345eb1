package dev.threadstore.cli;

import dev.threadstore.FileStore;
import dev.threadstore.FileStoreHealth;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.SchemaInspector;
import dev.threadstore.spi.SchemaStatus;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadstore info URL}: what a store is and holds, read without changing it. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show what a store is and holds, without changing it.",
                "The backend, the URL (password masked), the schema version and pending changesets, the thread and",
                "message counts, and with --files the FileStore's health. Never migrates: a schema that is behind is",
                "reported, not upgraded."})
final class InfoCommand implements Callable<Integer> {

    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    private ThreadstoreCommand parent;

    @Spec
    @SuppressWarnings("NullAway.Init")
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "The store URL (default: $THREADSTORE_URL).")
    private @Nullable String url;

    @Option(names = "--files", paramLabel = "URL", description = "Also check the health of this FileStore (e.g. file:///var/lib/app/files).")
    private @Nullable String filesUrl;

    @Override
    public Integer call() {
        String storeUrl = parent.url(url);
        PrintWriter out = spec.commandLine().getOut();
        out.println("backend:   " + Backends.name(storeUrl));
        out.println("url:       " + Backends.masked(storeUrl));
        Optional<SchemaInspector> inspector = Backends.schemaInspector(storeUrl);
        boolean behind = false;
        if (inspector.isPresent()) {
            SchemaStatus status = inspector.get().schemaStatus(dev.threadstore.spi.StoreUri.parse(storeUrl));
            out.println("schema:    " + status.version().orElse("(none: new database)") + " (" + status.applied().size()
                    + " changesets applied)");
            out.println("pending:   " + (status.upToDate() ? "none" : String.join(", ", status.pending())));
            behind = !status.upToDate();
        } else {
            out.println("schema:    (this backend keeps no schema)");
        }
        int code = ExitCodes.OK;
        if (behind) {
            out.println("threads:   (not counted: the schema is behind; run 'threadstore migrate' first)");
        } else {
            try (ThreadStore store = Backends.openWithoutMigrating(storeUrl)) {
                long threads = store.count(ThreadQuery.all());
                out.println("threads:   " + threads);
                out.println("messages:  " + countMessages(store));
            }
        }
        if (filesUrl != null) {
            try (FileStore files = FileStore.create(filesUrl)) {
                FileStoreHealth health = files.checkHealth();
                out.println("files:     " + Backends.masked(filesUrl) + (health.healthy() ? " healthy" : " UNHEALTHY")
                        + ", " + health.fileCount() + " files, " + health.totalSize() + " bytes");
                for (String error : health.errors()) {
                    spec.commandLine().getErr().println("file store: " + error);
                }
                if (!health.healthy()) {
                    code = ExitCodes.FAILURE;
                }
            }
        }
        out.flush();
        return code;
    }

    /** Sums the summaries' message counts, a page at a time: no message is read. */
    private static long countMessages(ThreadStore store) {
        long messages = 0;
        ThreadQuery query = ThreadQuery.all().limit(1000);
        ThreadQuery page = query;
        while (true) {
            Page<ThreadSummary> summaries = store.summaries(page);
            for (ThreadSummary s : summaries.items()) {
                messages += s.messageCount();
            }
            if (summaries.nextCursor() == null) {
                return messages;
            }
            page = query.after(summaries.nextCursor());
        }
    }
}
