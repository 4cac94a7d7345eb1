package dev.threadstore.reliability;

import dev.threadstore.FileStore;
import dev.threadstore.StoredFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * Child-JVM main for the FileStore crash scenario: two threads save self-checking text files (1 KB to
 * 3 MB, ending in a line {@code END <sha-256 of everything before it>}) until the parent kills the JVM,
 * printing {@code ACK <id> <storagePath>} after each save returns. Arguments: baseDir seed.
 */
public final class FileCrashWorker {

    private FileCrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        FileStore files = FileStore.create(args[0]);
        Random seeds = new Random(Long.parseLong(args[1]));
        System.out.println("READY");
        System.out.flush();
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            Random r = new Random(seeds.nextLong());
            writers[w] = new Thread(() -> {
                while (true) {
                    StoredFile f = files.save(content(r), "crash.txt", "text/plain");
                    System.out.println("ACK " + f.id() + " " + f.storagePath());
                    System.out.flush();
                }
            });
            writers[w].start();
        }
        for (Thread t : writers) {
            t.join();
        }
    }

    static byte[] content(Random r) {
        int size = 1024 + r.nextInt(3 * 1024 * 1024);
        StringBuilder b = new StringBuilder(size + 100);
        while (b.length() < size) {
            b.append("line ").append(r.nextLong()).append('\n');
        }
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        String trailer = "END " + sha256(body) + "\n";
        byte[] all = new byte[body.length + trailer.length()];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(trailer.getBytes(StandardCharsets.US_ASCII), 0, all, body.length, trailer.length());
        return all;
    }

    /** @return whether the bytes are a whole file as {@link #content} makes them */
    static boolean whole(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf("END ");
        if (end < 0 || !text.endsWith("\n") || text.length() - end != 4 + 64 + 1) {
            return false;
        }
        byte[] body = text.substring(0, end).getBytes(StandardCharsets.UTF_8);
        return text.substring(end + 4, text.length() - 1).equals(sha256(body));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
