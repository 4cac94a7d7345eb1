package dev.threadstore.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.FileStore;
import dev.threadstore.StorageFullException;
import dev.threadstore.StoredFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several file store instances, and several processes, on one directory: the directory is the truth, so the
 * storage limit holds for all of them together and what one deletes the others see.
 */
class LocalFileStoreSharingTest {

    private static final int FILE_SIZE = 1000;
    private static final int FILES_THAT_FIT = 60;
    private static final String MAX = Integer.toString(FILE_SIZE * FILES_THAT_FIT);

    @TempDir
    Path dir;

    private FileStore open() {
        return FileStore.create(dir.resolve("files").toString(), Map.of("maxStorageSize", MAX));
    }

    private static byte[] content() {
        return "b".repeat(FILE_SIZE).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void twoInstancesFillingOneDirectoryTogetherStayWithinTheLimit() throws Exception {
        try (FileStore a = open(); FileStore b = open()) {
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> FileStoreFiller.fill(a, FILE_SIZE));
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> FileStoreFiller.fill(b, FILE_SIZE));

            int saved = first.get(2, TimeUnit.MINUTES) + second.get(2, TimeUnit.MINUTES);

            assertThat(saved).as("the two instances together store exactly what fits").isEqualTo(FILES_THAT_FIT);
            assertThat(a.storageSize()).isEqualTo((long) FILE_SIZE * FILES_THAT_FIT).isEqualTo(b.storageSize());
            assertThat(a.fileCount()).isEqualTo(FILES_THAT_FIT);
        }
    }

    @Test
    void twoProcessesFillingOneDirectoryTogetherStayWithinTheLimit() throws Exception {
        Path ready = dir.resolve("ready");
        Path go = dir.resolve("go");
        Path childErr = dir.resolve("child.err");
        Files.createDirectories(dir.resolve("files"));
        try (FileStore files = open()) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), FileStoreFiller.class.getName(),
                    dir.resolve("files").toString(), MAX, Integer.toString(FILE_SIZE), ready.toString(), go.toString())
                    .redirectError(childErr.toFile())
                    .start();
            for (int polls = 0; polls < 60_000 && child.isAlive() && !Files.exists(ready); polls++) {
                Thread.sleep(1);
            }
            Files.writeString(go, "go");
            int parentSaved = FileStoreFiller.fill(files, FILE_SIZE);

            assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child process finished").isTrue();
            assertThat(child.exitValue()).as("child exit code; its stderr:%n%s", Files.readString(childErr)).isZero();
            int childSaved = Integer.parseInt(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());

            assertThat(parentSaved + childSaved).as("parent %d + child %d", parentSaved, childSaved).isEqualTo(FILES_THAT_FIT);
            assertThat(files.storageSize()).isEqualTo((long) FILE_SIZE * FILES_THAT_FIT);
        }
    }

    @Test
    void aDeleteByAnotherInstanceMakesRoomForThisOne() {
        try (FileStore a = open(); FileStore b = open()) {
            assertThat(FileStoreFiller.fill(a, FILE_SIZE)).isEqualTo(FILES_THAT_FIT);
            String victim = b.listFiles().get(0);
            String id = victim.substring(0, 2) + victim.substring(3, 3 + 34);

            assertThat(b.delete(id, victim)).isTrue();

            StoredFile fits = a.save(content(), "fits.txt", null);
            assertThat(a.listFiles()).contains(fits.storagePath()).hasSize(FILES_THAT_FIT);
        }
    }

    @Test
    void filesDeletedByHandAreNotCountedAgainstTheLimit() throws Exception {
        try (FileStore files = open()) {
            FileStoreFiller.fill(files, FILE_SIZE);
            assertThatThrownBy(() -> files.save(content(), "more.txt", null)).isInstanceOf(StorageFullException.class);
            for (String path : files.listFiles()) {
                Files.delete(dir.resolve("files").resolve(path));
            }

            assertThat(files.storageSize()).isZero();
            files.save(content(), "more.txt", null);
            assertThat(files.storageSize()).isEqualTo(FILE_SIZE);
        }
    }

    @Test
    void aReopenedStoreCountsWhatOthersStored() {
        try (FileStore a = open()) {
            a.save(content(), "a.txt", null);
        }
        try (FileStore b = open(); FileStore c = open()) {
            assertThat(FileStoreFiller.fill(b, FILE_SIZE)).isEqualTo(FILES_THAT_FIT - 1);
            assertThatThrownBy(() -> c.save(content(), "c.txt", null)).isInstanceOf(StorageFullException.class)
                    .hasMessageContaining(FILE_SIZE * FILES_THAT_FIT + " of " + MAX + " bytes are used");
        }
    }
}
