package dev.threadstore.tck;

import dev.threadstore.FileStore;
import dev.threadstore.FileStoreHealth;
import dev.threadstore.FileTooLargeException;
import dev.threadstore.StorageFullException;
import dev.threadstore.StoredFile;
import dev.threadstore.StoredFileNotFoundException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FileStore} that keeps files in a map, for tests: the default file store of the TCK's attachment
 * tests, so a backend needs nothing beyond the API and the TCK to run them.
 *
 * <p>What it does, and where it is simpler than the local file store ({@code threadstore-files}):
 * <ul>
 *   <li>The MIME type is the declared one when the caller gives one (lower-cased, parameters such as
 *       {@code ; charset=} dropped; a value that is not {@code type/subtype} is an
 *       {@link IllegalArgumentException}). Without one it sniffs a few signatures (PDF, PNG, JPEG, GIF,
 *       WebP, ZIP, gzip, MP3 with an ID3 tag); otherwise UTF-8 text is {@code application/json} for a
 *       {@code .json} name, {@code text/csv} for {@code .csv} and {@code text/plain} else, and anything
 *       else is {@code application/octet-stream}. It refuses no type: there is no allow-list.</li>
 *   <li>Limits: a maximum file size (default 50 MiB, as the local store) and a maximum total size
 *       (default none), failing with {@link FileTooLargeException} and {@link StorageFullException}.</li>
 *   <li>The storage path is {@code mem/<id>}; {@link #storageBackend()} is {@code "memory"}. Nothing
 *       survives the instance.</li>
 * </ul>
 * It lists its files with their ages ({@link #listFilesStoredBefore}), so orphan collection runs on it.
 * Thread-safe: every method takes the instance's lock. After {@link #close()} every method but
 * {@code close} throws {@link IllegalStateException}.
 */
public final class InMemoryFileStore implements FileStore {

    /** The default maximum file size, 50 MiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 50L * 1024 * 1024;

    private static final Pattern MIME = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

    private final long maxFileSize;
    private final long maxStorageSize;
    private final Map<String, Entry> files = new LinkedHashMap<>();
    private long storageSize;
    private boolean closed;

    private record Entry(StoredFile file, byte[] content) {
    }

    /** An empty store with the default limits: 50 MiB per file, no total limit. */
    public InMemoryFileStore() {
        this(DEFAULT_MAX_FILE_SIZE, Long.MAX_VALUE);
    }

    /**
     * An empty store with the given limits.
     *
     * @param maxFileSize the largest file accepted, in bytes
     * @param maxStorageSize the most bytes held at once
     * @throws IllegalArgumentException if a limit is negative
     */
    public InMemoryFileStore(long maxFileSize, long maxStorageSize) {
        if (maxFileSize < 0 || maxStorageSize < 0) {
            throw new IllegalArgumentException("limits must not be negative, got maxFileSize " + maxFileSize
                    + " and maxStorageSize " + maxStorageSize);
        }
        this.maxFileSize = maxFileSize;
        this.maxStorageSize = maxStorageSize;
    }

    /** @return {@code "memory"}, the {@link StoredFile#storageBackend()} of every file stored here */
    public static String storageBackend() {
        return "memory";
    }

    @Override
    public synchronized StoredFile save(byte[] content, String filename, @Nullable String mimeType) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(filename, "filename");
        requireOpen();
        String type = mimeType == null ? detect(content, filename) : normalise(mimeType);
        if (content.length > maxFileSize) {
            throw new FileTooLargeException("File '" + filename + "' is " + content.length
                    + " bytes, more than the maximum file size of " + maxFileSize + " bytes");
        }
        if (content.length > maxStorageSize - storageSize) {
            throw new StorageFullException("Storing '" + filename + "' (" + content.length + " bytes) would take the store past "
                    + "its maximum size of " + maxStorageSize + " bytes (" + storageSize + " bytes used)");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        StoredFile file = new StoredFile(id, filename, type, "mem/" + id, storageBackend(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), content.length, sha256(content));
        files.put(id, new Entry(file, content.clone()));
        storageSize += content.length;
        return file;
    }

    @Override
    public synchronized byte[] get(String fileId, String storagePath) {
        Entry entry = entry(fileId, storagePath);
        if (entry == null) {
            throw new StoredFileNotFoundException("No file '" + fileId + "' at '" + storagePath + "'");
        }
        return entry.content().clone();
    }

    @Override
    public synchronized boolean delete(String fileId, String storagePath) {
        Entry entry = entry(fileId, storagePath);
        if (entry == null) {
            return false;
        }
        files.remove(fileId);
        storageSize -= entry.content().length;
        return true;
    }

    @Override
    public synchronized long storageSize() {
        requireOpen();
        return storageSize;
    }

    @Override
    public synchronized long fileCount() {
        requireOpen();
        return files.size();
    }

    @Override
    public synchronized List<String> listFiles() {
        requireOpen();
        return files.values().stream().map(e -> e.file().storagePath()).toList();
    }

    /** Every file stored at or before the cutoff, by storage path; this store never holds a half-written file. */
    @Override
    public synchronized List<FileEntry> listFilesStoredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        requireOpen();
        return files.values().stream().map(Entry::file).filter(f -> !f.createdAt().isAfter(cutoff))
                .map(f -> new FileEntry(f.id(), f.storagePath(), f.size(), f.createdAt()))
                .sorted(java.util.Comparator.comparing(FileEntry::storagePath)).toList();
    }

    @Override
    public synchronized FileStoreHealth checkHealth() {
        requireOpen();
        return new FileStoreHealth(true, storageSize, files.size(), List.of());
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private @Nullable Entry entry(String fileId, String storagePath) {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(storagePath, "storagePath");
        requireOpen();
        if (!storagePath.equals("mem/" + fileId)) {
            throw new IllegalArgumentException("Storage path '" + storagePath + "' is not the path of file '" + fileId
                    + "' in this store");
        }
        return files.get(fileId);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("InMemoryFileStore is closed");
        }
    }

    private static String normalise(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        String type = (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (!MIME.matcher(type).matches()) {
            throw new IllegalArgumentException("Not a MIME type: '" + mimeType + "'; expected type/subtype, e.g. text/plain");
        }
        return type;
    }

    private static String detect(byte[] content, String filename) {
        String sniffed = sniff(content);
        if (sniffed != null) {
            return sniffed;
        }
        if (!isUtf8(content)) {
            return "application/octet-stream";
        }
        String name = filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return name.endsWith(".csv") ? "text/csv" : "text/plain";
    }

    private static @Nullable String sniff(byte[] b) {
        if (startsWith(b, 0, "%PDF-")) {
            return "application/pdf";
        }
        if (startsWith(b, 0, "\u0089PNG\r\n\u001a\n")) {
            return "image/png";
        }
        if (startsWith(b, 0, "\u00ff\u00d8\u00ff")) {
            return "image/jpeg";
        }
        if (startsWith(b, 0, "GIF87a") || startsWith(b, 0, "GIF89a")) {
            return "image/gif";
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
            return "image/webp";
        }
        if (startsWith(b, 0, "PK\u0003\u0004")) {
            return "application/zip";
        }
        if (startsWith(b, 0, "\u001f\u008b")) {
            return "application/gzip";
        }
        return startsWith(b, 0, "ID3") ? "audio/mpeg" : null;
    }

    /** Whether the bytes at {@code offset} are the given ISO-8859-1 characters. */
    private static boolean startsWith(byte[] content, int offset, String signature) {
        if (content.length < offset + signature.length()) {
            return false;
        }
        for (int i = 0; i < signature.length(); i++) {
            if ((content[offset + i] & 0xFF) != signature.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
