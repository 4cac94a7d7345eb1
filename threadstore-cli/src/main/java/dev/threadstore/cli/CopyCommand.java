package dev.threadstore.cli;

import dev.threadstore.ChatThread;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadstore copy FROM_URL TO_URL}: what export piped into import does, without a file. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy threads from one store to another (e.g. SQLite to PostgreSQL).",
                "A page at a time, with the same rules as import: whole threads, exact copies (version and updatedAt",
                "too) where the target's backend can restore, identical ones skipped, conflicts reported.",
                "A progress bar is drawn on a terminal; the counts are printed at the end."})
final class CopyCommand implements Callable<Integer> {

    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    private ThreadstoreCommand parent;

    @Spec
    @SuppressWarnings("NullAway.Init")
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FROM_URL", description = "The store to read.")
    private String from = "";

    @Parameters(index = "1", paramLabel = "TO_URL", description = "The store to write (migrated if needed).")
    private String to = "";

    @Mixin
    private QueryOptions selection = new QueryOptions();

    @Option(names = "--overwrite", description = "Replace a thread the target holds at another version or with other content.")
    private boolean overwrite;

    @Option(names = "--verify", description = "Afterwards, read every selected thread back from both stores and compare.")
    private boolean verify;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportTally tally = new ImportTally();
        try (ThreadStore source = Backends.openWithoutMigrating(from); ThreadStore target = Backends.open(to)) {
            ThreadQuery query = selection.query(ThreadWalk.PAGE_SIZE);
            Progress progress = Progress.onConsole(err, source.count(query));
            ThreadImporter importer = new ThreadImporter(target, null, overwrite, err, Backends.masked(to));
            for (ChatThread thread : new ThreadWalk(source, query)) {
                tally.count(importer.write(thread), 0, thread.id(), err);
                progress.update(tally.total());
            }
            progress.finish();
            out.println("copied " + tally.total() + " threads from " + Backends.masked(from) + " to " + Backends.masked(to)
                    + ": " + tally.imported + " new, " + tally.unchanged + " already there, " + tally.overwritten
                    + " overwritten, " + tally.conflicts + " conflicts skipped");
            int code = tally.conflicts > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
            if (verify) {
                long checked = 0;
                long mismatches = 0;
                for (ChatThread thread : new ThreadWalk(source, query)) {
                    checked++;
                    Optional<ChatThread> copy = target.get(thread.id());
                    if (copy.isEmpty() || !importer.copied(thread, copy.get())) {
                        mismatches++;
                        err.println("verify: thread " + thread.id() + (copy.isEmpty() ? " is missing from the target"
                                : " differs in the target"));
                    }
                }
                out.println("verified " + checked + " threads: " + (mismatches == 0 ? "all equal" : mismatches + " differ"));
                if (mismatches > 0) {
                    code = ExitCodes.FAILURE;
                }
            }
            out.flush();
            return code;
        }
    }
}
