package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.threadstore.FileStore;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile store URLs. Each must fail with the documented exception
 * ({@link StoreConfigurationException} for a bad URL or option, {@link StoreUnavailableException} for a
 * server that cannot be reached), quickly, without a password in the message or stack trace, and
 * without creating anything.
 */
@Order(5)
@ExtendWith(ReliabilityReport.class)
class HostileUrlTest {

    private static final String PW = Secrets.PASSWORD;

    @TempDir
    Path dir;

    record Case(String url, Class<? extends ThreadStoreException> expected) {
        /** Whether "no provider for this scheme" is the right answer (otherwise the backend must judge the URL itself). */
        boolean unknownScheme() {
            return url.isBlank() || url.startsWith("mysql:") || url.startsWith("file:") || url.equals("jdbc:");
        }
    }

    List<Case> cases() {
        String db = dir.resolve("u.db").toString();
        String cfg = "postgresql://u:" + PW + "@127.0.0.1:1/db";
        List<Case> cases = new ArrayList<>();
        Stream.of("", "   ", "jdbc:", "mysql://u:" + PW + "@127.0.0.1:3306/db",
                        "postgresql://u:" + PW + "@127.0.0.1:99999/db", "postgresql://u:" + PW + "@127.0.0.1:-1/db",
                        "postgresql://u:" + PW + "@[::1/db", "postgresql://u:" + PW + "@ho st/db",
                        "postgresql://u:" + PW + "@127.0.0.1:5432/db#frag", "postgresql://u:" + PW + "%ZZ@127.0.0.1/db",
                        cfg + "?poolSize=-5", cfg + "?poolSize=abc", cfg + "?poolTimeout=-1", cfg + "?unknownOption=1",
                        cfg + "?poolSize=1&poolSize=2", cfg + "?echo=maybe", cfg + "?migrate=perhaps", cfg + "?cache=notaspec",
                        cfg + "?password=other", "postgresql+://u:" + PW + "@127.0.0.1/db", "://u:" + PW + "@127.0.0.1/db",
                        "sqlite:" + db + "\u0000", "sqlite:" + db + "%00", "sqlite:" + db + "?busyTimeout=-1",
                        "sqlite:" + db + "?unknown=1", "sqlite:" + db + "?poolSize=100000000000", "memory:?maximumSize=-1",
                        "memory://u:" + PW + "@somehost/x", "file:///etc")
                .forEach(u -> cases.add(new Case(u, StoreConfigurationException.class)));
        cases.add(new Case(cfg, StoreUnavailableException.class));
        cases.add(new Case("postgresql://u:" + PW + "@[::1]:1/db", StoreUnavailableException.class));
        return cases;
    }

    @Test
    void malformedAndHostileUrlsFailWithTheDocumentedException(Scenario scenario) throws Exception {
        scenario.describe(Area.URLS, "Malformed or hostile ThreadStore URLs", "-");
        List<Case> cases = cases();
        scenario.tried("%d URLs: empty, blank, unknown scheme, bad port, broken IPv6, bad host, fragment, bad escape, "
                + "NUL, bad/unknown/duplicate options, two passwords, no scheme, unreachable server; each with a password", cases.size());
        int configuration = 0;
        int unavailable = 0;
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            Throwable t = catchThrowable(() -> ThreadStore.create(c.url()).close());
            if (!c.expected().isInstance(t)) {
                wrong.add(StoreUriText.show(c.url()) + " -> " + (t == null ? "opened" : t.getClass().getSimpleName() + ": " + t.getMessage()));
                continue;
            }
            if (String.valueOf(t.getMessage()).startsWith("No ThreadStore provider") && !c.unknownScheme()) {
                wrong.add(StoreUriText.show(c.url()) + " -> rejected only because no backend jar claims it: " + t.getMessage());
                continue;
            }
            Secrets.assertNoPassword("the error for " + StoreUriText.show(c.url()), Secrets.fullText(t));
            if (t instanceof StoreUnavailableException) {
                assertThat(((ThreadStoreException) t).isTransient()).isTrue();
                unavailable++;
            } else {
                configuration++;
            }
        }
        assertThat(wrong).as("URLs that did not fail as documented").isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("files created by rejected URLs").isEmpty();
        }
        scenario.found("%d StoreConfigurationException, %d StoreUnavailableException (transient); no password in any "
                + "message or stack trace; no file created", configuration, unavailable);
    }

    @Test
    void malformedFileStoreUrlsFailWithConfigurationErrors(Scenario scenario) {
        scenario.describe(Area.URLS, "Malformed FileStore URLs", "files");
        List<String> urls = List.of("file://remotehost/x", "file://" + dir + "/f?maxFileSize=-1", "file://" + dir + "/f?maxFileSize=abc",
                "file://" + dir + "/f?unknown=1", "file://" + dir + "/f?maxStorageSize=-5", "", "file://" + dir + "/f%00");
        List<String> wrong = new ArrayList<>();
        for (String url : urls) {
            Throwable t = catchThrowable(() -> FileStore.create(url).close());
            if (!(t instanceof StoreConfigurationException)) {
                wrong.add(StoreUriText.show(url) + " -> " + (t == null ? "opened" : t.getClass().getSimpleName() + ": " + t.getMessage()));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(dir.resolve("f")).doesNotExist();
        scenario.tried("%d URLs: remote host, negative/non-numeric/unknown options, empty, NUL", urls.size());
        scenario.found("%d StoreConfigurationException; no directory created", urls.size());
    }

    @Test
    void aSchemaNameBuiltToInjectSqlIsRejectedOrQuoted(Scenario scenario) throws Exception {
        scenario.describe(Area.URLS, "PostgreSQL schema option built to inject SQL", "postgresql");
        PostgresServer.server();
        String canary = PostgresServer.newSchema();
        List<String> hostile = List.of("x\"; DROP SCHEMA " + canary + " CASCADE; --", "x'; DROP SCHEMA " + canary + " CASCADE; --",
                canary + "\" CASCADE; --", "public; DROP SCHEMA " + canary);
        try (Connection c = PostgresServer.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + canary);
            s.execute("CREATE TABLE " + canary + ".keep (x int)");
        }
        int rejected = 0;
        int quoted = 0;
        try {
            for (String schema : hostile) {
                Throwable t = catchThrowable(() -> ThreadStore.create(PostgresServer.url(Map.of("schema", schema))).close());
                if (t == null) {
                    quoted++;
                    PostgresServer.dropSchema(schema);
                } else {
                    assertThat(t).as("schema %s", schema).isInstanceOf(StoreConfigurationException.class)
                            .hasMessageContaining("schema");
                    Secrets.assertNoPassword("the error for schema " + schema, Secrets.fullText(t));
                    rejected++;
                }
                try (Connection c = PostgresServer.connect(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT count(*) FROM " + canary + ".keep")) {
                    assertThat(r.next()).as("canary schema survives schema %s", schema).isTrue();
                }
            }
        } finally {
            PostgresServer.dropSchema(canary);
        }
        scenario.tried("%d schema names with quotes, ; DROP SCHEMA, --; a canary schema next to them", hostile.size());
        scenario.found("%d rejected with StoreConfigurationException, %d used as a quoted literal name; canary intact", rejected, quoted);
    }
}
