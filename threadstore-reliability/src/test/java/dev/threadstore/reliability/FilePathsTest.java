package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.threadstore.FileStore;
import dev.threadstore.StoredFile;
import dev.threadstore.StoredFileNotFoundException;
import dev.threadstore.UnsupportedFileTypeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names, storage paths and file ids that try to leave the FileStore's directory. A sentinel file
 * sits next to the base directory: it must never be read, overwritten or deleted, and no file may
 * appear outside the base.
 */
@Order(6)
@ExtendWith(ReliabilityReport.class)
class FilePathsTest {

    private static final byte[] SECRET = "sentinel: must never be read through the store".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path base() {
        return dir.resolve("base");
    }

    private Path sentinel() throws Exception {
        Path outside = dir.resolve("outside");
        Files.createDirectories(outside);
        Path s = outside.resolve("secret.txt");
        if (!Files.exists(s)) {
            Files.write(s, SECRET);
        }
        return s;
    }

    @Test
    void hostileFilenamesNeverWriteOutsideTheBase(Scenario scenario) throws Exception {
        scenario.describe(Area.FILE_PATHS, "Filenames that try to leave the directory", "files");
        Path secret = sentinel();
        List<String> names = List.of("../../outside/secret.txt", "../secret.txt", "/etc/passwd", "/tmp/evil.txt",
                "..\\..\\outside\\secret.txt", "a/../../b.txt", "./../c.txt", "..", ".", "", "~/x.txt",
                "x.txt\u0000.png", "%2e%2e%2fsecret.txt", "CON", "name." + "x".repeat(300), "y".repeat(10_000) + ".txt",
                "ok/../../../outside/secret.txt", "\u202Etxt.exe");
        int stored = 0;
        int rejected = 0;
        try (FileStore files = FileStore.create(base().toString())) {
            for (String name : names) {
                Throwable t = catchThrowable(() -> {
                    StoredFile f = files.save("plain text".getBytes(StandardCharsets.UTF_8), name, "text/plain");
                    Path where = base().resolve(f.storagePath()).normalize();
                    assertThat(where).as("file stored for name %s", HostileStrings.show(name)).startsWith(base()).exists();
                    assertThat(files.get(f.id(), f.storagePath())).asString().isEqualTo("plain text");
                });
                if (t == null) {
                    stored++;
                } else {
                    assertThat(t).as("name %s", HostileStrings.show(name))
                            .isInstanceOfAny(IllegalArgumentException.class, UnsupportedFileTypeException.class);
                    rejected++;
                }
            }
        }
        assertThat(Files.readAllBytes(secret)).isEqualTo(SECRET);
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).filter(p -> !p.startsWith(base())))
                    .as("files outside the base").containsExactly(secret);
        }
        scenario.tried("%d file names: ../ and ..\\ chains, absolute paths, ~, NUL, percent-encoded dots, 10,000-char name, RTL override",
                names.size());
        scenario.found("%d stored inside the base under a generated name, %d rejected with IllegalArgumentException; "
                + "nothing written outside; sentinel intact", stored, rejected);
    }

    @Test
    void hostileStoragePathsAndIdsNeverReadOrDeleteOutsideTheBase(Scenario scenario) throws Exception {
        scenario.describe(Area.FILE_PATHS, "Storage paths and ids that try to leave the directory", "files");
        Path secret = sentinel();
        List<String> outside = List.of("../outside/secret.txt", "../../outside/secret.txt", secret.toString(), "/etc/passwd",
                "aa/../../outside/secret.txt", "./../outside/secret.txt", "..", "../", "/", "aa/../..",
                "aa/bb/../../../outside/secret.txt", base().toString() + "/../outside/secret.txt");
        List<String> insideMissing = List.of("aa/bbbb.txt", "aa/../cc/dd.txt", "..\\outside\\secret.txt",
                "%2e%2e/outside/secret.txt", "aa/bbbb.txt\u0000", "", "z".repeat(10_000));
        int refused = 0;
        int notFound = 0;
        List<String> wrong = new ArrayList<>();
        try (FileStore files = FileStore.create(base().toString())) {
            StoredFile real = files.save("real".getBytes(StandardCharsets.UTF_8), "real.txt", "text/plain");
            for (String path : outside) {
                Throwable get = catchThrowable(() -> files.get(real.id(), path));
                Throwable delete = catchThrowable(() -> files.delete(real.id(), path));
                if (!(get instanceof IllegalArgumentException) || !(delete instanceof IllegalArgumentException)) {
                    wrong.add("outside " + path + ": get -> " + describe(get) + ", delete -> " + describe(delete));
                } else {
                    refused += 2;
                }
            }
            for (String path : insideMissing) {
                Throwable get = catchThrowable(() -> files.get(real.id(), path));
                Throwable delete = catchThrowable(() -> assertThat(files.delete(real.id(), path)).isFalse());
                boolean getOk = get instanceof IllegalArgumentException || get instanceof StoredFileNotFoundException;
                boolean deleteOk = delete == null || delete instanceof IllegalArgumentException;
                if (!getOk || !deleteOk) {
                    wrong.add("missing " + HostileStrings.show(path) + ": get -> " + describe(get) + ", delete -> " + describe(delete));
                } else {
                    notFound += 2;
                }
            }
            for (String id : List.of("../outside/secret", "../../outside/secret.txt", secret.toString(), "..", "")) {
                Throwable get = catchThrowable(() -> assertThat(files.get(id, real.storagePath())).isNotEqualTo(SECRET));
                if (get != null && !(get instanceof IllegalArgumentException || get instanceof StoredFileNotFoundException)) {
                    wrong.add("id " + id + ": get -> " + describe(get));
                }
            }
            assertThat(files.get(real.id(), real.storagePath())).asString().isEqualTo("real");
        }
        assertThat(wrong).isEmpty();
        assertThat(Files.readAllBytes(secret)).isEqualTo(SECRET);
        scenario.tried("%d storage paths outside the base (../, absolute, the sentinel's own path), %d inside but missing "
                + "(backslashes, %%2e, NUL, empty, 10,000 chars), 5 hostile file ids; get and delete each", outside.size(), insideMissing.size());
        scenario.found("%d IllegalArgumentException for paths outside; %d not found/false for missing ones; sentinel never read or deleted",
                refused, notFound);
    }

    private static String describe(Throwable t) {
        return t == null ? "no exception" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
