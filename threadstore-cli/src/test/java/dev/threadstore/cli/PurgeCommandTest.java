package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.ThreadJson;
import dev.threadstore.ThreadQuery;
import dev.threadstore.StoredFileNotFoundException;
import dev.threadstore.ThreadStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code purge --expired} deletes every expired thread, a batch at a time, and nothing else; with {@code --files}
 * the purged threads' unshared attachment files go too. (A {@code memory:} store lives for one command, so the
 * purging itself is shown on SQLite and PostgreSQL.)
 */
class PurgeCommandTest {

    @RegisterExtension
    final PostgresServer postgres = new PostgresServer();

    @TempDir
    Path dir;

    @Test
    void sqlitePurgesExactlyTheExpiredThreads() {
        purgesExactlyTheExpiredThreads("sqlite:" + dir.resolve("t.db"));
    }

    @Test
    void postgresPurgesExactlyTheExpiredThreads() {
        purgesExactlyTheExpiredThreads(postgres.newSchemaUrl());
    }

    @Test
    void sqlitePurgeWithFilesDeletesTheExpiredThreadsFilesOnly() {
        purgeWithFilesDeletesTheExpiredThreadsFilesOnly("sqlite:" + dir.resolve("f.db"));
    }

    @Test
    void postgresPurgeWithFilesDeletesTheExpiredThreadsFilesOnly() {
        purgeWithFilesDeletesTheExpiredThreadsFilesOnly(postgres.newSchemaUrl());
    }

    private static void purgesExactlyTheExpiredThreads(String url) {
        Instant expired = Instant.now().minusSeconds(1);
        try (ThreadStore store = ThreadStore.create(url)) {
            for (int i = 0; i < 7; i++) {
                store.save(ChatThread.builder().id("old-" + i).build().withMessage(Message.user("bye"))
                        .withExpiresAt(expired.minusSeconds(i)));
            }
            store.save(ChatThread.builder().id("live").build().withExpiresAt(Instant.now().plusSeconds(86_400)));
            store.save(ChatThread.builder().id("forever").build());
        }

        Cli.Result purge = Cli.run("purge", url, "--expired", "--batch", "3");
        Cli.Result again = Cli.run("purge", url, "--expired");

        assertThat(purge.code()).as(purge.err()).isZero();
        assertThat(purge.out()).contains("purged 7 expired threads");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("purged 0 expired threads");
        try (ThreadStore store = ThreadStore.create(url)) {
            assertThat(store.count(ThreadQuery.all())).isEqualTo(2);
        }
        String export = Cli.run("export", url).out();
        assertThat(export.lines().map(ThreadJson::read).map(ChatThread::id)).containsExactlyInAnyOrder("live", "forever");
        assertThat(Cli.run("show", url, "live").out()).contains("expires  ");
        assertThat(Cli.run("show", url, "forever").out()).doesNotContain("expires");
    }

    private void purgeWithFilesDeletesTheExpiredThreadsFilesOnly(String url) {
        String filesUrl = "file://" + dir.resolve("files-" + url.hashCode());
        byte[] expiredBytes = "expired attachment".getBytes(StandardCharsets.UTF_8);
        byte[] liveBytes = "live attachment".getBytes(StandardCharsets.UTF_8);
        Attachment expiredFile;
        Attachment liveFile;
        try (ThreadStore store = ThreadStore.create(url); FileStore files = FileStore.create(filesUrl)) {
            ChatThread old = store.save(ChatThread.builder().id("old").build()
                    .withMessage(Message.user("see").withAttachment(Attachment.of(expiredBytes, "old.txt", "text/plain")))
                    .withExpiresAt(Instant.now().minusSeconds(1)), files);
            ChatThread live = store.save(ChatThread.builder().id("live").build()
                    .withMessage(Message.user("see").withAttachment(Attachment.of(liveBytes, "live.txt", "text/plain"))),
                    files);
            expiredFile = old.messages().get(0).attachments().get(0);
            liveFile = live.messages().get(0).attachments().get(0);
        }

        Cli.Result purge = Cli.run("purge", url, "--expired", "--files", filesUrl);

        assertThat(purge.code()).as(purge.err()).isZero();
        assertThat(purge.out()).contains("purged 1 expired threads");
        try (ThreadStore store = ThreadStore.create(url); FileStore files = FileStore.create(filesUrl)) {
            assertThat(store.get("old")).isEmpty();
            assertThat(store.get("live")).isPresent();
            assertThat(files.get(liveFile.fileId(), liveFile.storagePath())).isEqualTo(liveBytes);
            assertThatThrownBy(() -> files.get(expiredFile.fileId(), expiredFile.storagePath()))
                    .isInstanceOf(StoredFileNotFoundException.class);
        }
    }

    @Test
    void purgeNeedsExpiredAndABatchOfAtLeastOne() {
        Cli.Result noSelection = Cli.run("purge", "memory:");
        Cli.Result zeroBatch = Cli.run("purge", "memory:", "--expired", "--batch", "0");

        assertThat(noSelection.code()).isEqualTo(2);
        assertThat(noSelection.err()).contains("--expired");
        assertThat(zeroBatch.code()).isEqualTo(2);
        assertThat(zeroBatch.err()).contains("--batch must be at least 1, got 0");
    }

    @Test
    void aPasswordInTheUrlIsMaskedInErrors() {
        Cli.Result refused = Cli.run("purge", "postgresql://u:s3cret@127.0.0.1:1/none", "--expired");

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out() + refused.err()).doesNotContain("s3cret");
    }

    @Test
    void anImportedThreadKeepsItsExpiry() {
        Instant later = Instant.parse("2099-01-01T00:00:00Z");
        String line = ThreadJson.write(ChatThread.builder().id("kept").build().withExpiresAt(later));
        String url = "sqlite:" + dir.resolve("i.db");

        Cli.Result imported = Cli.run(line + "\n", Map.of(), "import", url);

        assertThat(imported.code()).as(imported.err()).isZero();
        try (ThreadStore store = ThreadStore.create(url)) {
            assertThat(store.get("kept").orElseThrow().expiresAt()).isEqualTo(later);
        }
    }
}
