package dev.threadstore.cli;

import dev.threadstore.FileStore;
import dev.threadstore.ThreadStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadstore purge URL --expired}: runs {@link ThreadStore#deleteExpired(int)} until nothing expired is left. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Delete expired threads (expiresAt passed) until none is left.",
                "Calls deleteExpired a batch at a time, oldest expiry first, each thread whole; safe beside running",
                "applications and other purges. With --files, attachment files no remaining thread references go too.",
                "Never migrates: a schema that is behind is refused (run 'threadstore migrate' first)."})
final class PurgeCommand implements Callable<Integer> {

    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    private ThreadstoreCommand parent;

    @Spec
    @SuppressWarnings("NullAway.Init")
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "The store URL (default: $THREADSTORE_URL).")
    private @Nullable String url;

    @Option(names = "--expired", required = true,
            description = "Purge the threads whose expiresAt has passed (required: the one selection purge knows).")
    private boolean expired;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "500",
            description = "Threads per deleteExpired call (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--files", paramLabel = "URL", description = "Also delete the purged threads' unshared attachment files in this FileStore.")
    private @Nullable String filesUrl;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new UsageException("--batch must be at least 1, got " + batch);
        }
        PrintWriter out = spec.commandLine().getOut();
        long purged = 0;
        try (ThreadStore store = Backends.openWithoutMigrating(parent.url(url));
             FileStore files = filesUrl == null ? null : FileStore.create(filesUrl)) {
            while (true) {
                int deleted = files == null ? store.deleteExpired(batch) : store.deleteExpired(batch, files);
                purged += deleted;
                if (deleted < batch) {
                    break;
                }
            }
        }
        out.println("purged " + purged + " expired threads");
        out.flush();
        return ExitCodes.OK;
    }
}
