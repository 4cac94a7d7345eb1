package dev.threadstore.files;

import static dev.threadstore.files.MimeCorpus.ascii;
import static dev.threadstore.files.MimeCorpus.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.threadstore.FileStore;
import dev.threadstore.StoredFile;
import dev.threadstore.UnsupportedFileTypeException;
import dev.threadstore.files.MimeCorpus.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Content-true detection over the {@link MimeCorpus}: each sample gets its type from its content, with no
 * name, with its own type declared, with a misleading name and with a misleading declared type.
 */
class MimeTypeDetectorTest {

    @TempDir
    Path dir;

    static Stream<Sample> corpus() {
        return MimeCorpus.all().stream();
    }

    /** A name and a declared type that belong to another format than the sample's. */
    private static String misleadingExtension(Sample sample) {
        return sample.type().equals("image/png") ? "pdf" : "png";
    }

    private static String misleadingType(Sample sample) {
        return sample.type().equals("image/png") ? "application/pdf" : "image/png";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void theContentDecidesWithoutANameOrDeclaredType(Sample sample) {
        assertThat(MimeTypeDetector.detect(sample.content(), "", null)).isEqualTo(sample.type());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void declaringTheRightTypeKeepsIt(Sample sample) {
        assertThat(MimeTypeDetector.detect(sample.content(), "", sample.type())).isEqualTo(sample.type());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aMisleadingNameDoesNotChangeIt(Sample sample) {
        assertThat(MimeTypeDetector.detect(sample.content(), misleadingExtension(sample), null)).isEqualTo(sample.type());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aMisleadingDeclaredTypeDoesNotChangeIt(Sample sample) {
        assertThat(MimeTypeDetector.detect(sample.content(), misleadingExtension(sample), misleadingType(sample)))
                .isEqualTo(sample.type());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void declaringPlainTextDoesNotHideWhatTheContentIs(Sample sample) {
        assertThat(MimeTypeDetector.detect(sample.content(), "txt", "text/plain")).isEqualTo(sample.type());
    }

    static Stream<Arguments> refusedByTheDefaultAllowList() {
        return Stream.of(
                Arguments.of("Mach-O", "cat.png", null),
                Arguments.of("Mach-O", "cat.png", "image/png"),
                Arguments.of("RAR", "photo.jpg", null),
                Arguments.of("7z", "report.pdf", null),
                Arguments.of("SQLite", "notes.txt", null),
                Arguments.of("XZ", "data.gz", null),
                Arguments.of("WebAssembly", "song.mp3", "audio/mpeg"),
                Arguments.of("ELF", "archive.zip", null),
                Arguments.of("Windows PE", "readme.txt", "text/plain"),
                Arguments.of("HTML document", "page.txt", null),
                Arguments.of("text carrying a script", "notes.txt", "text/plain"),
                Arguments.of("PHP", "image.png", null),
                Arguments.of("shell script", "notes.txt", null),
                Arguments.of("XML", "data.txt", null),
                Arguments.of("unknown binary", "song.mp3", null),
                Arguments.of("unknown binary", "photo.png", "image/png"));
    }

    @ParameterizedTest(name = "{0} as {1} declared {2}")
    @MethodSource("refusedByTheDefaultAllowList")
    void contentOffTheAllowListIsRefusedWhateverItIsCalled(String sample, String filename, String declared) {
        byte[] content = MimeCorpus.content(sample);
        try (FileStore files = FileStore.create(dir.resolve("files").toString())) {
            assertThatThrownBy(() -> files.save(content, filename, declared))
                    .isInstanceOf(UnsupportedFileTypeException.class).hasMessageContaining("not allowed");
            assertThat(files.fileCount()).isZero();
        }
    }

    @Test
    void heicAndAvifPhotosAreAcceptedWhenImagesAreAllowed() {
        try (FileStore files = FileStore.create(dir.resolve("files").toString(), Map.of("allowedMimeTypes", "image/*"))) {
            StoredFile heic = files.save(MimeCorpus.isoMedia("heic", "mif1", "heic"), "IMG_0001.HEIC", "image/heic");
            StoredFile avif = files.save(MimeCorpus.isoMedia("avif", "avif", "mif1", "miaf"), "photo.avif", null);

            assertThat(heic.mimeType()).isEqualTo("image/heic");
            assertThat(avif.mimeType()).isEqualTo("image/avif");
        }
    }

    @Test
    void utf16TextIsAcceptedAsText() {
        try (FileStore files = FileStore.create(dir.resolve("files").toString())) {
            byte[] le = MimeCorpus.concat(bytes(0xFF, 0xFE), "Hi ✓".getBytes(StandardCharsets.UTF_16LE));
            byte[] be = MimeCorpus.concat(bytes(0xFE, 0xFF), "Hi ✓".getBytes(StandardCharsets.UTF_16BE));

            assertThat(files.save(le, "le.txt", null).mimeType()).isEqualTo("text/plain");
            assertThat(files.save(be, "be.txt", null).mimeType()).isEqualTo("text/plain");
        }
    }

    @Test
    void plainTextTakesATextTypeItsNameOrDeclarationGivesButNotOneThatNeedsProof() {
        byte[] words = ascii("plain words\r\n\tindented\n");
        assertThat(MimeTypeDetector.detect(words, "md", null)).isEqualTo("text/markdown");
        assertThat(MimeTypeDetector.detect(words, "csv", null)).isEqualTo("text/csv");
        assertThat(MimeTypeDetector.detect(words, "", "text/csv")).isEqualTo("text/csv");
        assertThat(MimeTypeDetector.detect(words, "sh", null)).as("a script by name").isEqualTo("application/x-sh");
        assertThat(MimeTypeDetector.detect(words, "json", "application/json")).isEqualTo("text/plain");
        assertThat(MimeTypeDetector.detect(words, "svg", "image/svg+xml")).isEqualTo("text/plain");
        assertThat(MimeTypeDetector.detect(ascii("{\"a\": 1}"), "", "application/ld+json")).isEqualTo("application/ld+json");
    }

    @Test
    void aSignatureIsNarrowedOnlyWithinItsFamily() {
        assertThat(MimeTypeDetector.detect(MimeCorpus.content("ZIP"), "jar", null)).isEqualTo("application/java-archive");
        byte[] ole = MimeCorpus.concat(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), new byte[120]);
        assertThat(MimeTypeDetector.detect(ole, "doc", null)).isEqualTo("application/msword");
        assertThat(MimeTypeDetector.detect(MimeCorpus.isoMedia("isom", "isom"), "", "audio/mp4")).isEqualTo("audio/mp4");
        assertThat(MimeTypeDetector.detect(MimeCorpus.mp3Frames(), "", "audio/mp3")).isEqualTo("audio/mp3");
        assertThat(MimeTypeDetector.detect(MimeCorpus.isoMedia("heic", "mif1", "heic"), "", "image/heif")).isEqualTo("image/heif");
    }

    @Test
    void structureBehindTheMagicMustParse() {
        byte[] tooBigBox = MimeCorpus.isoMedia("isom", "isom");
        tooBigBox[3] = (byte) 0x80;
        assertThat(MimeTypeDetector.detect(tooBigBox, "mp4", null)).as("an ftyp box larger than the file")
                .isEqualTo("application/octet-stream");
        byte[] badTar = MimeCorpus.tar("a.txt", "x");
        badTar[0] = 'b';
        assertThat(MimeTypeDetector.detect(badTar, "tar", null)).as("a tar header whose checksum is wrong")
                .isEqualTo("application/octet-stream");
        byte[] badFrames = MimeCorpus.mp3Frames();
        badFrames[417] = 0;
        assertThat(MimeTypeDetector.detect(badFrames, "mp3", null)).as("a second MPEG frame header missing")
                .isEqualTo("application/octet-stream");
    }

    @Test
    void unknownBinaryTakesOnlyATypeNoSignatureHereCouldProve() {
        byte[] blob = bytes(0, 1, 2, 3, 200);
        assertThat(MimeTypeDetector.detect(blob, "", "application/x-custom-model")).isEqualTo("application/x-custom-model");
        assertThat(MimeTypeDetector.detect(blob, "mp3", null)).isEqualTo("application/octet-stream");
        assertThat(MimeTypeDetector.detect(blob, "txt", null)).isEqualTo("application/octet-stream");
        assertThat(MimeTypeDetector.detect(new byte[0], "", null)).isEqualTo("application/octet-stream");
        assertThat(MimeTypeDetector.detect(new byte[0], "txt", null)).isEqualTo("text/plain");
        assertThat(MimeTypeDetector.detect(new byte[0], "png", null)).isEqualTo("application/octet-stream");
    }

    @Test
    void detectionOfAdversarialMarkupAndJsonRunsInLinearTime() {
        int megabyte = 1024 * 1024;
        List<byte[]> inputs = List.of(
                ascii("<!---->".repeat(megabyte / 7)),
                ascii("<!-- -->".repeat(megabyte / 8)),
                ascii("<!---->-->".repeat(megabyte / 10)),
                ascii("<!--<!---->".repeat(megabyte / 11)),
                ascii("<!---->".repeat(megabyte / 14) + "<svg"),
                ascii("<?xml version=\"1.0\"?>" + "<!--".repeat(megabyte / 4)),
                ascii("<a".repeat(megabyte / 2)),
                ascii("<!DOCTYPE " + "x".repeat(megabyte)),
                ascii("[".repeat(megabyte)),
                ascii("{\"a\":".repeat(megabyte / 5)),
                ascii("\"" + "\\\\".repeat(megabyte / 2)));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (byte[] input : inputs) {
                MimeTypeDetector.detect(input, "", null);
                MimeTypeDetector.detect(input, "json", "application/json");
            }
        }, "a DoS guard, not a benchmark: eleven 1 MB inputs must not take 10 s");
    }

    @Test
    void declaredTypesAreNormalised() {
        assertThat(MimeTypeDetector.normalise(" Text/CSV; charset=UTF-8")).isEqualTo("text/csv");
        assertThatThrownBy(() -> MimeTypeDetector.normalise("csv")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MimeTypeDetector.normalise("text/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MimeTypeDetector.normalise("../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
