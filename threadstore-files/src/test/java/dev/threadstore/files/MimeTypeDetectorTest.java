package dev.threadstore.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.tck.FileStoreContract.FileSamples;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeTypeDetectorTest {

    private static String detect(byte[] content, String extension) {
        return MimeTypeDetector.detect(content, extension, null);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[Math.max(values.length, 64)];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void recognisesTheSignaturesOfCommonFormats() {
        assertThat(detect(FileSamples.pdf(), "")).isEqualTo("application/pdf");
        assertThat(detect(FileSamples.png(), "")).isEqualTo("image/png");
        assertThat(detect(FileSamples.jpeg(), "")).isEqualTo("image/jpeg");
        assertThat(detect(FileSamples.gif(), "")).isEqualTo("image/gif");
        assertThat(detect(FileSamples.webp(), "")).isEqualTo("image/webp");
        assertThat(detect(FileSamples.zip(), "")).isEqualTo("application/zip");
        assertThat(detect(FileSamples.gzip(), "")).isEqualTo("application/gzip");
        assertThat(detect(FileSamples.mp3(), "")).isEqualTo("audio/mpeg");
        assertThat(detect(bytes(0xFF, 0xFB, 0x90, 0x00), "")).as("MPEG frame without a tag").isEqualTo("audio/mpeg");
        assertThat(detect(bytes(0xFF, 0xF1, 0x50, 0x80), "")).as("AAC ADTS").isEqualTo("audio/aac");
        assertThat(detect(ascii("fLaC\0\0\0\"xxxxxxxx"), "")).isEqualTo("audio/flac");
        assertThat(detect(ascii("RIFF\u0024\0\0\0WAVEfmt "), "")).isEqualTo("audio/wav");
        assertThat(detect(ascii("OggS\0\2" + "\0".repeat(22) + "OpusHead"), "")).isEqualTo("audio/opus");
        assertThat(detect(ascii("OggS\0\2" + "\0".repeat(22) + "\u0001vorbis"), "")).isEqualTo("audio/ogg");
        assertThat(detect(ascii("\0\0\0\u0020ftypM4A \0\0\0\0"), "")).isEqualTo("audio/x-m4a");
        assertThat(detect(ascii("\0\0\0\u0020ftypisom\0\0\0\0"), "")).isEqualTo("video/mp4");
        assertThat(detect(ascii("\u001A\u0045\u00DF\u00A3\u0093\u0042\u0082\u0088webm"), "")).isEqualTo("video/webm");
        byte[] tar = new byte[512];
        System.arraycopy(ascii("ustar"), 0, tar, 257, 5);
        assertThat(detect(tar, "")).isEqualTo("application/x-tar");
        assertThat(detect(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), "doc")).isEqualTo("application/msword");
        assertThat(detect(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), "")).isEqualTo("application/x-ole-storage");
        assertThat(detect(FileSamples.executable(64), "txt")).isEqualTo("application/x-msdownload");
        assertThat(detect(bytes(0x7F, 'E', 'L', 'F'), "")).isEqualTo("application/x-executable");
    }

    @Test
    void aZipIsAWordDocumentWhenItsEntriesOrItsExtensionSaySo() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
            zip.closeEntry();
        }
        assertThat(detect(out.toByteArray(), "")).isEqualTo(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(detect(FileSamples.zip(), "jar")).isEqualTo("application/java-archive");
    }

    @Test
    void aDeclaredTypeNarrowsASignatureOnlyWithinItsFamily() {
        assertThat(MimeTypeDetector.detect(FileSamples.mp3(), "", "audio/mp3")).isEqualTo("audio/mp3");
        assertThat(MimeTypeDetector.detect(ascii("\0\0\0\u0020ftypisom\0\0\0\0"), "", "audio/mp4")).isEqualTo("audio/mp4");
        assertThat(MimeTypeDetector.detect(FileSamples.png(), "", "application/pdf")).isEqualTo("image/png");
    }

    @Test
    void textIsPlainUnlessTheNameOrDeclarationNamesATextType() {
        byte[] words = ascii("plain words\r\n\tindented\n");
        assertThat(detect(words, "")).isEqualTo("text/plain");
        assertThat(detect(words, "md")).isEqualTo("text/markdown");
        assertThat(detect(words, "csv")).isEqualTo("text/csv");
        assertThat(detect(words, "pdf")).as("the content is not a PDF").isEqualTo("text/plain");
        assertThat(detect(words, "unknownext")).isEqualTo("text/plain");
        assertThat(detect("Grüße ✓".getBytes(StandardCharsets.UTF_8), "")).isEqualTo("text/plain");
        assertThat(MimeTypeDetector.detect(words, "", "text/csv")).isEqualTo("text/csv");
        assertThat(MimeTypeDetector.detect(words, "", "image/png")).isEqualTo("text/plain");
    }

    @Test
    void jsonAndSvgAreRecognisedInText() {
        assertThat(detect(ascii("  {\"a\": 1}\n"), "")).isEqualTo("application/json");
        assertThat(detect(ascii("\u00EF\u00BB\u00BF[1, 2]"), "")).isEqualTo("application/json");
        assertThat(detect(ascii("[1, 2"), "")).isEqualTo("text/plain");
        assertThat(detect(FileSamples.svg(), "")).isEqualTo("image/svg+xml");
        assertThat(detect(ascii("<!-- logo -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "")).isEqualTo("image/svg+xml");
        assertThat(detect(ascii("<html><svg></svg></html>"), "")).isEqualTo("text/plain");
    }

    @Test
    void unknownBinaryIsOctetStreamUnlessNamedAsABinaryType() {
        byte[] blob = bytes(0, 1, 2, 3, 200);
        assertThat(detect(blob, "")).isEqualTo("application/octet-stream");
        assertThat(detect(blob, "txt")).as("binary is not text").isEqualTo("application/octet-stream");
        assertThat(detect(blob, "mp3")).isEqualTo("audio/mpeg");
        assertThat(detect(new byte[0], "")).isEqualTo("application/octet-stream");
        assertThat(detect(new byte[0], "txt")).isEqualTo("text/plain");
    }

    @Test
    void declaredTypesAreNormalised() {
        assertThat(MimeTypeDetector.normalise(" Text/CSV; charset=UTF-8")).isEqualTo("text/csv");
        assertThatThrownBy(() -> MimeTypeDetector.normalise("csv")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MimeTypeDetector.normalise("text/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MimeTypeDetector.normalise("../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
