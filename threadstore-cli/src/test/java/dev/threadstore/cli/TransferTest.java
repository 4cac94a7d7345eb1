package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.ThreadJson;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** export, import, copy, ls and show between SQLite and PostgreSQL files and schemas. */
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

    @Test
    void sqliteExportImportedIntoPostgresExportsTheSameThreads() {
        roundTrip(sqlite("source"), postgres.newSchemaUrl(), sqlite("third"));
    }

    @Test
    void postgresExportImportedIntoSqliteExportsTheSameThreads() {
        roundTrip(postgres.newSchemaUrl(), sqlite("target"), postgres.newSchemaUrl());
    }

    @Test
    void sqliteExportImportedIntoAnotherSqliteExportsTheSameThreads() {
        roundTrip(sqlite("a"), sqlite("b"), sqlite("c"));
    }

    /**
     * source → export → import into target → export → import into third → export: every export holds the same
     * threads, and the second and third are the same bytes apart from the two fields each store owns.
     */
    private static void roundTrip(String source, String target, String third) {
        seed(source, THREADS);
        Cli.Result first = Cli.run("export", source);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out().lines()).hasSize(THREADS);
        assertThat(first.err()).contains("exported " + THREADS + " threads");

        Cli.Result imported = Cli.run(first.out(), Map.of(), "import", target);
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.err()).contains(THREADS + " imported, 0 unchanged");
        Cli.Result second = Cli.run("export", target);
        Cli.Result again = Cli.run(second.out(), Map.of(), "import", third);
        assertThat(again.code()).as(again.err()).isZero();
        Cli.Result thirdExport = Cli.run("export", third);

        assertThat(contentLines(second.out())).isEqualTo(contentLines(first.out()));
        assertThat(contentLines(thirdExport.out())).isEqualTo(contentLines(first.out()));
        for (String line : second.out().lines().toList()) {
            assertThat(ThreadJson.write(ThreadJson.read(line))).isEqualTo(line);
        }

        Cli.Result repeat = Cli.run(first.out(), Map.of(), "import", target);
        assertThat(repeat.code()).isZero();
        assertThat(repeat.err()).contains("0 imported, " + THREADS + " unchanged (already stored), 0 conflicts");
        assertThat(Cli.run("export", target).out()).isEqualTo(second.out());
    }

    /** The export lines, sorted by thread, with the store-owned version and update time set aside. */
    private static List<String> contentLines(String export) {
        return export.lines().map(ThreadJson::read)
                .map(t -> ThreadJson.write(t.toBuilder().version(0).updatedAt(t.createdAt()).build()))
                .sorted().toList();
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
            assertThat(ThreadImporter.sameContent(original, copied)).isTrue();
            assertThat(copied.createdAt()).isEqualTo(original.createdAt());
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
