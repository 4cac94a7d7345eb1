package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.FileTooLargeException;
import dev.threadstore.Message;
import dev.threadstore.StorageFullException;
import dev.threadstore.ThreadStore;
import dev.threadstore.UnsupportedFileTypeException;
import dev.threadstore.tck.FileStoreContract.FileSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ThreadStore#save(ChatThread, FileStore)} and {@link ThreadStore#delete(String, FileStore)}:
 * pending attachments are stored in the file store and come back {@link AttachmentStatus#STORED} with
 * their location, digest, MIME type and descriptive attributes; a failed save (a file refused, the store
 * full, a version conflict) leaves no file behind and writes nothing; deleting a thread with its file
 * store removes its files.
 *
 * <p>Each test opens a real file store through discovery ({@link FileStore#create(String)}) in a
 * temporary directory, so the backend's test module needs {@code threadstore-files} on its test class path.
 * Part of {@link ThreadStoreContract}.
 */
public interface AttachmentContract extends StoreFixture {

    /** Opens a file store in the directory through discovery, as an application would. */
    private static FileStore fileStore(Path dir) {
        return FileStore.create(dir.resolve("files").toString());
    }

    /** Counts the regular files under the directory, however the file store lays them out. */
    private static long filesOnDisk(Path dir) {
        Path files = dir.resolve("files");
        if (!Files.exists(files)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(files)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    default void saveWithAFileStoreStoresPendingAttachmentsAndReturnsThemStored(@TempDir Path dir) {
        try (ThreadStore store = newStore(); FileStore files = fileStore(dir)) {
            byte[] pdf = FileSamples.pdf();
            byte[] png = FileSamples.png();
            Message message = Message.user("two files").withAttachment(pdf, "report.pdf").withAttachment(png, "chart.png");

            ChatThread saved = store.save(thread("att", message), files);

            List<Attachment> attachments = saved.messages().get(0).attachments();
            assertThat(attachments).hasSize(2);
            Attachment report = attachments.get(0);
            assertThat(report.status()).isEqualTo(AttachmentStatus.STORED);
            assertThat(report.content()).as("bytes are not kept in the thread").isNull();
            assertThat(report.filename()).isEqualTo("report.pdf");
            assertThat(report.mimeType()).isEqualTo("application/pdf");
            assertThat(report.size()).isEqualTo(pdf.length);
            assertThat(report.sha256()).isEqualTo(sha256(pdf));
            assertThat(report.fileId()).isNotBlank();
            assertThat(report.storagePath()).isNotBlank();
            assertThat(report.storageBackend()).isEqualTo("local");
            assertThat(report.attributes()).containsEntry("type", "document").containsEntry("mime_type", "application/pdf")
                    .containsEntry("storage_path", report.storagePath());
            Attachment chart = attachments.get(1);
            assertThat(chart.mimeType()).isEqualTo("image/png");
            assertThat(chart.attributes()).containsEntry("type", "image").containsEntry("description", "Image file chart.png");

            assertThat(files.get(report.fileId(), report.storagePath())).isEqualTo(pdf);
            assertThat(files.get(chart.fileId(), chart.storagePath())).isEqualTo(png);
            assertThat(store.get("att")).as("get() returns the stored metadata").contains(saved);
            assertThat(files.fileCount()).isEqualTo(2);
        }
    }

    @Test
    default void attributesDescribeEachKindOfFile(@TempDir Path dir) {
        try (ThreadStore store = newStore(); FileStore files = fileStore(dir)) {
            String longText = "Lorem ipsum ✓ ".repeat(100);
            Message message = Message.user("kinds")
                    .withAttachment(FileSamples.text(longText), "notes.txt")
                    .withAttachment(FileSamples.text("{\"city\": \"Oslo\", \"days\": [1, 2.5], \"ok\": true, \"none\": null}"), "data.json")
                    .withAttachment(FileSamples.mp3(), "voice.mp3")
                    .withAttachment(FileSamples.zip(), "bundle.zip")
                    .withAttachment(Attachment.of(FileSamples.text("a,b\n1,2\n"), "table", "text/csv"));

            List<Attachment> stored = store.save(thread("kinds", message), files).messages().get(0).attachments();

            assertThat(stored.get(0).attributes()).containsEntry("type", "text")
                    .containsEntry("text", longText.substring(0, 500)).containsEntry("mime_type", "text/plain");
            Map<String, Object> parsed = Samples.mapOf("city", "Oslo", "days", List.of(1L, 2.5), "ok", true, "none", null);
            assertThat(stored.get(1).attributes()).containsEntry("type", "json").containsEntry("parsed_content", parsed);
            assertThat(stored.get(2).attributes()).containsEntry("type", "audio").containsEntry("mime_type", "audio/mpeg");
            assertThat(stored.get(3).attributes()).containsEntry("type", "binary").containsEntry("mime_type", "application/zip");
            assertThat(stored.get(4).mimeType()).isEqualTo("text/csv");
            assertThat(stored.get(4).attributes()).containsEntry("type", "text").containsEntry("text", "a,b\n1,2\n");
            assertThat(store.get("kinds").orElseThrow().messages().get(0).attachments())
                    .as("nested attribute values round-trip exactly").isEqualTo(stored);
        }
    }

    @Test
    default void alreadyStoredAttachmentsAreNotStoredAgain(@TempDir Path dir) {
        try (ThreadStore store = newStore(); FileStore files = fileStore(dir)) {
            ChatThread saved = store.save(thread("again", Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf")), files);
            Attachment first = saved.messages().get(0).attachments().get(0);

            ChatThread resaved = store.save(saved.withTitle("renamed")
                    .withMessage(Message.user("b").withAttachment(FileSamples.png(), "b.png")), files);

            assertThat(files.fileCount()).as("one new file, the old one untouched").isEqualTo(2);
            assertThat(resaved.messages().get(0).attachments()).containsExactly(first);
            assertThat(resaved.messages().get(1).attachments().get(0).status()).isEqualTo(AttachmentStatus.STORED);
            assertThat(store.get("again")).contains(resaved);
        }
    }

    @Test
    default void aRefusedFileFailsTheSaveWithItsTypedErrorAndLeavesNothing(@TempDir Path dir) {
        try (ThreadStore store = newStore(); FileStore files = fileStore(dir)) {
            Message message = Message.user("mixed").withAttachment(FileSamples.pdf(), "fine.pdf")
                    .withAttachment(FileSamples.png(), "fine.png")
                    .withAttachment(FileSamples.executable(128), "setup.exe");

            assertThatThrownBy(() -> store.save(thread("refused", message), files))
                    .isInstanceOf(UnsupportedFileTypeException.class).hasMessageContaining("setup.exe");

            assertThat(store.get("refused")).as("nothing written").isEmpty();
            assertThat(files.fileCount()).as("files stored before the refusal were deleted").isZero();
            assertThat(filesOnDisk(dir)).isZero();
        }
    }

    @Test
    default void aFailedUpdateKeepsTheStoredThreadAndRemovesOnlyItsOwnFiles(@TempDir Path dir) {
        try (ThreadStore store = newStore(); FileStore files = fileStore(dir)) {
            ChatThread saved = store.save(thread("upd", Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf")), files);
            long before = filesOnDisk(dir);

            ChatThread tooBig = saved.withMessage(Message.user("b").withAttachment(FileSamples.gif(), "ok.gif")
                    .withAttachment(new byte[52_428_801], "huge.bin"));
            assertThatThrownBy(() -> store.save(tooBig, files)).isInstanceOf(FileTooLargeException.class)
                    .hasMessageContaining("huge.bin");

            assertThat(store.get("upd")).contains(saved);
            assertThat(filesOnDisk(dir)).isEqualTo(before);
            Attachment kept = saved.messages().get(0).attachments().get(0);
            assertThat(files.get(kept.fileId(), kept.storagePath())).isEqualTo(FileSamples.pdf());
        }
    }

    @Test
    default void aVersionConflictAfterStoringTheFilesDeletesThem(@TempDir Path dir) {
        try (ThreadStore store = newStore(); FileStore files = fileStore(dir)) {
            ChatThread v1 = store.save(thread("conflict", Message.user("a")));
            store.save(v1.withTitle("someone else was faster"));
            long before = filesOnDisk(dir);

            ChatThread stale = v1.withMessage(Message.user("b").withAttachment(FileSamples.pdf(), "late.pdf"));
            assertThatThrownBy(() -> store.save(stale, files)).isInstanceOf(ConcurrentUpdateException.class);

            assertThat(filesOnDisk(dir)).isEqualTo(before);
            assertThat(store.get("conflict").orElseThrow().title()).isEqualTo("someone else was faster");
        }
    }

    @Test
    default void aFullFileStoreFailsTheSaveAndLeavesNothing(@TempDir Path dir) {
        try (ThreadStore store = newStore();
             FileStore files = FileStore.create(dir.resolve("files").toString(), Map.of("maxStorageSize", "500"))) {
            Message message = Message.user("big").withAttachment(FileSamples.png(), "a.png")
                    .withAttachment(FileSamples.text("x".repeat(450)), "b.txt");

            assertThatThrownBy(() -> store.save(thread("full", message), files)).isInstanceOf(StorageFullException.class);

            assertThat(store.get("full")).isEmpty();
            assertThat(filesOnDisk(dir)).isZero();
        }
    }

    @Test
    default void saveWithoutAFileStoreRejectsPendingAttachments() {
        try (ThreadStore store = newStore()) {
            ChatThread t = thread("nofs", Message.user("file").withAttachment(FileSamples.pdf(), "a.pdf"));

            assertThatThrownBy(() -> store.save(t)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("FileStore");
            assertThat(store.get("nofs")).isEmpty();
        }
    }

    @Test
    default void aThreadWithoutPendingAttachmentsNeedsNoFileStoreWork(@TempDir Path dir) {
        try (ThreadStore store = newStore(); FileStore files = fileStore(dir)) {
            ChatThread saved = store.save(thread("plain", Message.user("no files")), files);

            assertThat(saved.version()).isEqualTo(1);
            assertThat(files.fileCount()).isZero();
        }
    }

    @Test
    default void deletingAThreadWithItsFileStoreRemovesItsFiles(@TempDir Path dir) {
        try (ThreadStore store = newStore(); FileStore files = fileStore(dir)) {
            store.save(thread("gone", Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf"),
                    Message.user("b").withAttachment(FileSamples.png(), "b.png")), files);
            ChatThread other = store.save(thread("stays", Message.user("c").withAttachment(FileSamples.gif(), "c.gif")), files);

            assertThat(store.delete("gone", files)).isTrue();

            assertThat(store.get("gone")).isEmpty();
            Attachment kept = other.messages().get(0).attachments().get(0);
            assertThat(files.listFiles()).containsExactly(kept.storagePath());
            assertThat(store.delete("gone", files)).as("second delete").isFalse();
            assertThat(store.delete("never-existed", files)).isFalse();
        }
    }

    @Test
    default void concurrentSavesWithAttachmentsStoreEveryFileOnce(@TempDir Path dir) throws Exception {
        try (ThreadStore store = newStore(); FileStore files = fileStore(dir)) {
            Workers.run(6, w -> store.save(thread("c" + w,
                    Message.user("m").withAttachment(FileSamples.text("worker " + w), "w" + w + ".txt")), files));

            assertThat(files.fileCount()).isEqualTo(6);
            for (int w = 0; w < 6; w++) {
                Attachment a = store.get("c" + w).orElseThrow().messages().get(0).attachments().get(0);
                assertThat(files.get(a.fileId(), a.storagePath())).isEqualTo(FileSamples.text("worker " + w));
            }
        }
    }
}
