package dev.threadstore.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Loads sqlite-jdbc's native library from one copy kept in the user's cache directory, instead of letting the driver
 * extract a new copy in every JVM. The driver's own way costs a fresh JVM about 140 ms of CPU before the first
 * connection: it runs {@code uname -o} in a child process to tell the platform's library apart, writes 1.1 MB to the
 * temporary directory under a random name, and reads it back byte by byte to compare it with the jar. With a copy
 * already in place the load takes about 20 ms.
 *
 * <p>Where: {@code $XDG_CACHE_HOME/threadstore} when that names an absolute directory, else
 * {@code ~/.cache/threadstore}; in it one directory per driver version, operating system and architecture,
 * {@code sqlite-jdbc-<version>-<os>-<arch>}, holding the library under its own name and {@value #RECORD} (the name of
 * the jar resource it was copied from, found once with the driver's own platform detection).
 *
 * <p>What keeps it safe:
 * <ul>
 *   <li>Before every load the copy is compared, byte for byte, with the library in the driver's jar: the check the
 *       driver makes of its own extracted copy. A copy that differs (damaged, or left by another build of the same
 *       version) is written again first.</li>
 *   <li>On a POSIX file system the directories are made owner-only, and a directory or copy that group or others
 *       may write is not used.</li>
 *   <li>A copy is written to a new file and moved into place atomically, so JVMs starting together never load a
 *       half-written library, and a copy another JVM has loaded is replaced, never changed.</li>
 *   <li>The driver is pointed at the copy through its documented system properties {@value #LIB_PATH} and
 *       {@value #LIB_NAME}, set only for the length of its {@link SQLiteJDBCLoader#initialize()} and then restored;
 *       the driver reads them nowhere else.</li>
 *   <li>Anything unexpected (no home directory, a read-only disk, a file system that refuses the permissions) falls
 *       back to the driver's own way, logged at debug level; so does a copy the JVM cannot load, inside the driver's
 *       same call (the driver logs why).</li>
 * </ul>
 *
 * <p>Left to the driver: when the application sets either of the driver's properties itself; when it sets
 * {@value #ENABLED_PROPERTY} to {@code false}; and in every class loader after the first in one JVM to hand the driver
 * the copy (a JVM loads a library file into one class loader only), which {@value #LOADED_PROPERTY} records with the
 * copy's path.
 */
final class NativeLibraryCache {

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryCache.class);

    /** Set to {@code false} to let the driver extract its library in every JVM, as without threadstore. */
    static final String ENABLED_PROPERTY = "threadstore.sqlite.nativeLibraryCache";

    /** Set, to the copy's path, once the driver has been handed the copy in this JVM. */
    static final String LOADED_PROPERTY = "threadstore.sqlite.nativeLibrary";

    /** The file, in each copy's directory, that names the jar resource the copy was made from. */
    static final String RECORD = "resource.txt";

    /** Where the driver's jar keeps its libraries, one folder per platform. */
    private static final String RESOURCE_FOLDER = "/org/sqlite/native/";

    private static final String LIB_PATH = "org.sqlite.lib.path";
    private static final String LIB_NAME = "org.sqlite.lib.name";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private NativeLibraryCache() {
    }

    /**
     * Loads the native library, from the cached copy when it may, else the driver's own way.
     *
     * @throws Exception what the driver's {@link SQLiteJDBCLoader#initialize()} throws
     */
    static void initialize() throws Exception {
        Path root = mayUse() ? root(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home")) : null;
        if (root != null) {
            Path copy;
            try {
                copy = prepare(root);
            } catch (IOException | RuntimeException | LinkageError e) { // LinkageError: a driver without LibraryLoaderUtil
                LOG.debug("Not using a cached copy of the SQLite native library under {}; the driver extracts its own: {}",
                        root, e.toString());
                copy = null;
            }
            if (copy != null) {
                initializeFrom(copy);
                return;
            }
        }
        SQLiteJDBCLoader.initialize();
    }

    /** @return false when the application has chosen where the library comes from, or turned the cache off */
    private static boolean mayUse() {
        return System.getProperty(LIB_PATH) == null && System.getProperty(LIB_NAME) == null
                && System.getProperty(LOADED_PROPERTY) == null
                && !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY));
    }

    /**
     * The cache's root directory.
     *
     * @param xdgCacheHome {@code $XDG_CACHE_HOME}, used when it is an absolute path
     * @param userHome the {@code user.home} property
     * @return the root, or null when neither gives one
     */
    static @Nullable Path root(@Nullable String xdgCacheHome, @Nullable String userHome) {
        try {
            if (xdgCacheHome != null && !xdgCacheHome.isEmpty()) {
                Path xdg = Path.of(xdgCacheHome);
                if (xdg.isAbsolute()) {
                    return xdg.resolve("threadstore");
                }
            }
            if (userHome == null || userHome.isEmpty() || userHome.equals("?")) {
                return null;
            }
            Path home = Path.of(userHome);
            return home.isAbsolute() ? home.resolve(".cache").resolve("threadstore") : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Makes sure the copy under {@code root} is in place and equal to the jar's library.
     *
     * @return the copy
     * @throws IOException when the cache cannot be read or written, or may not be used
     */
    static Path prepare(Path root) throws IOException {
        Path dir = root.resolve(directoryName(SQLiteJDBCLoader.getVersion(), System.getProperty("os.name"),
                System.getProperty("os.arch")));
        Path record = dir.resolve(RECORD);
        boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        boolean recorded = Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS);
        String resource = recorded ? Files.readString(record, StandardCharsets.UTF_8).strip()
                : LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        if (!resource.startsWith(RESOURCE_FOLDER) || resource.endsWith("/") || resource.contains("..")) {
            throw new IOException("unexpected library resource '" + resource + "'" + (recorded ? " in " + record : ""));
        }
        if (!recorded) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectories(dir);
            }
        }
        requirePrivate(root, posix);
        requirePrivate(dir, posix);
        if (!recorded) {
            replace(dir, record, (resource + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] library = jarLibrary(resource);
        Path copy = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (!sameContent(copy, library)) {
            replace(dir, copy, library);
            if (!sameContent(copy, library)) {
                throw new IOException("the copy " + copy + " changed as it was written");
            }
        }
        requirePrivate(copy, posix);
        return copy;
    }

    /** @return the library's bytes as the driver's jar holds them */
    private static byte[] jarLibrary(String resource) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the driver's jar has no " + resource);
            }
            return in.readAllBytes();
        }
    }

    private static boolean sameContent(Path copy, byte[] library) throws IOException {
        if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS) || Files.size(copy) != library.length) {
            return false;
        }
        return Arrays.equals(Files.readAllBytes(copy), library);
    }

    /** Writes {@code bytes} to a new file in {@code dir}, then moves it over {@code target} in one step. */
    private static void replace(Path dir, Path target, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(dir, ".part-", "");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Refuses a directory or file that group or others may write (POSIX only; elsewhere the user's profile rules). */
    private static void requirePrivate(Path path, boolean posix) throws IOException {
        if (!posix) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(path + " may be written by others (" + PosixFilePermissions.toString(permissions)
                    + ")");
        }
    }


    /** The copy's directory name: the driver's version, the OS and the architecture, as file-name-safe text. */
    static String directoryName(String version, @Nullable String osName, @Nullable String osArch) {
        return "sqlite-jdbc-" + safe(version) + "-" + safe(osName) + "-" + safe(osArch);
    }

    private static String safe(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return "unknown";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_';
            out.append(plain ? c : '_');
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Hands the driver the copy through its two properties, for the length of its initialisation only: both were
     * unset ({@link #mayUse()}), so both are cleared again.
     */
    private static void initializeFrom(Path copy) throws Exception {
        System.setProperty(LIB_PATH, Objects.requireNonNull(copy.getParent(), "a copy has a directory").toString());
        System.setProperty(LIB_NAME, copy.getFileName().toString());
        try {
            SQLiteJDBCLoader.initialize();
            System.setProperty(LOADED_PROPERTY, copy.toString());
        } finally {
            System.clearProperty(LIB_PATH);
            System.clearProperty(LIB_NAME);
        }
    }
}
