package dev.threadstore.files;

import dev.threadstore.FileStore;
import dev.threadstore.FileStoreHealth;
import dev.threadstore.FileTooLargeException;
import dev.threadstore.StorageException;
import dev.threadstore.StorageFullException;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoredFile;
import dev.threadstore.StoredFileNotFoundException;
import dev.threadstore.UnsupportedFileTypeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FileStore} in a local directory. A file with id {@code 3fa85f64-5717-…} and extension
 * {@code pdf} lives at {@code <base>/3f/a85f64-5717-….pdf}; its storage path is the part after
 * {@code <base>/}. Ids are random UUIDs the store chooses, extensions are reduced to at most 16 ASCII
 * letters and digits, and {@link #get}/{@link #delete} accept only a storage path of exactly that shape
 * that belongs to the given id, so no file name, id or forged path can reach outside the base directory;
 * a symbolic link that would lead outside is refused as well.
 *
 * <p>Writes: the bytes go to a hidden temporary file in the shard directory, are forced to disk and renamed
 * into place, and then the shard directory itself is forced (and the base directory when the shard was new),
 * so a file is visible under its final name whole or not at all and its name survives a power loss once
 * {@code save} returns. Temporary files are never listed.
 *
 * <p>Accounting: the directory is the truth. Sizes, counts and listings are measured from it. The
 * {@code maxStorageSize} check uses the {@link UsageLedger} every instance and process on the directory shares
 * under a file lock: a save counts its bytes there (and creates its temporary file at full length) before
 * writing, so concurrent saves from anywhere cannot overshoot the limit together; before refusing a save the
 * store measures the directory again, so files deleted by hand or by another instance are never counted
 * against it. Shard directories are kept when they empty, so a delete never races a save into the same
 * shard. Thread-safe.
 */
final class LocalFileStore implements FileStore {

    static final String BACKEND = "local";

    private static final Pattern FILE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern STORAGE_PATH = Pattern.compile(
            "([0-9a-f]{2})/([0-9a-f]{6}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\\.[a-z0-9]{1,16})?");
    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final String TEMP_SUFFIX = ".tmp";
    /** A temporary file older than this was left by a process that died mid-write; no write takes so long. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final LocalFileStoreSettings settings;
    private final Path base;
    private final UsageLedger usage;
    private final DirectorySync directorySync;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalFileStore(LocalFileStoreSettings settings, Path base, DirectorySync directorySync) {
        this.settings = settings;
        this.base = base;
        this.usage = new UsageLedger(base);
        this.directorySync = directorySync;
    }

    /** Forces a directory's entries to disk; a hook so that tests can see it happen. */
    @FunctionalInterface
    interface DirectorySync {
        /** Forces the directory's entries (names) to disk. */
        void force(Path directory) throws IOException;

        /** The platform's: fsync of the directory where the platform can open one (not on Windows). */
        DirectorySync PLATFORM = directory -> {
            if (!POSIX) {
                return;
            }
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        };
    }

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /**
     * Creates the base directory if needed and proves that it can write, read and delete a file there.
     *
     * @throws StoreConfigurationException if the directory cannot be created or used
     */
    static LocalFileStore open(LocalFileStoreSettings settings) {
        return open(settings, DirectorySync.PLATFORM);
    }

    /** As {@link #open(LocalFileStoreSettings)}, forcing directories through the given hook. */
    static LocalFileStore open(LocalFileStoreSettings settings, DirectorySync directorySync) {
        Path dir = settings.baseDir();
        try {
            Files.createDirectories(dir);
            Path real = dir.toRealPath();
            probe(real);
            sweepAbandonedTempFiles(real, Instant.now().minus(ABANDONED_AFTER));
            LocalFileStore store = new LocalFileStore(settings, real, directorySync);
            store.usage.update(ledger -> ledger.write(store.measure().accountedBytes()));
            return store;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw new StoreConfigurationException("Storage validation failed for file store directory '" + dir + "': "
                    + describe(e) + ". Make sure the directory exists or can be created, and that this process can "
                    + "write to it", e);
        }
    }

    @Override
    public StoredFile save(byte[] content, String filename, @Nullable String mimeType) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(filename, "filename");
        ensureOpen();
        String declared = mimeType == null ? null : MimeTypeDetector.normalise(mimeType);
        long size = content.length;
        if (size > settings.maxFileSize()) {
            throw new FileTooLargeException("File too large: '" + abbreviate(filename) + "' is " + size
                    + " bytes; the maximum is " + settings.maxFileSize() + " bytes (maxFileSize). Store a smaller file "
                    + "or raise maxFileSize (TYLER_MAX_FILE_SIZE)");
        }
        String extension = extension(filename);
        String detected = MimeTypeDetector.detect(content, extension, declared);
        if (!settings.allows(detected)) {
            throw new UnsupportedFileTypeException("Unsupported file type: '" + abbreviate(filename) + "' is "
                    + detected + (declared != null && !declared.equals(detected) ? " (declared " + declared + ")" : "")
                    + ", which is not allowed; allowed: " + String.join(", ", new TreeSet<>(settings.allowedMimeTypes()))
                    + ". Add it to allowedMimeTypes (TYLER_ALLOWED_MIME_TYPES) to accept it");
        }
        String id = UUID.randomUUID().toString();
        String storagePath = id.substring(0, 2) + "/" + id.substring(2) + (extension.isEmpty() ? "" : "." + extension);
        Path target = base.resolve(storagePath);
        Path shard = prepareShard(parentOf(target), storagePath);
        Path temp = reserve(shard, target, size, filename);
        boolean written = false;
        try {
            write(temp, target, storagePath, content);
            written = true;
            return new StoredFile(id, filename, detected, storagePath, BACKEND, Instant.now(), size, sha256(content));
        } finally {
            if (!written) {
                release(temp, size);
            }
        }
    }

    @Override
    public byte[] get(String fileId, String storagePath) {
        ensureOpen();
        Path file = resolve(fileId, storagePath);
        try {
            if (Files.isSymbolicLink(file) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw notFound(fileId, storagePath);
            }
            checkInside(file.toRealPath(), storagePath);
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw notFound(fileId, storagePath);
        } catch (IOException e) {
            throw new StorageException("Could not read file " + fileId + " at " + storagePath + " in file store "
                    + base + ": " + describe(e), e);
        }
    }

    @Override
    public boolean delete(String fileId, String storagePath) {
        ensureOpen();
        Path file = resolve(fileId, storagePath);
        try {
            Path shard = parentOf(file);
            if (!Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isSymbolicLink(shard)) {
                    throw outside(storagePath);
                }
                return false;
            }
            if (Files.isSymbolicLink(file)) {
                throw outside(storagePath);
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return false;
            }
            if (!attributes.isRegularFile()) {
                return false;
            }
            return usage.locked(ledger -> {
                boolean deleted = Files.deleteIfExists(file);
                long recorded = ledger.read();
                if (deleted && recorded >= 0) {
                    ledger.write(recorded - attributes.size());
                }
                return deleted;
            });
        } catch (ClosedByInterruptException e) {
            throw interrupted("delete file " + fileId + " at " + storagePath, e);
        } catch (IOException e) {
            throw new StorageException("Could not delete file " + fileId + " at " + storagePath + " in file store "
                    + base + ": " + describe(e), e);
        }
    }

    @Override
    public long storageSize() {
        ensureOpen();
        return scanOrFail().bytes();
    }

    @Override
    public long fileCount() {
        ensureOpen();
        return scanOrFail().files().size();
    }

    @Override
    public List<String> listFiles() {
        ensureOpen();
        return scanOrFail().files().stream().map(FileEntry::storagePath).toList();
    }

    /** Files whose modification time (when their bytes were complete) is at or before the cutoff. */
    @Override
    public List<FileEntry> listFilesStoredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        ensureOpen();
        return scanOrFail().files().stream().filter(f -> !f.storedAt().isAfter(cutoff)).toList();
    }

    @Override
    public FileStoreHealth checkHealth() {
        ensureOpen();
        List<String> errors = new ArrayList<>();
        Usage measured = new Usage(List.of(), 0);
        try {
            if (!Files.isDirectory(base)) {
                errors.add("The file store directory " + base + " does not exist or is not a directory");
            } else {
                probe(base);
                measured = usage.locked(ledger -> {
                    Usage now = measure();
                    ledger.write(now.accountedBytes());
                    return now;
                });
            }
        } catch (IOException | UncheckedIOException | SecurityException | StorageException e) {
            errors.add("The file store directory " + base + " cannot be used: " + describe(e));
        }
        return new FileStoreHealth(errors.isEmpty(), measured.bytes(), measured.files().size(), errors);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "LocalFileStore[" + base + ", maxFileSize=" + settings.maxFileSize() + ", maxStorageSize="
                + settings.maxStorageSize() + "]";
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("FileStore is closed");
        }
    }

    /**
     * Creates the shard directory if needed (forcing the base directory so the new shard's name is durable)
     * and proves it is a real directory inside the base.
     */
    private Path prepareShard(Path shard, String storagePath) {
        try {
            if (!Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(shard)) {
                try {
                    Files.createDirectory(shard);
                    directorySync.force(base);
                } catch (FileAlreadyExistsException e) {
                    // created by a concurrent save
                }
            }
            Path real = shard.toRealPath();
            if (Files.isSymbolicLink(shard) || !real.startsWith(base) || real.equals(base)) {
                throw new StorageException("Could not store " + storagePath + " in file store " + base + ": the shard "
                        + "directory " + shard.getFileName() + " is a symbolic link or leads outside the store; replace it "
                        + "with a plain directory");
            }
            if (!Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS)) {
                throw new StorageException("Could not store " + storagePath + " in file store " + base + ": "
                        + shard.getFileName() + " in it is not a directory. Remove what is there");
            }
            return shard;
        } catch (ClosedByInterruptException e) {
            throw interrupted("store " + storagePath, e);
        } catch (IOException e) {
            throw new StorageException("Could not store " + storagePath + " in file store " + base + ": its shard directory "
                    + "cannot be created: " + describe(e) + ". Check that the directory is writable", e);
        }
    }

    /**
     * Counts the bytes in the shared ledger and creates the temporary file at its full length, both under the
     * directory's lock, so that a measurement of the directory taken meanwhile by anyone sees the reservation.
     * Before refusing, the directory is measured again: the ledger may be high after deletes it did not see.
     *
     * @return the temporary file to write
     * @throws StorageFullException if the file does not fit
     */
    private Path reserve(Path shard, Path target, long size, String filename) {
        Path temp = shard.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
        long max = settings.maxStorageSize();
        try {
            return usage.locked(ledger -> {
                long used = ledger.read();
                if (used < 0 || max > 0 && used + size > max) {
                    used = measure().accountedBytes();
                }
                if (max > 0 && used + size > max) {
                    ledger.write(used);
                    throw new StorageFullException("Storage full: storing '" + abbreviate(filename) + "' needs " + size
                            + " bytes, " + used + " of " + max + " bytes are used (maxStorageSize). Delete files or "
                            + "raise maxStorageSize (TYLER_MAX_STORAGE_SIZE)");
                }
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    if (size > 0) {
                        channel.write(ByteBuffer.allocate(1), size - 1);
                    }
                }
                ledger.write(used + size);
                return temp;
            });
        } catch (ClosedByInterruptException e) {
            deleteQuietly(temp, e);
            throw interrupted("store " + abbreviate(filename), e);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw new StorageException("Could not store '" + abbreviate(filename) + "' in file store " + base
                    + ": reserving its " + size + " bytes failed: " + describe(e) + ". Check that the directory is writable and the disk is not full", e);
        }
    }

    /** @return the shard directory of a stored file's path, which always has one ({@code <base>/<xx>/<rest>}) */
    private static Path parentOf(Path file) {
        return Objects.requireNonNull(file.getParent(), "a stored file's path has a shard directory");
    }

    /** Takes a failed save's temporary file and its bytes out of the ledger. */
    private void release(Path temp, long size) {
        try {
            usage.update(ledger -> {
                boolean existed = Files.deleteIfExists(temp);
                long recorded = ledger.read();
                if (existed && recorded >= 0) {
                    ledger.write(recorded - size);
                }
            });
        } catch (IOException | RuntimeException e) {
            // The temporary file is swept when stale and the ledger corrected at the next measurement.
            deleteQuietly(temp, e);
        }
    }

    /** Fills the reserved temporary file, forces it, renames it into place and forces the shard directory. */
    private void write(Path temp, Path target, String storagePath, byte[] content) {
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, buffer.position());
                }
                channel.force(true);
            }
            // Renamed under the directory's lock: a measurement scans the shard directories under that lock, and a
            // rename during the scan could hide the file under both names, so another save would overshoot the limit.
            usage.locked(ledger -> Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE));
            forceOrUndo(target);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StorageException("Could not store " + storagePath + " in file store " + base + ": the file system "
                    + "cannot rename a file atomically; use a local directory", e);
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            throw interrupted("store " + storagePath, e);
        } catch (IOException e) {
            throw new StorageException("Could not store " + storagePath + " in file store " + base + ": " + describe(e)
                    + ". Check that the directory is writable and the disk is not full", e);
        }
    }

    /** Forces the shard directory after the rename; if that fails the save fails, so the file goes too. */
    private void forceOrUndo(Path target) throws IOException {
        try {
            directorySync.force(parentOf(target));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(target, e);
            throw e;
        }
    }

    /** The thread was interrupted during file I/O: say so, and keep its interrupt status. */
    private StorageException interrupted(String action, IOException e) {
        Thread.currentThread().interrupt();
        return new StorageException("Could not " + action + " in file store " + base + ": the thread was interrupted "
                + "(its interrupt status is kept); nothing was stored", e);
    }

    /** The file a storage path names, after proving the path has the store's own shape and belongs to the id. */
    private Path resolve(String fileId, String storagePath) {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(storagePath, "storagePath");
        if (!FILE_ID.matcher(fileId).matches()) {
            throw new IllegalArgumentException("fileId '" + abbreviate(fileId) + "' is not an id this file store "
                    + "issued (a lower-case UUID); pass the id that save returned");
        }
        var m = STORAGE_PATH.matcher(storagePath);
        if (!m.matches() || !(m.group(1) + m.group(2)).equals(fileId)) {
            throw new IllegalArgumentException("storagePath '" + abbreviate(storagePath) + "' is not the storage path "
                    + "of file " + fileId + " (expected " + fileId.substring(0, 2) + "/" + fileId.substring(2)
                    + "[.ext]); pass the storage path that save returned");
        }
        Path file = base.resolve(storagePath).normalize();
        checkInside(file, storagePath);
        return file;
    }

    private void checkInside(Path path, String storagePath) {
        if (!path.startsWith(base) || path.equals(base)) {
            throw outside(storagePath);
        }
    }

    private IllegalArgumentException outside(String storagePath) {
        return new IllegalArgumentException("storagePath '" + abbreviate(storagePath) + "' leads outside the file store "
                + base + " (through a symbolic link); refusing to touch it");
    }

    private StoredFileNotFoundException notFound(String fileId, String storagePath) {
        return new StoredFileNotFoundException("File " + fileId + " not found at " + storagePath + " in file store "
                + base + "; it was deleted or stored in another file store");
    }

    private Usage scanOrFail() {
        try {
            return measure();
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("Could not list the file store directory " + base + ": " + describe(e), e);
        }
    }

    /** What the directory holds now; see {@link Usage}. */
    private Usage measure() throws IOException {
        return scan(base, Instant.now().minus(ABANDONED_AFTER));
    }

    /**
     * The stored files: regular files with a storage path's shape in a shard directory (nothing else counts),
     * and the bytes of temporary files younger than the cutoff (saves in progress, which hold their full length
     * from the moment they are reserved).
     */
    private static Usage scan(Path base, Instant abandonedBefore) throws IOException {
        List<FileEntry> files = new ArrayList<>();
        long reserved = 0;
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(base)) {
            for (Path shard : shards) {
                String shardName = shard.getFileName().toString();
                if (!SHARD.matcher(shardName).matches() || !Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(shard)) {
                    for (Path file : entries) {
                        String name = file.getFileName().toString();
                        String storagePath = shardName + "/" + name;
                        boolean temp = name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
                        var m = STORAGE_PATH.matcher(storagePath);
                        if (!temp && !m.matches()) {
                            continue;
                        }
                        BasicFileAttributes attributes;
                        try {
                            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        } catch (NoSuchFileException e) {
                            continue;
                        }
                        if (!attributes.isRegularFile()) {
                            continue;
                        }
                        if (temp) {
                            if (!attributes.lastModifiedTime().toInstant().isBefore(abandonedBefore)) {
                                reserved += attributes.size();
                            }
                        } else {
                            files.add(new FileEntry(m.group(1) + m.group(2), storagePath, attributes.size(),
                                    attributes.lastModifiedTime().toInstant()));
                        }
                    }
                } catch (NoSuchFileException e) {
                    // the shard directory went away while listing
                }
            }
        }
        files.sort(Comparator.comparing(FileEntry::storagePath));
        return new Usage(List.copyOf(files), reserved);
    }

    /**
     * Deletes the temporary files a killed process left behind (they are never counted or listed, but
     * they take disk space). Only files older than the cutoff go, so a write in progress elsewhere is safe.
     */
    static void sweepAbandonedTempFiles(Path base, Instant cutoff) throws IOException {
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(base)) {
            for (Path shard : shards) {
                if (!SHARD.matcher(shard.getFileName().toString()).matches() || !Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (DirectoryStream<Path> temps = Files.newDirectoryStream(shard, "." + "*" + TEMP_SUFFIX)) {
                    for (Path temp : temps) {
                        try {
                            BasicFileAttributes attributes = Files.readAttributes(temp, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                            if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                                Files.deleteIfExists(temp);
                            }
                        } catch (NoSuchFileException e) {
                            // finished or swept by another process meanwhile
                        }
                    }
                } catch (NoSuchFileException e) {
                    // the shard directory went away while listing
                }
            }
        }
    }

    /** Writes, reads back and deletes a hidden file in the directory. */
    private static void probe(Path dir) throws IOException {
        Path probe = dir.resolve(".health-" + UUID.randomUUID() + TEMP_SUFFIX);
        byte[] expected = "storage validation".getBytes(StandardCharsets.US_ASCII);
        try {
            Files.write(probe, expected, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (!Arrays.equals(Files.readAllBytes(probe), expected)) {
                throw new IOException("a file written to it read back different bytes");
            }
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** The last extension of the file name, lower case, if it is 1 to 16 ASCII letters or digits; else empty. */
    static String extension(String filename) {
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return "";
        }
        String extension = name.substring(dot + 1);
        return EXTENSION.matcher(extension).matches() ? extension.toLowerCase(Locale.ROOT) : "";
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void deleteQuietly(Path temp, Exception failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String abbreviate(String text) {
        String clean = text.replace('\u0000', '?');
        return clean.length() <= 80 ? clean : clean.substring(0, 77) + "...";
    }

    /**
     * A measurement of the directory.
     *
     * @param files the stored files, by storage path
     * @param reservedBytes bytes of saves in progress
     */
    private record Usage(List<FileEntry> files, long reservedBytes) {

        long bytes() {
            return files.stream().mapToLong(FileEntry::size).sum();
        }

        /** What the ledger should say: stored bytes and the bytes of saves in progress. */
        long accountedBytes() {
            return bytes() + reservedBytes;
        }
    }
}
