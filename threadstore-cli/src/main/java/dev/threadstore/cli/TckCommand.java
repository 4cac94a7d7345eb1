package dev.threadstore.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadstore tck URL}: runs the contract tests against any store URL whose backend is on the class path. */
@Command(name = "tck", mixinStandardHelpOptions = true,
        description = {"Run the threadstore TCK against a backend and report per contract.",
                "Every contract test runs in this JVM; a summary per contract and every failure are printed. Each test gets a new, empty store derived from URL:",
                "SQLite a new file in a temporary directory, PostgreSQL a new schema (dropped afterwards),",
                "a URL holding {n} a new number there, memory: and others the URL as it is.",
                "Exit code 1 when any test fails."})
final class TckCommand implements Callable<Integer> {

    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    private ThreadstoreCommand parent;

    @Spec
    @SuppressWarnings("NullAway.Init")
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "The store URL (default: $THREADSTORE_URL).")
    private @Nullable String url;

    @Option(names = "--classpath", paramLabel = "PATH", split = "${sys:path.separator}",
            description = "Jars or directories to add, e.g. a third-party backend (separated by '${sys:path.separator}').")
    private List<Path> classpath = new ArrayList<>();

    @Option(names = "--contract", paramLabel = "NAME", split = ",",
            description = "Run only these contracts (e.g. SaveContract,AppendContract); default: all.")
    private Set<String> contracts = new LinkedHashSet<>();

    @Override
    public Integer call() throws Exception {
        String storeUrl = parent.url(url);
        PrintWriter out = spec.commandLine().getOut();
        for (Path entry : classpath) {
            if (!Files.exists(entry)) {
                throw new UsageException("--classpath: " + entry + " does not exist");
            }
        }
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        URLClassLoader extended = classLoader(previous);
        TckReport report = new TckReport();
        try (TckTarget target = new TckTarget(storeUrl)) {
            current.setContextClassLoader(extended);
            CliContractTest.target(target);
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(CliContractTest.class))
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
            if (!contracts.isEmpty()) {
                request.filters((PostDiscoveryFilter) descriptor -> TckReport.contractOf(descriptor)
                        .map(contract -> org.junit.platform.engine.FilterResult.includedIf(contracts.contains(contract)))
                        .orElse(org.junit.platform.engine.FilterResult.included("not a test")));
            }
            LauncherDiscoveryRequest discovery = request.build();
            Launcher launcher = LauncherFactory.create();
            out.println("running the threadstore TCK against " + Backends.masked(storeUrl) + " ...");
            out.flush();
            launcher.execute(discovery, report);
        } finally {
            CliContractTest.target(null);
            current.setContextClassLoader(previous);
            closeQuietly(extended);
        }
        if (report.total() == 0) {
            throw new UsageException("no TCK test matched --contract " + String.join(",", contracts));
        }
        report.print(out, parent.redaction());
        out.flush();
        return report.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private URLClassLoader classLoader(ClassLoader parentLoader) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classpath) {
            urls.add(entry.toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parentLoader);
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // nothing was loaded from it that is still needed; the run's result stands
        }
    }
}
