package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;

/**
 * sqlite-jdbc's native library is loaded from one copy in the user's cache directory ({@link NativeLibraryCache}).
 * Each case runs fresh JVMs ({@link NativeLibraryProbe}) against a cache directory of its own, and reads from Linux's
 * {@code /proc/self/maps} which library file each one really loaded: the cached copy, or the driver's own extraction
 * (sent to a directory of the test's own with the driver's {@code org.sqlite.tmpdir}).
 */
@EnabledOnOs(OS.LINUX)
class NativeLibraryCacheTest {

    @TempDir
    Path dir;

    @Test
    void theFirstJvmCopiesTheLibraryAndTheNextLoadTheCopyAsItIs() throws Exception {
        Path cache = dir.resolve("cache");

        Map<String, String> first = probe(cache, List.of(), "first.db");

        Path copy = cachedCopy(cache);
        assertThat(first.get("mapped")).isEqualTo(copy.toString());
        assertThat(Files.readAllBytes(copy)).isEqualTo(jarLibrary(cache));
        assertThat(first.get(NativeLibraryCache.LOADED_PROPERTY)).isEqualTo(copy.toString());
        assertThat(first.get("org.sqlite.lib.path")).as("the driver's properties are cleared again").isEqualTo("null");
        assertThat(first.get("org.sqlite.lib.name")).isEqualTo("null");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("threadstore"))))
                .isEqualTo("rwx------");
        BasicFileAttributes before = Files.readAttributes(copy, BasicFileAttributes.class);

        Map<String, String> second = probe(cache, List.of(), "second.db");

        assertThat(second.get("mapped")).isEqualTo(copy.toString());
        BasicFileAttributes after = Files.readAttributes(copy, BasicFileAttributes.class);
        assertThat(after.fileKey()).as("the same file, not written again").isEqualTo(before.fileKey());
        assertThat(after.lastModifiedTime()).isEqualTo(before.lastModifiedTime());
        assertThat(driverExtractions()).as("the driver extracted nothing").isEmpty();
        assertThat(leftovers(copy.getParent())).isEmpty();
    }

    @Test
    void aDamagedCopyIsWrittenAgainBeforeItIsLoaded() throws Exception {
        Path cache = dir.resolve("cache");
        probe(cache, List.of(), "first.db");
        Path copy = cachedCopy(cache);
        byte[] damaged = Files.readAllBytes(copy);
        damaged[damaged.length / 2] ^= 0x5a;
        Files.write(copy, damaged);

        Map<String, String> next = probe(cache, List.of(), "second.db");

        assertThat(next.get("mapped")).isEqualTo(copy.toString());
        assertThat(Files.readAllBytes(copy)).isEqualTo(jarLibrary(cache));

        Files.write(copy, new byte[] {1, 2, 3});
        assertThat(probe(cache, List.of(), "third.db").get("mapped")).isEqualTo(copy.toString());
        assertThat(Files.readAllBytes(copy)).as("a truncated copy too").isEqualTo(jarLibrary(cache));
    }

    @Test
    void aCacheThatCannotBeMadeLeavesTheLoadToTheDriver() throws Exception {
        Path notADirectory = dir.resolve("cache");
        Files.writeString(notADirectory, "a file where the cache directory would be");

        Map<String, String> result = probe(notADirectory, List.of(), "t.db");

        assertThat(result.get("mapped")).startsWith(driverTmp().toString());
        assertThat(result.get(NativeLibraryCache.LOADED_PROPERTY)).isEqualTo("null");
    }

    @Test
    void aCacheOthersMayWriteIsNotUsed() throws Exception {
        Path cache = dir.resolve("cache");
        Path root = Files.createDirectories(cache.resolve("threadstore"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));

        Map<String, String> result = probe(cache, List.of(), "t.db");

        assertThat(result.get("mapped")).startsWith(driverTmp().toString());
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).collect(Collectors.toList()))
                    .as("no library written where others may write").isEmpty();
        }
    }

    @Test
    void aCopyOthersMayWriteIsNotLoaded() throws Exception {
        Path cache = dir.resolve("cache");
        probe(cache, List.of(), "first.db");
        Path copy = cachedCopy(cache);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-rw-rw-"));

        Map<String, String> result = probe(cache, List.of(), "second.db");

        assertThat(result.get("mapped")).startsWith(driverTmp().toString());
    }

    @Test
    void theApplicationsOwnLibraryPathIsLeftAlone() throws Exception {
        Path own = Files.createDirectories(dir.resolve("own"));
        Path cache = dir.resolve("cache");
        probe(cache, List.of(), "first.db");
        Files.copy(cachedCopy(cache), own.resolve("libsqlitejdbc.so"));
        Path otherCache = dir.resolve("other-cache");

        Map<String, String> result = probe(otherCache, List.of("-Dorg.sqlite.lib.path=" + own,
                "-Dorg.sqlite.lib.name=libsqlitejdbc.so"), "t.db");

        assertThat(result.get("mapped")).isEqualTo(own.resolve("libsqlitejdbc.so").toString());
        assertThat(result.get("org.sqlite.lib.path")).isEqualTo(own.toString());
        assertThat(otherCache).doesNotExist();
    }

    @Test
    void turnedOffTheDriverExtractsItsOwnAsWithoutThreadstore() throws Exception {
        Path cache = dir.resolve("cache");

        Map<String, String> result = probe(cache, List.of("-D" + NativeLibraryCache.ENABLED_PROPERTY + "=false"),
                "t.db");

        assertThat(result.get("mapped")).startsWith(driverTmp().toString());
        assertThat(cache).doesNotExist();
    }

    @Test
    void jvmsStartingTogetherShareOneCopy() throws Exception {
        Path cache = dir.resolve("cache");
        List<Probe> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(start(cache, List.of(), "together-" + i + ".db"));
        }
        List<Map<String, String>> results = new ArrayList<>();
        for (Probe probe : processes) {
            results.add(finish(probe));
        }

        Path copy = cachedCopy(cache);
        assertThat(results).allSatisfy(r -> assertThat(r.get("mapped")).isEqualTo(copy.toString()));
        assertThat(Files.readAllBytes(copy)).isEqualTo(jarLibrary(cache));
        assertThat(leftovers(copy.getParent())).as("no half-written file left behind").isEmpty();
    }

    @Test
    void theRootFollowsXdgCacheHomeThenTheHomeDirectory() {
        assertThat(NativeLibraryCache.root("/x/cache", "/home/u")).isEqualTo(Path.of("/x/cache/threadstore"));
        assertThat(NativeLibraryCache.root("relative", "/home/u")).isEqualTo(Path.of("/home/u/.cache/threadstore"));
        assertThat(NativeLibraryCache.root("", "/home/u")).isEqualTo(Path.of("/home/u/.cache/threadstore"));
        assertThat(NativeLibraryCache.root(null, "/home/u")).isEqualTo(Path.of("/home/u/.cache/threadstore"));
        assertThat(NativeLibraryCache.root(null, "?")).isNull();
        assertThat(NativeLibraryCache.root(null, "")).isNull();
        assertThat(NativeLibraryCache.root(null, null)).isNull();
        assertThat(NativeLibraryCache.root(null, "relative/home")).isNull();
    }

    @Test
    void theDirectoryNameIsSafeText() {
        assertThat(NativeLibraryCache.directoryName("3.54.1.0", "Linux", "amd64"))
                .isEqualTo("sqlite-jdbc-3.54.1.0-linux-amd64");
        assertThat(NativeLibraryCache.directoryName("1.0", "Mac OS X", "aarch64"))
                .isEqualTo("sqlite-jdbc-1.0-mac_os_x-aarch64");
        assertThat(NativeLibraryCache.directoryName("../..", null, "a/b\\c"))
                .isEqualTo("sqlite-jdbc-.._..-unknown-a_b_c");
    }

    // --- the fresh JVMs

    private Path driverTmp() {
        return dir.resolve("driver-tmp");
    }

    /** A probe JVM started, with the files its output goes to. */
    private record Probe(Process process, Path stdout, Path stderr) {
    }

    private Map<String, String> probe(Path cache, List<String> jvmOptions, String database) throws Exception {
        return finish(start(cache, jvmOptions, database));
    }

    private Probe start(Path cache, List<String> jvmOptions, String database) throws IOException {
        Files.createDirectories(driverTmp());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Duser.home=" + dir.resolve("home"));
        command.add("-Dorg.sqlite.tmpdir=" + driverTmp());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NativeLibraryProbe.class.getName());
        command.add(dir.resolve(database).toString());
        Path stdout = dir.resolve(database + ".out");
        Path stderr = dir.resolve(database + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        return new Probe(builder.start(), stdout, stderr);
    }

    /**
     * Waits for the probe and reads what it printed: {@code mapped} (the distinct library files it mapped, joined by
     * commas) and each property it reported.
     */
    private static Map<String, String> finish(Probe probe) throws Exception {
        if (!probe.process().waitFor(60, TimeUnit.SECONDS)) {
            probe.process().destroyForcibly();
            throw new AssertionError("a probe JVM did not finish within 60 s");
        }
        assertThat(probe.process().exitValue()).as(() -> "the probe failed: " + read(probe.stderr())).isZero();
        Map<String, String> result = new HashMap<>();
        Set<String> mapped = new LinkedHashSet<>();
        for (String line : Files.readAllLines(probe.stdout(), StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (line.startsWith("mapped ")) {
                mapped.add(line.substring(space + 1));
            } else {
                result.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        result.put("mapped", String.join(",", mapped));
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Path cachedCopy(Path cache) throws IOException {
        try (Stream<Path> dirs = Files.list(cache.resolve("threadstore"))) {
            List<Path> all = dirs.collect(Collectors.toList());
            assertThat(all).hasSize(1);
            Path only = all.get(0);
            String resource = Files.readString(only.resolve(NativeLibraryCache.RECORD), StandardCharsets.UTF_8).strip();
            return only.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        }
    }

    private static byte[] jarLibrary(Path cache) throws IOException {
        Path copy = cachedCopy(cache);
        String resource = Files.readString(copy.resolveSibling(NativeLibraryCache.RECORD), StandardCharsets.UTF_8)
                .strip();
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    private List<Path> driverExtractions() throws IOException {
        try (Stream<Path> files = Files.list(driverTmp())) {
            return files.collect(Collectors.toList());
        }
    }

    private static List<Path> leftovers(Path copyDirectory) throws IOException {
        try (Stream<Path> files = Files.list(copyDirectory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".part-")).collect(Collectors.toList());
        }
    }
}
