package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.ThreadJson;
import dev.threadstore.ThreadStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attachments by reference, or with their bytes (export --with-files, import --files), and info --files. */
class AttachmentFilesTest {

    private static final byte[] BYTES = "%PDF-1.7 the bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void withFilesCarriesTheBytesIntoTheTargetFileStore() {
        String source = "sqlite:" + dir.resolve("source.db");
        String sourceFiles = "file://" + dir.resolve("files-a");
        String target = "sqlite:" + dir.resolve("target.db");
        String targetFiles = "file://" + dir.resolve("files-b");
        try (ThreadStore store = ThreadStore.create(source); FileStore files = FileStore.create(sourceFiles)) {
            store.save(ChatThread.builder().id("with-file").build()
                    .withMessage(Message.user("see attached").withAttachment(Attachment.of(BYTES, "doc.pdf", "application/pdf"))),
                    files);
        }

        Cli.Result byReference = Cli.run("export", source);
        Cli.Result withBytes = Cli.run("export", source, "--files", sourceFiles, "--with-files");
        Cli.Result imported = Cli.run(withBytes.out(), Map.of(), "import", target, "--files", targetFiles);
        Cli.Result again = Cli.run(withBytes.out(), Map.of(), "import", target, "--files", targetFiles);
        Cli.Result info = Cli.run("info", target, "--files", targetFiles);

        assertThat(byReference.out()).contains("\"status\":\"stored\"", "\"content\":null");
        assertThat(withBytes.code()).as(withBytes.err()).isZero();
        assertThat(ThreadJson.read(withBytes.out().strip()).messages().get(0).attachments().get(0).content())
                .isEqualTo(BYTES);
        assertThat(withBytes.out()).contains("\"content\":\"" + Base64.getEncoder().encodeToString(BYTES) + "\"");
        assertThat(imported.code()).as(imported.err()).isZero();
        try (ThreadStore store = ThreadStore.create(target); FileStore files = FileStore.create(targetFiles)) {
            Attachment stored = store.get("with-file").orElseThrow().messages().get(0).attachments().get(0);
            assertThat(stored.status()).isEqualTo(AttachmentStatus.STORED);
            assertThat(files.get(stored.fileId(), stored.storagePath())).isEqualTo(BYTES);
        }
        assertThat(again.err()).as("the same thread, its file already stored: nothing stored twice")
                .contains("0 imported, 1 unchanged");
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("healthy, 1 files");
    }
}
