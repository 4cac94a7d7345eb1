package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadStoreException;
import dev.threadstore.spi.StoreEnvironment;
import dev.threadstore.spi.StoreProviders;
import dev.threadstore.spi.StoreUri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords in URLs never show: not in {@code toString()}, {@code databaseUrl()}, an exception (message,
 * cause or stack trace) or a log line. Runs last, because it also scans every log the suite wrote: the
 * SLF4J log file, the child JVMs' logs and each test class's captured console output (where
 * java.util.logging, e.g. Liquibase's, goes).
 */
@Order(8)
@ExtendWith(ReliabilityReport.class)
class SecretsTest {

    private static final String PW = Secrets.PASSWORD;

    @TempDir
    Path dir;

    @Test
    void noPasswordInToStringDatabaseUrlOrErrors(Scenario scenario) {
        scenario.describe(Area.SECRETS, "Password in no toString(), databaseUrl() or exception", "postgresql");
        StoreUri server = PostgresServer.server();
        String host = server.host().orElse("127.0.0.1");
        int port = server.port().orElse(5432);
        int checked = 0;
        try (Stores stores = new Stores(dir)) {
            ThreadStore store = stores.open(Backend.POSTGRESQL, Map.of("echo", "true"));
            ChatThread saved = store.save(ChatThread.create("secrets"));
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("store.toString()", store.toString());
            texts.put("databaseUrl()", store.databaseUrl().orElseThrow());
            texts.put("dataSource().toString()", store.dataSource().map(Object::toString).orElse(""));
            texts.put("StoreUri.toString()", StoreUri.parse(PostgresServer.url(Map.of())).toString());
            texts.put("async().toString()", store.async().toString());
            Throwable conflict = catchThrowable(() -> store.save(saved.withTitle("stale").toBuilder().version(0).build()));
            assertThat(conflict).isInstanceOf(ConcurrentUpdateException.class);
            texts.put("ConcurrentUpdateException", Secrets.fullText(conflict));
            try (ThreadStore sqlite = ThreadStore.create("sqlite:" + dir.resolve("s.db") + "?password=" + PW)) {
                texts.put("sqlite store opened with a password: toString()", sqlite.toString());
                texts.put("sqlite store opened with a password: databaseUrl()", sqlite.databaseUrl().orElse(""));
            } catch (RuntimeException e) {
                texts.put("sqlite store opened with a password: the error", Secrets.fullText(e));
            }
            assertThat(store.databaseUrl().orElseThrow()).contains("****").doesNotContain(":" + PostgresServer.password() + "@");
            for (Map.Entry<String, String> e : texts.entrySet()) {
                Secrets.assertNoPassword(e.getKey(), e.getValue());
                checked++;
            }

            String user = server.user().orElse("postgres");
            String database = server.database();
            Map<String, Supplier<ThreadStore>> failures = new LinkedHashMap<>();
            failures.put("wrong password", () -> ThreadStore.create("postgresql://" + user + ":" + Secrets.WRONG_PASSWORD + "@"
                    + host + ":" + port + "/" + database));
            failures.put("wrong password in the options map", () -> ThreadStore.create("postgresql://" + user + "@" + host + ":"
                    + port + "/" + database, Map.of("password", Secrets.WRONG_PASSWORD)));
            failures.put("wrong password as a query parameter", () -> ThreadStore.create("postgresql://" + host + ":" + port + "/"
                    + database + "?user=" + user + "&password=" + Secrets.WRONG_PASSWORD));
            failures.put("unreachable port", () -> ThreadStore.create("postgresql://u:" + PW + "@127.0.0.1:1/db"));
            failures.put("unreachable, jdbc: form", () -> ThreadStore.create("jdbc:postgresql://127.0.0.1:1/db?user=u&password=" + PW));
            failures.put("unreachable, asyncpg form", () -> ThreadStore.create("postgresql+asyncpg://u:" + PW + "@127.0.0.1:1/db"));
            failures.put("bad option", () -> ThreadStore.create("postgresql://u:" + PW + "@127.0.0.1:1/db?poolSize=x"));
            failures.put("unknown option", () -> ThreadStore.create("postgresql://u:" + PW + "@127.0.0.1:1/db?bogus=1"));
            failures.put("password with reserved characters", () -> ThreadStore.create("postgresql://u:" + PW + "%40%3A%2F@127.0.0.1:1/db"));
            failures.put("password with an unencoded '/'", () -> ThreadStore.create("postgresql://u:" + PW + "/x@127.0.0.1:1/db"));
            failures.put("password with an unencoded '?'", () -> ThreadStore.create("postgresql://u:" + PW + "?x@127.0.0.1:1/db"));
            failures.put("password with an unencoded '#'", () -> ThreadStore.create("postgresql://u:" + PW + "#x@127.0.0.1:1/db"));
            failures.put("password of digits then '/'", () -> ThreadStore.create("postgresql://u:1234/" + PW + "@127.0.0.1:1/db"));
            failures.put("password that reads two ways", () -> ThreadStore.create("postgresql://u:12?a=" + PW + "@127.0.0.1:1/db"));
            failures.put("password on a memory URL", () -> ThreadStore.create("memory://u:" + PW + "@h"));
            failures.put("unknown scheme", () -> ThreadStore.create("mysql://u:" + PW + "@127.0.0.1/db"));
            failures.put("malformed port", () -> ThreadStore.create("postgresql://u:" + PW + "@127.0.0.1:x/db"));
            failures.put("environment, unreachable", () -> StoreProviders.openThreadStore(StoreEnvironment.threadStoreUri(Map.of(
                    "TYLER_DB_TYPE", "postgresql", "TYLER_DB_HOST", "127.0.0.1", "TYLER_DB_PORT", "1", "TYLER_DB_NAME", "db",
                    "TYLER_DB_USER", "u", "TYLER_DB_PASSWORD", PW))));
            failures.put("environment, incomplete", () -> StoreProviders.openThreadStore(StoreEnvironment.threadStoreUri(Map.of(
                    "TYLER_DB_TYPE", "postgresql", "TYLER_DB_PASSWORD", PW))));
            List<String> notThreadStoreExceptions = new ArrayList<>();
            for (Map.Entry<String, Supplier<ThreadStore>> e : failures.entrySet()) {
                Throwable t = catchThrowable(() -> e.getValue().get().close());
                if (!(t instanceof ThreadStoreException)) {
                    notThreadStoreExceptions.add(e.getKey() + " -> " + t);
                    continue;
                }
                Secrets.assertNoPassword(e.getKey(), Secrets.fullText(t));
                checked++;
            }
            assertThat(notThreadStoreExceptions).isEmpty();
            scenario.tried("%d texts of open stores (toString, databaseUrl, dataSource, StoreUri, a ConcurrentUpdateException; a sqlite URL with ?password=) and "
                    + "%d failing opens with a password (wrong password x3 forms, unreachable x3 forms, bad/unknown option, "
                    + "reserved characters encoded and unencoded ('/', '?', '#', ambiguous), memory/unknown schemes, TYLER_DB_* environment)", texts.size(), failures.size());
            scenario.found("%d texts and exception chains checked; no password in any", checked);
        }
    }

    @Test
    void noPasswordInAnyLogLineTheSuiteProduced(Scenario scenario) throws IOException {
        scenario.describe(Area.SECRETS, "Password in no log line (whole suite, children included)", "-");
        Path target = Path.of(System.getProperty("threadstore.reliability.target", "target"));
        List<Path> logs = new ArrayList<>();
        logs.add(target.resolve("reliability-log.txt"));
        for (Path d : List.of(target.resolve("children"), target.resolve("surefire-reports"))) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    logs.addAll(s.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith("-output.txt"))
                            .sorted().collect(Collectors.toList()));
                }
            }
        }
        long lines = 0;
        long bytes = 0;
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            if (!Files.exists(log)) {
                continue;
            }
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            bytes += text.length();
            lines += text.lines().count();
            Secrets.leaks(text).forEach(l -> leaks.add(log.getFileName() + ": " + l));
        }
        assertThat(Files.exists(target.resolve("reliability-log.txt"))).as("the SLF4J log file").isTrue();
        assertThat(lines).as("log lines captured").isPositive();
        assertThat(leaks).as("password in a log line").isEmpty();
        scenario.tried("every log line of the run: SLF4J file (threadstore at DEBUG, HikariCP at DEBUG, echo=true), "
                + "%d log files in all incl. child JVMs and captured console output (java.util.logging)", logs.size());
        scenario.found("%,d lines (%,d chars) scanned; no password", lines, bytes);
    }
}
