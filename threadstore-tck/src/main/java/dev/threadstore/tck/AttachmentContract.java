package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static java.util.Objects.requireNonNull;

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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadStore#save(ChatThread, FileStore)} and {@link ThreadStore#delete(String, FileStore)}:
 * pending attachments are stored in the file store and come back {@link AttachmentStatus#STORED} with
 * their location, digest, MIME type and descriptive attributes; a failed save (a file refused, the store
 * full, a version conflict) leaves no file behind, writes nothing and rethrows the file store's own
 * exception; deleting a thread with its file store removes its files and only its files.
 *
 * <p>Every file store comes from {@link StoreFixture#newFileStore()} (by default an {@link InMemoryFileStore},
 * so nothing beyond the TCK is needed). The attachments declare their MIME type, so these tests do not
 * depend on a file store's detection rules: those are {@link FileStoreContract}'s business.
 * Part of {@link ThreadStoreContract}.
 */
public interface AttachmentContract extends StoreFixture {

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Attachment declared(byte[] content, String filename, String mimeType) {
        return Attachment.of(content, filename, mimeType);
    }

    /** The fixture's file store, failing the save of {@code name} with the given exception. */
    private FailingFileStore failingOn(String name, Supplier<RuntimeException> failure) {
        return new FailingFileStore(newFileStore(), name, failure);
    }

    @Test
    default void saveWithAFileStoreStoresPendingAttachmentsAndReturnsThemStored() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            byte[] pdf = FileSamples.pdf();
            byte[] png = FileSamples.png();
            Message message = Message.user("two files").withAttachment(declared(pdf, "report.pdf", "application/pdf"))
                    .withAttachment(declared(png, "chart.png", "image/png"));

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
            assertThat(report.storageBackend()).isNotBlank();
            assertThat(report.attributes()).containsEntry("type", "document").containsEntry("mime_type", "application/pdf")
                    .containsEntry("storage_path", report.storagePath());
            Attachment chart = attachments.get(1);
            assertThat(chart.mimeType()).isEqualTo("image/png");
            assertThat(chart.attributes()).containsEntry("type", "image").containsEntry("description", "Image file chart.png");
            assertThat(chart.fileId()).as("two files, two ids").isNotEqualTo(report.fileId());

            assertThat(files.get(requireNonNull(report.fileId()), requireNonNull(report.storagePath()))).isEqualTo(pdf);
            assertThat(files.get(requireNonNull(chart.fileId()), requireNonNull(chart.storagePath()))).isEqualTo(png);
            assertThat(store.get("att")).as("get() returns the stored metadata").contains(saved);
            assertThat(files.fileCount()).isEqualTo(2);
        }
    }

    @Test
    default void attributesDescribeEachKindOfFile() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            String longText = "Lorem ipsum ✓ ".repeat(100);
            Message message = Message.user("kinds")
                    .withAttachment(declared(FileSamples.text(longText), "notes.txt", "text/plain"))
                    .withAttachment(declared(FileSamples.text("{\"city\": \"Oslo\", \"days\": [1, 2.5], \"ok\": true, \"none\": null}"),
                            "data.json", "application/json"))
                    .withAttachment(declared(FileSamples.mp3(), "voice.mp3", "audio/mpeg"))
                    .withAttachment(declared(FileSamples.zip(), "bundle.zip", "application/zip"))
                    .withAttachment(declared(FileSamples.text("a,b\n1,2\n"), "table", "text/csv"));

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
    default void alreadyStoredAttachmentsAreNotStoredAgain() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread saved = store.save(thread("again", Message.user("a")
                    .withAttachment(declared(FileSamples.pdf(), "a.pdf", "application/pdf"))), files);
            Attachment first = saved.messages().get(0).attachments().get(0);

            ChatThread resaved = store.save(saved.withTitle("renamed")
                    .withMessage(Message.user("b").withAttachment(declared(FileSamples.png(), "b.png", "image/png"))), files);

            assertThat(files.fileCount()).as("one new file, the old one untouched").isEqualTo(2);
            assertThat(resaved.messages().get(0).attachments()).containsExactly(first);
            assertThat(resaved.messages().get(1).attachments().get(0).status()).isEqualTo(AttachmentStatus.STORED);
            assertThat(store.get("again")).contains(resaved);
        }
    }

    @Test
    default void aRefusedFileFailsTheSaveWithTheFileStoresExceptionAndLeavesNothing() {
        try (ThreadStore store = newStore();
             FailingFileStore files = failingOn("setup.exe", () -> new UnsupportedFileTypeException("refused setup.exe"))) {
            Message message = Message.user("mixed").withAttachment(declared(FileSamples.pdf(), "fine.pdf", "application/pdf"))
                    .withAttachment(declared(FileSamples.png(), "fine.png", "image/png"))
                    .withAttachment(declared(FileSamples.executable(128), "setup.exe", "application/octet-stream"));

            Throwable failure = catchThrowable(() -> store.save(thread("refused", message), files));

            assertThat(failure).as("the file store's exception, rethrown unchanged").isSameAs(files.thrown())
                    .isInstanceOf(UnsupportedFileTypeException.class);
            assertThat(store.get("refused")).as("nothing written").isEmpty();
            assertThat(files.fileCount()).as("files stored before the refusal were deleted").isZero();
            assertThat(files.listFiles()).isEmpty();
        }
    }

    @Test
    default void aFailedUpdateKeepsTheStoredThreadAndRemovesOnlyItsOwnFiles() {
        try (ThreadStore store = newStore();
             FailingFileStore files = failingOn("huge.bin", () -> new FileTooLargeException("huge.bin is too large"))) {
            ChatThread saved = store.save(thread("upd", Message.user("a")
                    .withAttachment(declared(FileSamples.pdf(), "a.pdf", "application/pdf"))), files);
            List<String> before = files.listFiles();

            ChatThread tooBig = saved.withMessage(Message.user("b").withAttachment(declared(FileSamples.gif(), "ok.gif", "image/gif"))
                    .withAttachment(declared(new byte[64], "huge.bin", "application/octet-stream")));
            Throwable failure = catchThrowable(() -> store.save(tooBig, files));

            assertThat(failure).isSameAs(files.thrown()).isInstanceOf(FileTooLargeException.class);
            assertThat(store.get("upd")).contains(saved);
            assertThat(files.listFiles()).as("the earlier file stays, the new one is gone").isEqualTo(before);
            Attachment kept = saved.messages().get(0).attachments().get(0);
            assertThat(files.get(requireNonNull(kept.fileId()), requireNonNull(kept.storagePath()))).isEqualTo(FileSamples.pdf());
        }
    }

    @Test
    default void aVersionConflictAfterStoringTheFilesDeletesThem() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread v1 = store.save(thread("conflict", Message.user("a")));
            store.save(v1.withTitle("someone else was faster"));

            ChatThread stale = v1.withMessage(Message.user("b")
                    .withAttachment(declared(FileSamples.pdf(), "late.pdf", "application/pdf")));
            assertThat(catchThrowable(() -> store.save(stale, files))).isInstanceOf(ConcurrentUpdateException.class);

            assertThat(files.fileCount()).as("the file stored for the failed save is deleted").isZero();
            assertThat(store.get("conflict").orElseThrow().title()).isEqualTo("someone else was faster");
        }
    }

    @Test
    default void aFullFileStoreFailsTheSaveAndLeavesNothing() {
        try (ThreadStore store = newStore();
             FailingFileStore files = failingOn("b.txt", () -> new StorageFullException("no room for b.txt"))) {
            Message message = Message.user("big").withAttachment(declared(FileSamples.png(), "a.png", "image/png"))
                    .withAttachment(declared(FileSamples.text("x".repeat(450)), "b.txt", "text/plain"));

            Throwable failure = catchThrowable(() -> store.save(thread("full", message), files));

            assertThat(failure).isSameAs(files.thrown()).isInstanceOf(StorageFullException.class);
            assertThat(store.get("full")).isEmpty();
            assertThat(files.fileCount()).isZero();
        }
    }

    @Test
    default void aThreadWithoutPendingAttachmentsNeedsNoFileStoreWork() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread saved = store.save(thread("plain", Message.user("no files")), files);

            assertThat(saved.version()).isEqualTo(1);
            assertThat(store.get("plain")).contains(saved);
            assertThat(files.fileCount()).isZero();
        }
    }

    @Test
    default void deletingAThreadWithItsFileStoreRemovesItsFiles() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            store.save(thread("gone", Message.user("a").withAttachment(declared(FileSamples.pdf(), "a.pdf", "application/pdf")),
                    Message.user("b").withAttachment(declared(FileSamples.png(), "b.png", "image/png"))), files);
            ChatThread other = store.save(thread("stays", Message.user("c")
                    .withAttachment(declared(FileSamples.gif(), "c.gif", "image/gif"))), files);

            assertThat(store.delete("gone", files)).isTrue();

            assertThat(store.get("gone")).isEmpty();
            Attachment kept = other.messages().get(0).attachments().get(0);
            assertThat(files.listFiles()).containsExactly(kept.storagePath());
            assertThat(store.delete("gone", files)).as("second delete").isFalse();
            assertThat(store.delete("never-existed", files)).isFalse();
            assertThat(files.get(requireNonNull(kept.fileId()), requireNonNull(kept.storagePath()))).isEqualTo(FileSamples.gif());
        }
    }

    @Test
    default void concurrentSavesWithAttachmentsStoreEveryFileOnce() throws Exception {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            Workers.run(6, w -> store.save(thread("c" + w, Message.user("m")
                    .withAttachment(declared(FileSamples.text("worker " + w), "w" + w + ".txt", "text/plain"))), files));

            assertThat(files.fileCount()).isEqualTo(6);
            for (int w = 0; w < 6; w++) {
                Attachment a = store.get("c" + w).orElseThrow().messages().get(0).attachments().get(0);
                assertThat(files.get(requireNonNull(a.fileId()), requireNonNull(a.storagePath()))).isEqualTo(FileSamples.text("worker " + w));
            }
        }
    }
}
