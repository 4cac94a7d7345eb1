package dev.threadstore.cli;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.ThreadJson;
import dev.threadstore.ThreadStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadstore import URL < threads.jsonl}: export lines into a store, idempotently, one thread at a time. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Read exported threads (JSON Lines) into a store, idempotently.",
                "Reads standard input, or --input FILE, one thread per line (docs/export-format.md).",
                "Each thread is written whole or not at all, exactly as the line gives it (version and updatedAt too)",
                "when the backend can restore, else saved. A thread already there at the same version with the same",
                "content is skipped; any other state of it is a conflict, reported and skipped unless --overwrite.",
                "A malformed line is reported with its line number; --on-error says whether the run goes on."})
final class ImportCommand implements Callable<Integer> {

    /** What a malformed line or a failed save does to the run. */
    enum OnError { skip, fail }

    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    private ThreadstoreCommand parent;

    @Spec
    @SuppressWarnings("NullAway.Init")
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "The target store URL (default: $THREADSTORE_URL).")
    private @Nullable String url;

    @Option(names = "--input", paramLabel = "FILE", description = "Read this file instead of standard input.")
    private @Nullable Path input;

    @Option(names = "--overwrite", description = "Replace a stored thread whose version or content differs.")
    private boolean overwrite;

    @Option(names = "--on-error", paramLabel = "skip|fail", defaultValue = "fail",
            description = "On a malformed line or a failed thread: skip it and go on, or stop (default: ${DEFAULT-VALUE}).")
    private OnError onError = OnError.fail;

    @Option(names = "--files", paramLabel = "URL", description = "Store attachment bytes found in the lines in this FileStore.")
    private @Nullable String filesUrl;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ImportTally tally = new ImportTally();
        try (ThreadStore store = Backends.open(parent.url(url));
             FileStore files = filesUrl == null ? null : FileStore.create(filesUrl);
             BufferedReader lines = reader()) {
            ThreadImporter importer = new ThreadImporter(store, files, overwrite, err, Backends.masked(parent.url(url)));
            long number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                ChatThread thread;
                try {
                    thread = ThreadJson.read(line);
                } catch (IllegalArgumentException e) {
                    err.println("line " + number + ": " + e.getMessage());
                    tally.malformed++;
                    if (onError == OnError.fail) {
                        return tally.report(err, "stopped at line " + number + " (--on-error fail)", ExitCodes.FAILURE);
                    }
                    continue;
                }
                try {
                    tally.count(importer.write(thread), number, thread.id(), err);
                } catch (RuntimeException e) {
                    err.println("line " + number + ": thread " + thread.id() + " not imported: " + Failures.describe(e));
                    tally.failed++;
                    if (onError == OnError.fail) {
                        return tally.report(err, "stopped at line " + number + " (--on-error fail)", ExitCodes.FAILURE);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return tally.report(err, "done", tally.failed > 0 ? ExitCodes.FAILURE : ExitCodes.OK);
    }

    private BufferedReader reader() throws IOException {
        InputStream stream = input != null ? Files.newInputStream(input) : parent.in();
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(stream, strict), 1 << 16);
    }
}
