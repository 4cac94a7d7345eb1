package dev.threadstore.cli;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.ThreadJson;
import dev.threadstore.ThreadStore;
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

/** {@code threadstore export URL > threads.jsonl}: every selected thread, one export line each, streamed. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write threads to standard output as JSON Lines.",
                "One whole thread per line in the export format (docs/export-format.md), newest first, read a page at",
                "a time: memory stays flat however large the store."})
final class ExportCommand implements Callable<Integer> {

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

    @Option(names = "--files", paramLabel = "URL", description = "The FileStore holding the attachments' bytes (with --with-files).")
    private @Nullable String filesUrl;

    @Option(names = "--with-files", description = "Include stored attachments' bytes, base64-encoded (needs --files).")
    private boolean withFiles;

    @Override
    public Integer call() {
        if (withFiles && filesUrl == null) {
            throw new UsageException("--with-files needs --files URL, the FileStore that holds the bytes");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ThreadStore store = Backends.openWithoutMigrating(parent.url(url));
             FileStore files = withFiles && filesUrl != null ? FileStore.create(filesUrl) : null) {
            long written = 0;
            for (ChatThread thread : new ThreadWalk(store, selection.query(ThreadWalk.PAGE_SIZE))) {
                out.print(ThreadJson.write(files == null ? thread : AttachmentExport.withFileBytes(thread, files)));
                out.print('\n');
                written++;
            }
            out.flush();
            spec.commandLine().getErr().println("exported " + written + " threads");
        }
        return ExitCodes.OK;
    }
}
