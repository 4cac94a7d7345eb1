package dev.threadstore.cli;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.SchemaInspector;
import dev.threadstore.spi.SchemaStatus;
import dev.threadstore.spi.StoreUri;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadstore migrate URL [--dry-run]}: upgrade a schema ahead of a deploy, or list what would run. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Apply the pending schema changesets, or with --dry-run list them.",
                "Liquibase runs them under the store's migration lock. A backend without a schema (memory) has nothing to migrate."})
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    private ThreadstoreCommand parent;

    @Spec
    @SuppressWarnings("NullAway.Init")
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "The store URL (default: $THREADSTORE_URL).")
    private @Nullable String url;

    @Option(names = "--dry-run", description = "List the pending changesets; change nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        String storeUrl = parent.url(url);
        PrintWriter out = spec.commandLine().getOut();
        Optional<SchemaInspector> inspector = Backends.schemaInspector(storeUrl);
        if (inspector.isEmpty()) {
            out.println("The " + Backends.name(storeUrl) + " backend keeps no schema: nothing to migrate.");
            out.flush();
            return ExitCodes.OK;
        }
        StoreUri uri = StoreUri.parse(storeUrl);
        SchemaStatus before = inspector.get().schemaStatus(uri);
        out.println("schema of " + Backends.masked(storeUrl) + ": " + before.version().orElse("(none: new database)"));
        if (before.upToDate()) {
            out.println("up to date: no changeset pending");
            out.flush();
            return ExitCodes.OK;
        }
        if (dryRun) {
            out.println(before.pending().size() + " changesets pending (not applied: --dry-run):");
            before.pending().forEach(id -> out.println("  " + id));
            out.flush();
            return ExitCodes.OK;
        }
        // Opening with migrate=true runs the pending changesets, under the store's migration lock.
        ThreadStore.create(storeUrl, Map.of("migrate", "true")).close();
        SchemaStatus after = inspector.get().schemaStatus(uri);
        out.println("applied " + (after.applied().size() - before.applied().size()) + " changesets:");
        after.applied().stream().filter(id -> !before.applied().contains(id)).forEach(id -> out.println("  " + id));
        out.println("schema is now " + after.version().orElse("(none)")
                + (after.upToDate() ? "" : "; still pending: " + String.join(", ", after.pending())));
        out.flush();
        return after.upToDate() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
