package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadJson;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** export, import, copy, ls and show between memory stores, SQLite files and PostgreSQL schemas. */
class TransferTest {

    private static final int THREADS = 40;

    @RegisterExtension
    final PostgresServer postgres = new PostgresServer();

    @TempDir
    Path dir;

    private String sqlite(String name) {
        return "sqlite:" + dir.resolve(name + ".db");
    }

    private static void seed(String url, int threads) {
        SampleThreads samples = new SampleThreads(42);
        try (ThreadStore store = ThreadStore.create(url)) {
            for (int i = 0; i < threads; i++) {
                store.save(samples.thread("thread-" + i));
            }
        }
    }

    /**
     * Threads at versions and times of their own: some saved again, some appended to, some with an expiry, so that
     * an import that stamped its own version or update time would show.
     */
    private static void seedHistory(String url, int threads) {
        seed(url, threads);
        try (ThreadStore store = ThreadStore.create(url)) {
            for (int i = 0; i < threads; i += 3) {
                ChatThread t = store.get("thread-" + i).orElseThrow();
                store.save(t.withTitle("Renamed " + i).withExpiresAt(i % 2 == 0 ? Instant.parse("2999-01-01T00:00:00.000001Z") : null));
            }
            for (int i = 1; i < threads; i += 4) {
                store.append("thread-" + i, List.of(Message.user("later " + i)));
            }
        }
    }

    /** A new, empty store of the backend: memory is the {@code kept:} test backend, which outlives one command. */
    private String newStore(String backend, String name) {
        switch (backend) {
            case "memory":
                return "kept:" + name + "-" + UUID.randomUUID();
            case "sqlite":
                return sqlite(name + "-" + UUID.randomUUID());
            default:
                return postgres.newSchemaUrl();
        }
    }

    static Stream<Arguments> backendPairs() {
        List<String> backends = List.of("memory", "sqlite", "postgresql");
        return backends.stream().flatMap(from -> backends.stream().map(to -> Arguments.of(from, to)));
    }

    /**
     * source → export → import into target → export: the same bytes, version and updatedAt included; a second
     * import changes nothing; and copy into a third store gives the same export again.
     */
    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("backendPairs")
    void anExportImportedIntoAnotherBackendExportsTheSameBytes(String from, String to) {
        String source = newStore(from, "source");
        String target = newStore(to, "target");
        seedHistory(source, THREADS);

        Cli.Result first = Cli.run("export", source);
        Cli.Result imported = Cli.run(first.out(), Map.of(), "import", target);
        Cli.Result second = Cli.run("export", target);

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out().lines()).hasSize(THREADS);
        assertThat(first.out()).contains("\"version\":2,", "\"version\":3,", "\"expiresAt\":\"2999-01-01T00:00:00.000001Z\"");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.err()).contains(THREADS + " imported, 0 unchanged").doesNotContain("note:");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out().getBytes(StandardCharsets.UTF_8)).as("the second export's bytes")
                .isEqualTo(first.out().getBytes(StandardCharsets.UTF_8));

        Cli.Result repeat = Cli.run(first.out(), Map.of(), "import", target);
        assertThat(repeat.code()).as(repeat.err()).isZero();
        assertThat(repeat.err()).contains("0 imported, " + THREADS + " unchanged (already stored), 0 conflicts");
        assertThat(Cli.run("export", target).out().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(first.out().getBytes(StandardCharsets.UTF_8));

        String third = newStore(to, "third");
        Cli.Result copy = Cli.run("copy", source, third, "--verify");
        assertThat(copy.code()).as(copy.err()).isZero();
        assertThat(copy.out()).contains(THREADS + " new", "verified " + THREADS + " threads: all equal");
        assertThat(Cli.run("export", third).out().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(first.out().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTargetWithoutRestoreGetsSavedThreadsAndSaysSoOnce() {
        String source = sqlite("source");
        String target = "kept:plain-" + UUID.randomUUID() + "?restore=false";
        seedHistory(source, 5);
        String export = Cli.run("export", source).out();

        Cli.Result imported = Cli.run(export, Map.of(), "import", target);
        Cli.Result repeat = Cli.run(export, Map.of(), "import", target);

        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("5 imported");
        assertThat(imported.err().lines().filter(l -> l.startsWith("note: ")).toList()).singleElement().asString()
                .contains("cannot restore threads exactly", "saved instead", "version and updatedAt");
        assertThat(repeat.err()).contains("0 imported, 5 unchanged");
        List<ChatThread> saved = Cli.run("export", target).out().lines().map(ThreadJson::read).toList();
        assertThat(saved).hasSize(5).allSatisfy(t -> assertThat(t.version()).isEqualTo(1));
        Map<String, ChatThread> original = export.lines().map(ThreadJson::read)
                .collect(java.util.stream.Collectors.toMap(ChatThread::id, t -> t));
        assertThat(saved).allSatisfy(t -> assertThat(ThreadImporter.sameContent(t, original.get(t.id()))).isTrue());
    }

    @Test
    void theSameContentAtAnotherVersionIsAConflictUnlessOverwriting() {
        String target = sqlite("target");
        String source = sqlite("source");
        seed(source, 2);
        String export = Cli.run("export", source).out();
        Cli.run(export, Map.of(), "import", target);
        String bumped = export.lines().map(ThreadJson::read).map(t -> t.toBuilder().version(t.version() + 4).build())
                .map(ThreadJson::write).collect(java.util.stream.Collectors.joining("\n", "", "\n"));

        Cli.Result conflict = Cli.run(bumped, Map.of(), "import", target);
        Cli.Result overwrite = Cli.run(bumped, Map.of(), "import", target, "--overwrite");

        assertThat(conflict.err()).contains("0 imported, 0 unchanged (already stored), 2 conflicts skipped");
        assertThat(overwrite.err()).contains("2 overwritten");
        assertThat(Cli.run("export", target).out()).isEqualTo(bumped);
    }

    @Test
    void copyToPostgresVerifiesAndASecondCopyChangesNothing() {
        String source = sqlite("source");
        String target = postgres.newSchemaUrl();
        seed(source, THREADS);

        Cli.Result copy = Cli.run("copy", source, target, "--verify");
        Cli.Result twice = Cli.run("copy", source, target, "--verify");

        assertThat(copy.code()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("copied " + THREADS + " threads", THREADS + " new",
                "verified " + THREADS + " threads: all equal");
        assertThat(copy.out()).doesNotContain("threadstore_ci:threadstore_ci@").contains(":****@");
        assertThat(twice.out()).contains("0 new, " + THREADS + " already there");
        try (ThreadStore a = ThreadStore.create(source); ThreadStore b = ThreadStore.create(target)) {
            assertThat(b.count(ThreadQuery.all())).isEqualTo(THREADS);
            ChatThread original = a.get("thread-7").orElseThrow();
            ChatThread copied = b.get("thread-7").orElseThrow();
            assertThat(copied).as("an exact copy, version and updatedAt included").isEqualTo(original);
        }
    }

    @Test
    void copyWithAQueryCopiesOnlyTheSelectedThreads() {
        String source = sqlite("source");
        seed(source, THREADS);
        long expected;
        try (ThreadStore store = ThreadStore.create(source)) {
            expected = store.count(ThreadQuery.all().attributes(Map.of("customer", "c1")));
        }

        Cli.Result copy = Cli.run("copy", source, sqlite("target"), "--attr", "customer=c1", "--verify");

        assertThat(copy.code()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("copied " + expected + " threads");
        assertThat(Cli.run("export", sqlite("target")).out().lines()).hasSize((int) expected)
                .allSatisfy(line -> assertThat(line).contains("\"customer\":\"c1\""));
    }

    @Test
    void aChangedThreadIsAConflictUnlessOverwriting() {
        String source = sqlite("source");
        String target = sqlite("target");
        seed(source, 3);
        String export = Cli.run("export", source).out();
        Cli.run(export, Map.of(), "import", target);
        String changed = export.lines().map(ThreadJson::read)
                .map(t -> t.id().equals("thread-1") ? t.toBuilder().title("Renamed").build() : t)
                .map(ThreadJson::write).collect(java.util.stream.Collectors.joining("\n", "", "\n"));

        Cli.Result conflict = Cli.run(changed, Map.of(), "import", target);
        Cli.Result overwrite = Cli.run(changed, Map.of(), "import", target, "--overwrite");

        assertThat(conflict.code()).isZero();
        assertThat(conflict.err()).contains("conflict: thread thread-1 is already stored with other content; skipped")
                .contains("0 imported, 2 unchanged (already stored), 1 conflicts skipped");
        assertThat(overwrite.err()).contains("1 overwritten");
        assertThat(Cli.run("show", target, "thread-1").out()).contains("title    Renamed");
    }

    @Test
    void lsAndShowDisplayTheThreads() {
        String url = sqlite("store");
        seed(url, 5);

        Cli.Result table = Cli.run("ls", url, "--limit", "3");
        Cli.Result json = Cli.run("ls", url, "--json");
        Cli.Result show = Cli.run("show", url, "thread-3");
        Cli.Result showJson = Cli.run("show", url, "thread-3", "--json");
        Cli.Result last = Cli.run("show", url, "thread-3", "--last", "1");

        assertThat(table.code()).isZero();
        assertThat(table.out().lines()).hasSize(4).first().asString().startsWith("ID");
        assertThat(json.out().lines()).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("{\"id\":\"thread-"));
        assertThat(show.out()).contains("thread   thread-3", "#1 system");
        try (ThreadStore store = ThreadStore.create(url)) {
            ChatThread thread = store.get("thread-3").orElseThrow();
            assertThat(ThreadJson.read(showJson.out().strip())).isEqualTo(thread);
            assertThat(last.out()).contains("showing  1 messages").contains("#" + thread.maxSequence() + " ");
        }
        assertThat(Cli.run("show", url, "nope").code()).isEqualTo(1);
        assertThat(Cli.run("show", url, "thread-3", "--last", "1", "--json").code()).isEqualTo(2);
    }

    @Test
    void infoCountsThreadsAndMessagesOnPostgres() {
        String url = postgres.newSchemaUrl();
        seed(url, 4);
        long messages;
        try (ThreadStore store = ThreadStore.create(url)) {
            messages = store.threads(ThreadQuery.all()).items().stream().mapToLong(t -> t.messages().size()).sum();
        }

        Cli.Result info = Cli.run("info", url);

        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("backend:   postgresql", "pending:   none", "threads:   4",
                "messages:  " + messages, ":****@").doesNotContain(":threadstore_ci@");
    }
}
