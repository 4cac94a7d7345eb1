package dev.threadstore.cli;

import java.io.InputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code threadstore} command: holds what the subcommands share (standard input, the environment). */
@Command(name = "threadstore", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Inspect, back up, move, migrate and check threadstore stores from the command line.",
        subcommands = {InfoCommand.class, LsCommand.class, ShowCommand.class, ExportCommand.class,
                ImportCommand.class, CopyCommand.class, MigrateCommand.class, TckCommand.class, PurgeCommand.class},
        footer = {"", "A URL may also come from the environment variable THREADSTORE_URL.",
                "Exit codes: 0 ok, 1 failure, 2 usage error. Passwords are masked in every message."},
        synopsisSubcommandLabel = "COMMAND")
final class ThreadstoreCommand implements Runnable {

    /** The environment variable a command reads its store URL from when the command line gives none. */
    static final String URL_VARIABLE = "THREADSTORE_URL";

    private final InputStream in;
    private final Map<String, String> env;
    private final Redaction redaction;

    @Spec
    @SuppressWarnings("NullAway.Init")
    private CommandSpec spec;

    ThreadstoreCommand(InputStream in, Map<String, String> env, Redaction redaction) {
        this.in = in;
        this.env = env;
        this.redaction = redaction;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    InputStream in() {
        return in;
    }

    Redaction redaction() {
        return redaction;
    }

    /**
     * @param given the URL on the command line, or null
     * @return it, or else {@code THREADSTORE_URL}
     * @throws UsageException if neither is there
     */
    String url(@Nullable String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String fromEnv = env.get(URL_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        throw new UsageException("no store URL: give one (e.g. sqlite:app.db) or set " + URL_VARIABLE);
    }
}
