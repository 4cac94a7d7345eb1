package dev.threadstore.files;

import dev.threadstore.FileStore;
import dev.threadstore.StorageFullException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child JVM for {@link LocalFileStoreSharingTest}: opens the file store in a directory, says it is ready,
 * waits for the go signal, then saves files of the given size until the store is full, and prints how many
 * it saved. Arguments: directory, maxStorageSize, file size, ready file, go file.
 */
public final class FileStoreFiller {

    private FileStoreFiller() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int size = Integer.parseInt(args[2]);
        try (FileStore files = FileStore.create(dir.toString(), Map.of("maxStorageSize", args[1]))) {
            Files.writeString(Path.of(args[3]), "ready");
            Path go = Path.of(args[4]);
            for (int polls = 0; polls < 60_000 && !Files.exists(go); polls++) {
                Thread.sleep(1);
            }
            System.out.println(fill(files, size));
        }
    }

    /** Saves files of the size until the store refuses one as full. @return how many were saved */
    static int fill(FileStore files, int size) {
        byte[] content = "a".repeat(size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int saved = 0;
        while (true) {
            try {
                files.save(content, "fill.txt", null);
                saved++;
            } catch (StorageFullException e) {
                return saved;
            }
        }
    }
}
