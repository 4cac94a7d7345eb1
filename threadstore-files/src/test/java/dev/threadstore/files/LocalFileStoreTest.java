package dev.threadstore.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.FileStore;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoredFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStoreTest {

    @TempDir
    Path dir;

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void filesLandInShardDirectoriesUnderTheBase() {
        Path base = dir.resolve("files");
        try (FileStore files = FileStore.create(base.toString())) {
            StoredFile stored = files.save(text("hello"), "greeting.TXT", null);

            assertThat(stored.storageBackend()).isEqualTo("local");
            assertThat(stored.storagePath()).matches("[0-9a-f]{2}/[0-9a-f-]{34}\\.txt");
            assertThat(base.resolve(stored.storagePath())).hasContent("hello");
        }
    }

    @Test
    void openingSweepsTemporaryFilesAKilledWriterLeftButNotOnesInProgress() throws IOException {
        Path shard = Files.createDirectories(dir.resolve("ab"));
        Path abandoned = Files.write(shard.resolve(".cdef.txt.1111.tmp"), text("half a file"));
        Files.setLastModifiedTime(abandoned, FileTime.from(
                Instant.now().minus(LocalFileStore.ABANDONED_AFTER).minusSeconds(60)));
        Path inProgress = Files.write(shard.resolve(".cdef.txt.2222.tmp"), text("being written"));

        try (FileStore files = FileStore.create(dir.toString())) {
            assertThat(files.fileCount()).isZero();
        }

        assertThat(abandoned).doesNotExist();
        assertThat(inProgress).exists();
    }

    @Test
    void aPlainRelativePathAndAFileUrlBothWork() throws IOException {
        try (FileStore files = FileStore.create("file://" + dir.resolve("url dir").toString().replace(" ", "%20"))) {
            files.save(text("a"), "a.txt", null);
        }
        assertThat(dir.resolve("url dir")).isDirectory();
    }

    @Test
    void aSymbolicLinkedShardCannotLeadReadsOrWritesOutside() throws IOException {
        Path base = dir.resolve("files");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        try (FileStore files = FileStore.create(base.toString())) {
            StoredFile stored = files.save(text("inside"), "a.txt", null);
            String shard = stored.storagePath().substring(0, 2);
            Path shardDir = base.resolve(shard);
            Files.move(base.resolve(stored.storagePath()), outside.resolve(stored.storagePath().substring(3)));
            Files.delete(shardDir);
            Files.createSymbolicLink(shardDir, outside);

            assertThatThrownBy(() -> files.get(stored.id(), stored.storagePath()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
            assertThatThrownBy(() -> files.delete(stored.id(), stored.storagePath()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(outside.resolve(stored.storagePath().substring(3))).hasContent("inside");
            assertThat(files.fileCount()).as("a linked shard is not the store's").isZero();
        }
    }

    @Test
    void aSymbolicLinkedFileIsNeitherReadNorCounted() throws IOException {
        Path base = dir.resolve("files");
        Path secret = Files.writeString(dir.resolve("secret.txt"), "secret");
        try (FileStore files = FileStore.create(base.toString())) {
            StoredFile stored = files.save(text("inside"), "a.txt", null);
            Path file = base.resolve(stored.storagePath());
            Files.delete(file);
            Files.createSymbolicLink(file, secret);

            assertThatThrownBy(() -> files.get(stored.id(), stored.storagePath()))
                    .isInstanceOf(dev.threadstore.StoredFileNotFoundException.class);
            assertThatThrownBy(() -> files.delete(stored.id(), stored.storagePath()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(files.fileCount()).isZero();
            assertThat(secret).hasContent("secret");
        }
    }

    @Test
    void temporaryAndForeignFilesAreNeverCountedOrListed() throws IOException {
        Path base = dir.resolve("files");
        try (FileStore files = FileStore.create(base.toString())) {
            StoredFile stored = files.save(text("real"), "a.txt", null);
            Path shard = base.resolve(stored.storagePath()).getParent();
            Files.writeString(shard.resolve("." + stored.storagePath().substring(3) + ".1234.tmp"), "half-written");
            Files.writeString(base.resolve(".DS_Store"), "junk");
            Files.writeString(shard.resolve("notes.txt"), "junk");
            Files.createDirectories(base.resolve("zz"));

            assertThat(files.fileCount()).isEqualTo(1);
            assertThat(files.storageSize()).isEqualTo(4);
            assertThat(files.listFiles()).containsExactly(stored.storagePath());
        }
    }

    @Test
    void noTemporaryFileIsLeftAfterSavesOrAHealthCheck() throws IOException {
        Path base = dir.resolve("files");
        try (FileStore files = FileStore.create(base.toString())) {
            for (int i = 0; i < 20; i++) {
                files.save(text("file " + i), "f" + i + ".txt", null);
            }
            files.checkHealth();
            try (Stream<Path> all = Files.walk(base)) {
                assertThat(all.filter(Files::isRegularFile).filter(p -> !p.getParent().equals(base))
                        .map(p -> p.getFileName().toString()))
                        .hasSize(20).noneMatch(name -> name.startsWith(".") || name.endsWith(".tmp"));
            }
            try (Stream<Path> top = Files.list(base)) {
                assertThat(top.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                        .as("only the usage ledger and its lock sit in the base directory")
                        .containsExactlyInAnyOrder(UsageLedger.LEDGER, UsageLedger.LOCK);
            }
        }
    }

    @Test
    void aFailedWriteLeavesNoFileAndReleasesItsReservation() throws IOException {
        Path base = dir.resolve("files");
        try (FileStore files = FileStore.create(base.toString(), Map.of("maxStorageSize", "10"))) {
            // every shard name taken by a regular file: whatever id the next save picks, its directory cannot be made
            for (int i = 0; i < 256; i++) {
                Files.writeString(base.resolve(String.format("%02x", i)), "blocker");
            }
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> files.save(text("12345"), "b.txt", null))
                        .isInstanceOf(dev.threadstore.StorageException.class)
                        .hasMessageContaining("Could not store");
            }
            for (int i = 0; i < 256; i++) {
                Files.delete(base.resolve(String.format("%02x", i)));
            }

            files.save(text("12345"), "c.txt", null);
            files.save(text("67890"), "d.txt", null);

            assertThat(files.storageSize()).as("the failed saves reserved nothing").isEqualTo(10);
            assertThat(files.listFiles()).hasSize(2);
            try (Stream<Path> all = Files.walk(base)) {
                assertThat(all.filter(Files::isRegularFile).filter(p -> !p.getParent().equals(base))).hasSize(2);
            }
        }
    }

    @Test
    void aBaseDirectoryThatIsAFileFailsFastWithStorageValidation() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");

        assertThatThrownBy(() -> FileStore.create(blocker.toString()))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("Storage validation failed for file store directory");
    }

    @Test
    void aUrlWithAHostOrNoDirectoryIsRejected() {
        assertThatThrownBy(() -> FileStore.create("file://server/share")).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("server");
        assertThatThrownBy(() -> FileStore.create("file:")).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("no directory");
    }

    @Test
    void theDefaultDirectoryComesFromTylerFileStoragePath() {
        Path fromEnv = dir.resolve("from-env");
        var uri = dev.threadstore.spi.StoreEnvironment.fileStoreUri(Map.of("TYLER_FILE_STORAGE_PATH", fromEnv.toString()), null);
        try (FileStore files = new LocalFileStoreProvider().open(uri)) {
            files.save(text("x"), "x.txt", null);
        }
        assertThat(fromEnv).isDirectory();
        assertThat(LocalFileStoreSettings.from(dev.threadstore.spi.StoreEnvironment.fileStoreUri(Map.of(), null)).baseDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".threadstore", "files"));
        assertThat(LocalFileStoreSettings.from(dev.threadstore.spi.StoreUri.parse("~/tyfs")).baseDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), "tyfs"));
    }

    @Test
    void theDefaultAllowListIsTylers() {
        LocalFileStoreSettings settings = LocalFileStoreSettings.from(dev.threadstore.spi.StoreUri.parse(dir.toString()));
        assertThat(settings.allowedMimeTypes()).hasSize(24).contains("application/pdf", "audio/x-m4a", "image/svg+xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(settings.maxFileSize()).isEqualTo(50L * 1024 * 1024);
        assertThat(settings.maxStorageSize()).isEqualTo(5L * 1024 * 1024 * 1024);
    }

    @Test
    void theExtensionIsTheLastSafeSuffixOfTheLastPathSegment() {
        assertThat(LocalFileStore.extension("a.tar.gz")).isEqualTo("gz");
        assertThat(LocalFileStore.extension("Photo.JPEG")).isEqualTo("jpeg");
        assertThat(LocalFileStore.extension(".bashrc")).isEmpty();
        assertThat(LocalFileStore.extension("dir.d/file")).isEmpty();
        assertThat(LocalFileStore.extension("a\\b.c\\d")).isEmpty();
        assertThat(LocalFileStore.extension("x.t\u0000t")).isEmpty();
        assertThat(LocalFileStore.extension("x.../")).isEmpty();
        assertThat(LocalFileStore.extension("x.abcdefghijklmnopq")).as("17 characters").isEmpty();
        assertThat(LocalFileStore.extension("x.é")).isEmpty();
    }

    private LocalFileStore openWithSync(Path base, LocalFileStore.DirectorySync sync) {
        return LocalFileStore.open(new LocalFileStoreSettings(base, LocalFileStoreSettings.DEFAULT_MAX_FILE_SIZE,
                LocalFileStoreSettings.DEFAULT_MAX_STORAGE_SIZE, LocalFileStoreSettings.DEFAULT_ALLOWED_MIME_TYPES), sync);
    }

    @Test
    void theShardDirectoryIsForcedAfterTheRenameAndTheBaseWhenTheShardIsNew() throws IOException {
        Path base = dir.resolve("files");
        java.util.List<String> forced = new java.util.ArrayList<>();
        try (LocalFileStore files = openWithSync(base, directory -> {
            try (Stream<Path> entries = Files.list(directory)) {
                forced.add(base.toRealPath().relativize(directory.toRealPath()) + " holding "
                        + entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
            }
        })) {
            StoredFile stored = files.save(text("durable"), "a.txt", null);

            String shard = stored.storagePath().substring(0, 2);
            String name = stored.storagePath().substring(3);
            assertThat(forced).as("the base once the new shard exists, then the shard once the file has its final name")
                    .containsExactly(" holding [" + shard + "]", shard + " holding [" + name + "]");
        }
    }

    @Test
    void aSaveWhoseDirectoryCannotBeForcedFailsAndLeavesNoFile() {
        Path base = dir.resolve("files");
        try (LocalFileStore files = openWithSync(base, directory -> {
            throw new IOException("fsync refused");
        })) {
            assertThatThrownBy(() -> files.save(text("x"), "a.txt", null))
                    .isInstanceOf(dev.threadstore.StorageException.class).hasMessageContaining("fsync refused");

            assertThat(files.listFiles()).isEmpty();
            assertThat(files.storageSize()).isZero();
        }
    }

    @Test
    void anInterruptedSaveSaysSoAndKeepsTheInterruptStatus() {
        try (FileStore files = FileStore.create(dir.resolve("files").toString())) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> files.save(text("x"), "a.txt", null))
                        .isInstanceOf(dev.threadstore.StorageException.class).hasMessageContaining("interrupted")
                        .hasMessageNotContaining("disk is not full");
                assertThat(Thread.currentThread().isInterrupted()).as("the interrupt status is kept").isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(files.listFiles()).isEmpty();
            files.save(text("after"), "b.txt", null);
            assertThat(files.fileCount()).isEqualTo(1);
        }
    }

    @Test
    void savingIntoASymbolicLinkedShardIsAStorageError() throws IOException {
        Path base = dir.resolve("files");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        try (FileStore files = FileStore.create(base.toString())) {
            for (int i = 0; i < 256; i++) {
                Files.createSymbolicLink(base.resolve(String.format("%02x", i)), outside);
            }

            assertThatThrownBy(() -> files.save(text("x"), "a.txt", null))
                    .isInstanceOf(dev.threadstore.StorageException.class).hasMessageContaining("symbolic link");

            try (Stream<Path> leaked = Files.list(outside)) {
                assertThat(leaked).as("nothing written outside the store").isEmpty();
            }
        }
    }

    @Test
    void filesAreListedWithTheirIdsAndAgesForOrphanCollection() throws IOException {
        Path base = dir.resolve("files");
        try (FileStore files = FileStore.create(base.toString())) {
            StoredFile old = files.save(text("old"), "old.txt", null);
            Files.setLastModifiedTime(base.resolve(old.storagePath()), FileTime.from(Instant.now().minusSeconds(7200)));
            files.save(text("new"), "new.txt", null);

            assertThat(files.listFilesStoredBefore(Instant.now().minusSeconds(3600))).singleElement().satisfies(entry -> {
                assertThat(entry.fileId()).isEqualTo(old.id());
                assertThat(entry.storagePath()).isEqualTo(old.storagePath());
                assertThat(entry.size()).isEqualTo(3);
            });
            assertThat(files.listFilesStoredBefore(Instant.now())).hasSize(2);
        }
    }
}
