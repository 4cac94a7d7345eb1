package dev.threadstore.sqlite;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fresh JVM of {@link NativeLibraryCacheTest}: opens a SQLite store on the file {@code args[0]}, saves a thread and
 * reads it back, then prints which native library files the process has mapped ({@code mapped <path>}, from Linux's
 * {@code /proc/self/maps}) and the system properties the cache reads and sets ({@code <name> <value or null>}). Exits
 * non-zero on any failure.
 */
final class NativeLibraryProbe {

    private NativeLibraryProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ThreadStore store = ThreadStore.create("sqlite:" + args[0])) {
            ChatThread saved = store.save(ChatThread.create().withMessage(Message.user("hello")));
            if (store.get(saved.id()).orElseThrow().messages().size() != 1) {
                throw new IllegalStateException("the thread did not read back");
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int path = line.indexOf('/');
            if (path >= 0 && line.contains("sqlitejdbc")) {
                System.out.println("mapped " + line.substring(path));
            }
        }
        for (String property : new String[] {"org.sqlite.lib.path", "org.sqlite.lib.name",
                NativeLibraryCache.LOADED_PROPERTY}) {
            System.out.println(property + " " + System.getProperty(property));
        }
    }
}
