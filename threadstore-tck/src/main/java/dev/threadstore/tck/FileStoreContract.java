package dev.threadstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.threadstore.FileStore;
import dev.threadstore.FileStoreHealth;
import dev.threadstore.FileTooLargeException;
import dev.threadstore.StorageFullException;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoredFile;
import dev.threadstore.StoredFileNotFoundException;
import dev.threadstore.UnsupportedFileTypeException;
import dev.threadstore.spi.StoreEnvironment;
import dev.threadstore.spi.StoreProviders;
import dev.threadstore.spi.StoreUri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a {@link FileStore}: what {@code save} returns, the limits ({@code maxFileSize},
 * {@code maxStorageSize}, the MIME allow-list) and where they come from (the URL, then the
 * {@code TYLER_*} environment, then the defaults), MIME detection (content first, extension second),
 * path safety, concurrent saves, counting and health.
 *
 * <p>A file store module's test class implements it and says how to name a store whose files live
 * under a directory:
 *
 * <pre>{@code
 * class LocalFileStoreTckTest implements FileStoreContract {
 *     @Override
 *     public String fileStoreUrl(Path baseDir) {
 *         return baseDir.toUri().toString();   // file:///tmp/junit123/files/
 *     }
 * }
 * }</pre>
 *
 * Every store is opened through the public discovery path ({@link StoreProviders#openFileStore}), so a
 * missing {@code META-INF/services/dev.threadstore.spi.FileStoreProvider} entry fails the contract. The
 * environment is passed as a map, so the tests never depend on the real one.
 */
public interface FileStoreContract {

    /** 50 MiB, the default {@code maxFileSize}. */
    long DEFAULT_MAX_FILE_SIZE = 52_428_800L;

    /**
     * The URL of a store whose files live under the given directory. It must be a URL with a scheme
     * (query parameters are appended to it), not a plain path.
     *
     * @param baseDir an empty directory that does not exist yet; the store may create it
     * @return the store URL, e.g. {@code file:///tmp/junit123/files/}
     */
    String fileStoreUrl(Path baseDir);

    /**
     * Opens a store as {@link FileStore#create(String, Map)} would, with the given environment instead
     * of the real one.
     *
     * @param baseDir where its files live
     * @param urlOptions options written into the URL's query string
     * @param env the environment ({@code TYLER_MAX_FILE_SIZE} …)
     * @return the open store
     */
    default FileStore newFileStore(Path baseDir, Map<String, String> urlOptions, Map<String, String> env) {
        String url = fileStoreUrl(baseDir);
        if (!urlOptions.isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + urlOptions.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        }
        StoreUri uri = StoreEnvironment.fileStoreUri(env, url);
        return StoreProviders.openFileStore(uri);
    }

    /** Opens a store with default limits under the given directory. */
    default FileStore newFileStore(Path baseDir) {
        return newFileStore(baseDir, Map.of(), Map.of());
    }

    // ---------------------------------------------------------------------------------------------
    // save, get, delete

    @Test
    default void savedBytesComeBackWithTheirMetadata(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            byte[] pdf = FileSamples.pdf();

            StoredFile stored = files.save(pdf, "Quarterly report.pdf", null);

            assertThat(stored.filename()).isEqualTo("Quarterly report.pdf");
            assertThat(stored.mimeType()).isEqualTo("application/pdf");
            assertThat(stored.size()).isEqualTo(pdf.length);
            assertThat(stored.sha256()).isEqualTo(sha256(pdf));
            assertThat(stored.storageBackend()).isNotBlank();
            assertThat(stored.storagePath()).as("shard layout <id[0:2]>/<id[2:]>.<ext>")
                    .isEqualTo(stored.id().substring(0, 2) + "/" + stored.id().substring(2) + ".pdf");
            assertThat(files.get(stored.id(), stored.storagePath())).isEqualTo(pdf);
        }
    }

    @Test
    default void everySaveGetsANewId(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            StoredFile a = files.save(FileSamples.text("same"), "same.txt", null);
            StoredFile b = files.save(FileSamples.text("same"), "same.txt", null);

            assertThat(a.id()).isNotEqualTo(b.id());
            assertThat(a.storagePath()).isNotEqualTo(b.storagePath());
            assertThat(files.fileCount()).isEqualTo(2);
        }
    }

    @Test
    default void anEmptyFileCanBeStored(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            StoredFile stored = files.save(new byte[0], "empty.txt", null);

            assertThat(stored.size()).isZero();
            assertThat(stored.mimeType()).isEqualTo("text/plain");
            assertThat(stored.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            assertThat(files.get(stored.id(), stored.storagePath())).isEmpty();
        }
    }

    @Test
    default void deleteRemovesTheFileOnceAndThenReportsItGone(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            StoredFile stored = files.save(FileSamples.png(), "cat.png", null);

            assertThat(files.delete(stored.id(), stored.storagePath())).isTrue();
            assertThat(files.delete(stored.id(), stored.storagePath())).as("second delete").isFalse();
            assertThat(files.fileCount()).isZero();
            assertThatThrownBy(() -> files.get(stored.id(), stored.storagePath()))
                    .isInstanceOf(StoredFileNotFoundException.class)
                    .hasMessageContaining(stored.id());
        }
    }

    @Test
    default void countsSizesAndListsOnlyStoredFiles(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            assertThat(files.fileCount()).isZero();
            assertThat(files.storageSize()).isZero();
            assertThat(files.listFiles()).isEmpty();

            StoredFile a = files.save(FileSamples.pdf(), "a.pdf", null);
            StoredFile b = files.save(FileSamples.text("hello, world"), "b.txt", null);
            StoredFile c = files.save(FileSamples.png(), "c.png", null);
            files.delete(c.id(), c.storagePath());

            assertThat(files.fileCount()).as("files only, never directories").isEqualTo(2);
            assertThat(files.storageSize()).isEqualTo(a.size() + b.size());
            assertThat(files.listFiles()).containsExactlyInAnyOrder(a.storagePath(), b.storagePath());
        }
    }

    @Test
    default void returnedBytesAreACopy(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            byte[] content = FileSamples.text("original");
            StoredFile stored = files.save(content, "o.txt", null);
            content[0] = 'X';
            files.get(stored.id(), stored.storagePath())[1] = 'Y';

            assertThat(files.get(stored.id(), stored.storagePath())).isEqualTo(FileSamples.text("original"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // limits

    @Test
    default void aFileOfExactlyMaxFileSizeIsAcceptedAndOneByteMoreIsNot(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"), Map.of("maxFileSize", "100"), Map.of())) {
            files.save(FileSamples.text("x".repeat(100)), "limit.txt", null);

            assertThatThrownBy(() -> files.save(FileSamples.text("x".repeat(101)), "too-big.txt", null))
                    .isInstanceOf(FileTooLargeException.class)
                    .hasMessageContaining("too-big.txt").hasMessageContaining("101").hasMessageContaining("100")
                    .hasMessageContaining("maxFileSize");
            assertThat(files.fileCount()).isEqualTo(1);
        }
    }

    @Test
    default void sizeIsCheckedBeforeType(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"), Map.of("maxFileSize", "10"), Map.of())) {
            assertThatThrownBy(() -> files.save(FileSamples.executable(64), "big.exe", null))
                    .isInstanceOf(FileTooLargeException.class);
        }
    }

    @Test
    default void storageFullIsReachedAtMaxStorageSizeNotBefore(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"), Map.of("maxStorageSize", "100"), Map.of())) {
            files.save(FileSamples.text("a".repeat(60)), "a.txt", null);
            files.save(FileSamples.text("b".repeat(40)), "b.txt", null);

            assertThatThrownBy(() -> files.save(FileSamples.text("c"), "c.txt", null))
                    .isInstanceOf(StorageFullException.class)
                    .hasMessageContaining("c.txt").hasMessageContaining("100").hasMessageContaining("maxStorageSize");
            assertThat(files.fileCount()).isEqualTo(2);
            assertThat(files.storageSize()).isEqualTo(100);
        }
    }

    @Test
    default void deletingFreesStorageForNewFiles(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"), Map.of("maxStorageSize", "100"), Map.of())) {
            StoredFile a = files.save(FileSamples.text("a".repeat(100)), "a.txt", null);
            files.delete(a.id(), a.storagePath());

            files.save(FileSamples.text("b".repeat(100)), "b.txt", null);

            assertThat(files.storageSize()).isEqualTo(100);
        }
    }

    @Test
    default void aMaxStorageSizeOfZeroMeansNoLimit(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"), Map.of("maxStorageSize", "0"), Map.of())) {
            files.save(FileSamples.text("a".repeat(1000)), "a.txt", null);

            assertThat(files.fileCount()).isEqualTo(1);
        }
    }

    @Test
    default void theStorageLimitHoldsUnderConcurrentSaves(@TempDir Path dir) throws Exception {
        try (FileStore files = newFileStore(dir.resolve("files"), Map.of("maxStorageSize", "1000"), Map.of())) {
            AtomicInteger full = new AtomicInteger();
            Workers.run(20, w -> {
                try {
                    return files.save(FileSamples.text("y".repeat(100)), "w" + w + ".txt", null);
                } catch (StorageFullException e) {
                    full.incrementAndGet();
                    return null;
                }
            });

            assertThat(files.fileCount()).as("exactly the files that fit").isEqualTo(10);
            assertThat(full.get()).isEqualTo(10);
            assertThat(files.storageSize()).isEqualTo(1000);
        }
    }

    @Test
    default void concurrentSavesAllLandWithDistinctIds(@TempDir Path dir) throws Exception {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            List<@Nullable Object> results = Workers.run(8, w -> {
                Set<StoredFile> mine = new HashSet<>();
                for (int i = 0; i < 25; i++) {
                    mine.add(files.save(FileSamples.text("worker " + w + " file " + i), "w" + w + "-" + i + ".txt", null));
                }
                return mine;
            });

            Set<String> ids = new HashSet<>();
            for (Object r : results) {
                for (Object o : (Set<?>) r) {
                    StoredFile f = (StoredFile) o;
                    ids.add(f.id());
                    assertThat(new String(files.get(f.id(), f.storagePath()), StandardCharsets.UTF_8))
                            .isEqualTo("worker " + f.filename().substring(1, f.filename().indexOf('-')) + " file "
                                    + f.filename().substring(f.filename().indexOf('-') + 1, f.filename().indexOf('.')));
                }
            }
            assertThat(ids).hasSize(200);
            assertThat(files.fileCount()).isEqualTo(200);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // where the limits come from

    @Test
    default void theUrlWinsOverTheEnvironmentWhichWinsOverTheDefault(@TempDir Path dir) {
        Map<String, String> env = Map.of("TYLER_MAX_FILE_SIZE", "10");
        try (FileStore fromEnv = newFileStore(dir.resolve("env"), Map.of(), env);
             FileStore fromUrl = newFileStore(dir.resolve("url"), Map.of("maxFileSize", "20"), env);
             FileStore fromDefault = newFileStore(dir.resolve("default"), Map.of(), Map.of())) {
            byte[] fifteen = FileSamples.text("x".repeat(15));

            assertThatThrownBy(() -> fromEnv.save(fifteen, "f.txt", null)).isInstanceOf(FileTooLargeException.class);
            assertThat(fromUrl.save(fifteen, "f.txt", null).size()).isEqualTo(15);
            assertThat(fromDefault.save(FileSamples.text("x".repeat(1 << 20)), "f.txt", null).size()).isEqualTo(1 << 20);
        }
    }

    @Test
    default void theDefaultMaxFileSizeIs50MiB(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            Throwable tooLarge = catchThrowable(() -> files.save(new byte[(int) DEFAULT_MAX_FILE_SIZE + 1], "big.bin", null));

            assertThat(tooLarge).isInstanceOf(FileTooLargeException.class).hasMessageContaining("52428800");
        }
    }

    @Test
    default void storageSizeAndMimeTypesComeFromTheEnvironmentUnlessTheUrlSaysOtherwise(@TempDir Path dir) {
        Map<String, String> env = Map.of("TYLER_MAX_STORAGE_SIZE", "100", "TYLER_ALLOWED_MIME_TYPES", " image/png , text/plain ");
        try (FileStore fromEnv = newFileStore(dir.resolve("env"), Map.of(), env);
             FileStore fromUrl = newFileStore(dir.resolve("url"),
                     Map.of("maxStorageSize", "0", "allowedMimeTypes", "application/pdf"), env)) {
            assertThat(fromEnv.save(FileSamples.png(), "p.png", null).size()).isEqualTo(70);
            assertThatThrownBy(() -> fromEnv.save(FileSamples.pdf(), "d.pdf", null))
                    .isInstanceOf(UnsupportedFileTypeException.class)
                    .hasMessageContaining("d.pdf").hasMessageContaining("application/pdf");
            assertThatThrownBy(() -> fromEnv.save(FileSamples.text("z".repeat(31)), "t.txt", null))
                    .isInstanceOf(StorageFullException.class);

            fromUrl.save(FileSamples.pdf(), "d.pdf", null);
            assertThatThrownBy(() -> fromUrl.save(FileSamples.png(), "p.png", null))
                    .isInstanceOf(UnsupportedFileTypeException.class);
        }
    }

    @Test
    default void invalidLimitsFailAtOpenNamingTheSetting(@TempDir Path dir) {
        assertThatThrownBy(() -> newFileStore(dir.resolve("a"), Map.of(), Map.of("TYLER_MAX_FILE_SIZE", "lots")))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("maxFileSize");
        assertThatThrownBy(() -> newFileStore(dir.resolve("b"), Map.of("maxStorageSize", "-1"), Map.of()))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("maxStorageSize");
        assertThatThrownBy(() -> newFileStore(dir.resolve("c"), Map.of(), Map.of("TYLER_ALLOWED_MIME_TYPES", "text/plain,pdf")))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("pdf");
        assertThatThrownBy(() -> newFileStore(dir.resolve("d"), Map.of("allowedMimeTypes", "text/plain,"), Map.of()))
                .isInstanceOf(StoreConfigurationException.class);
        assertThatThrownBy(() -> newFileStore(dir.resolve("e"), Map.of("maxFileSise", "10"), Map.of()))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("maxFileSise");
    }

    @Test
    default void aDirectoryThatCannotBeCreatedFailsAtOpen(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");

        assertThatThrownBy(() -> newFileStore(blocker.resolve("files")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("a-file");
    }

    // ---------------------------------------------------------------------------------------------
    // MIME types

    @Test
    default void theDefaultAllowListTakesDocumentsImagesArchivesAndAudio(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            Map<String, byte[]> accepted = Map.of(
                    "application/pdf", FileSamples.pdf(), "image/png", FileSamples.png(),
                    "image/jpeg", FileSamples.jpeg(), "image/gif", FileSamples.gif(), "image/webp", FileSamples.webp(),
                    "application/json", FileSamples.text("{\"a\": [1, 2]}"), "text/plain", FileSamples.text("plain words"),
                    "application/zip", FileSamples.zip(), "application/gzip", FileSamples.gzip(),
                    "audio/mpeg", FileSamples.mp3());
            accepted.forEach((mime, content) ->
                    assertThat(files.save(content, "noextension", null).mimeType()).as(mime).isEqualTo(mime));
        }
    }

    @Test
    default void typesOutsideTheAllowListAreRejectedAndNothingIsStored(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            assertThatThrownBy(() -> files.save(FileSamples.executable(64), "setup.exe", null))
                    .isInstanceOf(UnsupportedFileTypeException.class).hasMessageContaining("setup.exe");
            assertThatThrownBy(() -> files.save(FileSamples.executable(64), "harmless.txt", "text/plain"))
                    .as("a declared type does not override the content's signature")
                    .isInstanceOf(UnsupportedFileTypeException.class);
            assertThatThrownBy(() -> files.save(new byte[] {0, 1, 2, 3, 4, (byte) 200}, "blob", null))
                    .as("unknown binary").isInstanceOf(UnsupportedFileTypeException.class)
                    .hasMessageContaining("application/octet-stream");
            assertThat(files.fileCount()).isZero();
        }
    }

    @Test
    default void theContentDecidesBeforeTheExtension(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            assertThat(files.save(FileSamples.png(), "actually-an-image.pdf", null).mimeType()).isEqualTo("image/png");
            assertThat(files.save(FileSamples.text("just words"), "not-really.pdf", null).mimeType()).isEqualTo("text/plain");
            assertThat(files.save(FileSamples.pdf(), "report.txt", "image/png").mimeType()).isEqualTo("application/pdf");
        }
    }

    @Test
    default void theExtensionOrDeclaredTypeNarrowsTextAndContainers(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            assertThat(files.save(FileSamples.text("a,b\n1,2\n"), "table.csv", null).mimeType()).isEqualTo("text/csv");
            assertThat(files.save(FileSamples.text("a,b\n1,2\n"), "table", "text/csv; charset=utf-8").mimeType())
                    .isEqualTo("text/csv");
            assertThat(files.save(FileSamples.text("{}"), "data.JSON", null).mimeType()).isEqualTo("application/json");
            assertThat(files.save(FileSamples.svg(), "logo", null).mimeType()).isEqualTo("image/svg+xml");
            assertThat(files.save(FileSamples.zip(), "letter.docx", null).mimeType())
                    .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            assertThat(files.save(FileSamples.mp3(), "voice.mp3", "audio/mp3").mimeType()).isEqualTo("audio/mp3");
        }
    }

    @Test
    default void aMalformedDeclaredTypeIsRejected(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            assertThatThrownBy(() -> files.save(FileSamples.text("x"), "x.txt", "not a mime type"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a mime type");
        }
    }

    @Test
    default void wildcardsInTheAllowListMatchWholeFamilies(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"), Map.of("allowedMimeTypes", "image/*"), Map.of())) {
            files.save(FileSamples.gif(), "a.gif", null);
            assertThatThrownBy(() -> files.save(FileSamples.pdf(), "a.pdf", null))
                    .isInstanceOf(UnsupportedFileTypeException.class);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // path safety

    @Test
    default void aHostileFileNameCannotPlaceAFileOutsideTheStore(@TempDir Path dir) throws IOException {
        Path base = dir.resolve("files");
        try (FileStore files = newFileStore(base)) {
            for (String name : List.of("../../escape.txt", "/etc/passwd.txt", "..\\..\\escape.txt", "a/../../b.txt",
                    "nul\u0000.txt", "x.t\u0000xt", "x./../../y", "..", ".", "x.txt/..")) {
                StoredFile stored = files.save(FileSamples.text("hostile"), name, "text/plain");

                assertThat(stored.filename()).isEqualTo(name);
                assertThat(stored.storagePath()).as(name).doesNotContain("..").doesNotContain("\\")
                        .doesNotStartWith("/").doesNotContain("\u0000");
                assertThat(files.get(stored.id(), stored.storagePath())).isEqualTo(FileSamples.text("hostile"));
            }
            assertThat(files.fileCount()).isEqualTo(10);
        }
        try (Stream<Path> outside = Files.list(dir)) {
            assertThat(outside).as("nothing next to the store's directory").containsExactly(base);
        }
    }

    @Test
    default void getAndDeleteRefuseStoragePathsThatLeaveTheStoreOrBelongToAnotherFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "do not touch");
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            StoredFile mine = files.save(FileSamples.text("mine"), "mine.txt", null);
            StoredFile other = files.save(FileSamples.text("other"), "other.txt", null);
            String id = mine.id();
            for (String forged : List.of("../secret.txt", "../../secret.txt", secret.toString(), "/etc/passwd",
                    id.substring(0, 2) + "/../../secret.txt", id.substring(0, 2) + "\\" + id.substring(2) + ".txt",
                    mine.storagePath() + "\u0000", mine.storagePath() + "/..", other.storagePath(), "",
                    id.substring(0, 2) + "/" + id.substring(2) + ".txt/../../../secret.txt")) {
                assertThatThrownBy(() -> files.get(id, forged)).as("get " + forged).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> files.delete(id, forged)).as("delete " + forged).isInstanceOf(IllegalArgumentException.class);
            }
            for (String forgedId : List.of("../secret", "..", "/etc/passwd", "x\u0000", other.id().toUpperCase(java.util.Locale.ROOT))) {
                assertThatThrownBy(() -> files.get(forgedId, mine.storagePath())).as("get id " + forgedId)
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> files.delete(forgedId, mine.storagePath())).as("delete id " + forgedId)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(files.get(mine.id(), mine.storagePath())).isEqualTo(FileSamples.text("mine"));
            assertThat(files.get(other.id(), other.storagePath())).isEqualTo(FileSamples.text("other"));
        }
        assertThat(Files.readString(secret)).isEqualTo("do not touch");
    }

    // ---------------------------------------------------------------------------------------------
    // health, nulls, close

    @Test
    default void aWorkingStoreIsHealthyAndReportsItsSize(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            StoredFile a = files.save(FileSamples.pdf(), "a.pdf", null);

            FileStoreHealth health = files.checkHealth();

            assertThat(health.healthy()).isTrue();
            assertThat(health.errors()).isEmpty();
            assertThat(health.fileCount()).isEqualTo(1);
            assertThat(health.totalSize()).isEqualTo(a.size());
            assertThat(files.fileCount()).as("the health probe leaves nothing behind").isEqualTo(1);
        }
    }

    @Test
    // Passes null on purpose: the contract is a NullPointerException naming the argument.
    @SuppressWarnings("NullAway")
    default void nullArgumentsAreRejectedByName(@TempDir Path dir) {
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            StoredFile a = files.save(FileSamples.text("a"), "a.txt", null);

            assertThatThrownBy(() -> files.save(null, "a.txt", null)).isInstanceOf(NullPointerException.class).hasMessageContaining("content");
            assertThatThrownBy(() -> files.save(new byte[1], null, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("filename");
            assertThatThrownBy(() -> files.get(null, a.storagePath())).isInstanceOf(NullPointerException.class).hasMessageContaining("fileId");
            assertThatThrownBy(() -> files.get(a.id(), null)).isInstanceOf(NullPointerException.class).hasMessageContaining("storagePath");
            assertThatThrownBy(() -> files.delete(null, a.storagePath())).isInstanceOf(NullPointerException.class).hasMessageContaining("fileId");
            assertThatThrownBy(() -> files.delete(a.id(), null)).isInstanceOf(NullPointerException.class).hasMessageContaining("storagePath");
        }
    }

    @Test
    default void aClosedStoreRefusesWorkAndClosingTwiceIsFine(@TempDir Path dir) {
        FileStore files = newFileStore(dir.resolve("files"));
        StoredFile a = files.save(FileSamples.text("a"), "a.txt", null);
        files.close();
        files.close();

        assertThatThrownBy(() -> files.save(FileSamples.text("b"), "b.txt", null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> files.get(a.id(), a.storagePath())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> files.delete(a.id(), a.storagePath())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(files::fileCount).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(files::storageSize).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(files::listFiles).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(files::checkHealth).isInstanceOf(IllegalStateException.class);
    }

    @Test
    default void filesSurviveReopeningTheStore(@TempDir Path dir) {
        StoredFile a;
        try (FileStore files = newFileStore(dir.resolve("files"))) {
            a = files.save(FileSamples.pdf(), "a.pdf", null);
        }
        try (FileStore files = newFileStore(dir.resolve("files"), Map.of("maxStorageSize", String.valueOf(a.size() + 1)), Map.of())) {
            assertThat(files.get(a.id(), a.storagePath())).isEqualTo(FileSamples.pdf());
            assertThat(files.listFiles()).containsExactly(a.storagePath());
            assertThatThrownBy(() -> files.save(FileSamples.text("12"), "b.txt", null))
                    .as("the reopened store counts the files already there against maxStorageSize")
                    .isInstanceOf(StorageFullException.class);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Small but well-formed sample files of the kinds agents exchange, for file store and attachment
     * tests. Every call returns a new array.
     */
    final class FileSamples {

        private static final String PDF = "%PDF-1.4\n"
                + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
                + "4 0 obj << /Length 44 >> stream\nBT /F1 18 Tf 20 40 Td (Hello, PDF) Tj ET\nendstream endobj\n"
                + "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n";

        private FileSamples() {
        }

        /** @return a one-page PDF saying "Hello, PDF" */
        public static byte[] pdf() {
            return PDF.getBytes(StandardCharsets.US_ASCII);
        }

        /** @return a 1x1 PNG */
        public static byte[] png() {
            return java.util.Base64.getDecoder().decode(
                    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        }

        /** @return the start of a JFIF JPEG */
        public static byte[] jpeg() {
            return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0,
                    0, 1, 0, 1, 0, 0, (byte) 0xFF, (byte) 0xD9};
        }

        /** @return a 1x1 GIF */
        public static byte[] gif() {
            return java.util.Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");
        }

        /** @return a 1x1 lossless WebP */
        public static byte[] webp() {
            return java.util.Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
        }

        /** @return the start of an MP3 file with an ID3v2 tag */
        public static byte[] mp3() {
            byte[] b = new byte[64];
            byte[] head = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0};
            System.arraycopy(head, 0, b, 0, head.length);
            return b;
        }

        /** @return a ZIP archive holding one text entry */
        public static byte[] zip() {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
                zip.putNextEntry(new java.util.zip.ZipEntry("hello.txt"));
                zip.write(text("hello from a zip"));
                zip.closeEntry();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        /** @return gzip-compressed text */
        public static byte[] gzip() {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
                gz.write(text("hello from gzip"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        /** @return a 1x1 SVG image */
        public static byte[] svg() {
            return text("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"></svg>\n");
        }

        /** @return a Windows executable header padded to the given length */
        public static byte[] executable(int length) {
            byte[] b = new byte[Math.max(2, length)];
            b[0] = 'M';
            b[1] = 'Z';
            return b;
        }

        /** @return the text as UTF-8 */
        public static byte[] text(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
