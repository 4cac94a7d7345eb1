package dev.threadstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.FileTooLargeException;
import dev.threadstore.StorageFullException;
import dev.threadstore.StoredFile;
import dev.threadstore.StoredFileNotFoundException;
import dev.threadstore.tck.FileStoreContract.FileSamples;
import org.junit.jupiter.api.Test;

/** The TCK's in-memory file store does what its javadoc says: typing, limits, paths, close. */
class InMemoryFileStoreTest {

    @Test
    void aDeclaredTypeIsTrustedAndNormalisedAndOtherwiseAFewSignaturesAreSniffed() {
        try (InMemoryFileStore files = new InMemoryFileStore()) {
            assertThat(files.save(FileSamples.png(), "a.bin", " Text/CSV; charset=utf-8").mimeType()).isEqualTo("text/csv");
            assertThat(files.save(FileSamples.pdf(), "x", null).mimeType()).isEqualTo("application/pdf");
            assertThat(files.save(FileSamples.png(), "x", null).mimeType()).isEqualTo("image/png");
            assertThat(files.save(FileSamples.jpeg(), "x", null).mimeType()).isEqualTo("image/jpeg");
            assertThat(files.save(FileSamples.gif(), "x", null).mimeType()).isEqualTo("image/gif");
            assertThat(files.save(FileSamples.webp(), "x", null).mimeType()).isEqualTo("image/webp");
            assertThat(files.save(FileSamples.zip(), "x", null).mimeType()).isEqualTo("application/zip");
            assertThat(files.save(FileSamples.gzip(), "x", null).mimeType()).isEqualTo("application/gzip");
            assertThat(files.save(FileSamples.mp3(), "x", null).mimeType()).isEqualTo("audio/mpeg");
            assertThat(files.save(FileSamples.text("{}"), "d.JSON", null).mimeType()).isEqualTo("application/json");
            assertThat(files.save(FileSamples.text("a,b"), "t.csv", null).mimeType()).isEqualTo("text/csv");
            assertThat(files.save(FileSamples.text("words ✓"), "t", null).mimeType()).isEqualTo("text/plain");
            assertThat(files.save(new byte[] {0, 1, (byte) 200}, "b", null).mimeType()).isEqualTo("application/octet-stream");
            assertThatThrownBy(() -> files.save(new byte[1], "x", "not a type")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a type");
        }
    }

    @Test
    void savedFilesComeBackAndDeleteRemovesThem() {
        try (InMemoryFileStore files = new InMemoryFileStore()) {
            byte[] content = FileSamples.pdf();
            StoredFile a = files.save(content, "a.pdf", null);
            content[0] = 'X';

            assertThat(files.get(a.id(), a.storagePath())).as("the bytes were copied in").isEqualTo(FileSamples.pdf());
            assertThat(a.storageBackend()).isEqualTo("memory");
            assertThat(files.listFiles()).containsExactly(a.storagePath());
            assertThat(files.storageSize()).isEqualTo(a.size());
            assertThatThrownBy(() -> files.get(a.id(), "mem/other")).isInstanceOf(IllegalArgumentException.class);
            assertThat(files.delete(a.id(), a.storagePath())).isTrue();
            assertThat(files.delete(a.id(), a.storagePath())).isFalse();
            assertThatThrownBy(() -> files.get(a.id(), a.storagePath())).isInstanceOf(StoredFileNotFoundException.class);
            assertThat(files.fileCount()).isZero();
            assertThat(files.checkHealth().healthy()).isTrue();
        }
    }

    @Test
    void limitsAreEnforcedAndNothingIsKeptFromARefusedSave() {
        try (InMemoryFileStore files = new InMemoryFileStore(10, 15)) {
            assertThatThrownBy(() -> files.save(new byte[11], "big", "application/octet-stream"))
                    .isInstanceOf(FileTooLargeException.class).hasMessageContaining("big");
            files.save(new byte[10], "ten", "application/octet-stream");
            assertThatThrownBy(() -> files.save(new byte[6], "six", "application/octet-stream"))
                    .isInstanceOf(StorageFullException.class).hasMessageContaining("six");
            assertThat(files.fileCount()).isEqualTo(1);
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        InMemoryFileStore files = new InMemoryFileStore();
        StoredFile a = files.save(new byte[1], "a", "application/octet-stream");
        files.close();
        files.close();

        assertThatThrownBy(() -> files.save(new byte[1], "b", null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> files.get(a.id(), a.storagePath())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(files::fileCount).isInstanceOf(IllegalStateException.class);
    }
}
