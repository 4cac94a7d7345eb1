package dev.threadstore.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The entry point of {@code java -jar threadstore-cli-VERSION-all.jar}: parses the command line, runs the command
 * and exits with its code: 0 when it succeeded, 1 when it failed, 2 for a usage error. Output goes to standard
 * output, errors and progress to standard error, always with passwords masked.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs a command and exits the JVM with its exit code.
     *
     * @param args the command line, e.g. {@code ls sqlite:app.db --limit 20}
     */
    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, System.in, out, err, System.getenv());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs a command in this JVM (what {@link #main} and the tests do).
     *
     * @param args the command line
     * @param in standard input ({@code import} reads it)
     * @param out standard output
     * @param err standard error
     * @param env the environment ({@code THREADSTORE_URL})
     * @return the exit code: 0 ok, 1 failure, 2 usage error
     */
    static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {
        Redaction redaction = Redaction.of(List.of(args), env.get(ThreadstoreCommand.URL_VARIABLE));
        PrintWriter maskedErr = redaction.wrap(err);
        CommandLine cli = new CommandLine(new ThreadstoreCommand(in, env, redaction));
        cli.setOut(out);
        cli.setErr(maskedErr);
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("error: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr())) {
                cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + Failures.describe(e));
            return e instanceof UsageException ? ExitCodes.USAGE : ExitCodes.FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        maskedErr.flush();
        return code;
    }
}
