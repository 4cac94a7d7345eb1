package dev.threadstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachmentStagingTest {

    private static Map<String, Object> describe(String filename, String mimeType, byte[] content) {
        Attachment attachment = Attachment.of(content, filename);
        StoredFile file = new StoredFile("0123", filename, mimeType, "01/23.bin", "local", Instant.now(),
                content.length, "00");
        return AttachmentStaging.describe(attachment, file, content);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void imagesAndAudioAreDescribedByKind() {
        assertThat(describe("p.png", "image/png", new byte[] {1}))
                .containsEntry("type", "image").containsEntry("description", "Image file p.png")
                .containsEntry("mime_type", "image/png").containsEntry("storage_path", "01/23.bin");
        assertThat(describe("v.mp3", "audio/mpeg", new byte[] {1}))
                .containsEntry("type", "audio").containsEntry("description", "Audio file v.mp3");
    }

    @Test
    void pdfAndWordFilesAreDocuments() {
        assertThat(describe("r.pdf", "application/pdf", utf8("%PDF-1.4"))).containsEntry("type", "document")
                .containsEntry("description", "PDF document r.pdf");
        assertThat(describe("r.doc", "application/msword", new byte[] {1})).containsEntry("type", "document");
    }

    @Test
    void textKeepsItsFirst500CharactersCountingCodePoints() {
        String text = "\uD83D\uDE00".repeat(300) + "x".repeat(300);
        Map<String, Object> attributes = describe("t.txt", "text/plain", utf8(text));
        assertThat(attributes).containsEntry("type", "text").doesNotContainKey("encoding");
        String preview = (String) attributes.get("text");
        assertThat(preview.codePointCount(0, preview.length())).isEqualTo(500);
        assertThat(preview).isEqualTo("\uD83D\uDE00".repeat(300) + "x".repeat(200));

        assertThat(describe("short.csv", "text/csv", utf8("a,b\n1,2\n"))).containsEntry("text", "a,b\n1,2\n");
    }

    @Test
    void textThatIsNotUtf8IsReadAsLatin1AndSaysSo() {
        Map<String, Object> attributes = describe("t.txt", "text/plain", new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertThat(attributes).containsEntry("text", "caf\u00e9").containsEntry("encoding", "ISO-8859-1");
    }

    @Test
    void jsonCarriesItsParsedValue() {
        Map<String, Object> attributes = describe("d.json", "application/json", utf8("{\"a\": [1, 2.5, \"x\"]}"));
        assertThat(attributes).containsEntry("type", "json").containsEntry("overview", "JSON data structure")
                .containsEntry("parsed_content", Map.of("a", List.of(1L, 2.5, "x")));
    }

    @Test
    void jsonThatDoesNotParseCarriesTheError() {
        Map<String, Object> attributes = describe("d.json", "application/json", utf8("{\"a\": "));
        assertThat(attributes).containsEntry("type", "json").doesNotContainKey("parsed_content");
        assertThat((String) attributes.get("error")).startsWith("Failed to parse JSON: invalid JSON at offset");
    }

    @Test
    void anythingElseIsBinary() {
        assertThat(describe("a.zip", "application/zip", new byte[] {1}))
                .containsEntry("type", "binary").containsEntry("description", "Binary file a.zip");
    }

    @Test
    void theCallersOwnAttributesAreKept() {
        Attachment attachment = new Attachment("n.txt", utf8("hi"), null, Map.of("origin", "upload"), null, null,
                null, AttachmentStatus.PENDING, 2, null);
        StoredFile file = new StoredFile("0123", "n.txt", "text/plain", "01/23.txt", "local", Instant.now(), 2, "00");
        assertThat(AttachmentStaging.describe(attachment, file, utf8("hi")))
                .containsEntry("origin", "upload").containsEntry("text", "hi");
    }

    @Test
    void utf16TextIsPreviewedAsText() {
        byte[] le = new byte[] {(byte) 0xFF, (byte) 0xFE, 'H', 0, 'i', 0, ' ', 0, 0x13, 0x27};
        byte[] be = new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'H', 0, 'i'};

        assertThat(describe("le.txt", "text/plain", le)).containsEntry("text", "Hi \u2713").containsEntry("encoding", "UTF-16");
        assertThat(describe("be.txt", "text/plain", be)).containsEntry("text", "Hi");
    }
}
