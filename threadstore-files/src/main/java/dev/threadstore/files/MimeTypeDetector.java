package dev.threadstore.files;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides a file's MIME type from its content first and its name second, the way libmagic would for
 * the formats an agent exchanges. A known signature in the first bytes (PDF, PNG, JPEG, GIF, WebP, ZIP,
 * gzip, tar, Ogg, FLAC, WAV, MP3, AAC, MP4, WebM, OLE2, executables) settles the type whatever the
 * caller declared or the extension says; a declared type or the extension may only narrow it within
 * the same container family (a ZIP may be a .docx, an Ogg stream may be Opus). Content without a
 * signature is text or unknown binary: for text a declared or extension type is used only if it is a
 * text type, otherwise JSON and SVG are recognised and the rest is {@code text/plain}; for unknown
 * binary a declared or extension type is used only if it is not a text type, otherwise
 * {@code application/octet-stream}. So {@code x.exe} declared {@code text/plain} is still an executable,
 * and {@code x.pdf} holding text is {@code text/plain}.
 */
final class MimeTypeDetector {

    static final String OCTET_STREAM = "application/octet-stream";

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("doc", "application/msword"), Map.entry("dot", "application/msword"),
            Map.entry("xls", "application/vnd.ms-excel"), Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("docx", DOCX), Map.entry("xlsx", XLSX), Map.entry("pptx", PPTX),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("epub", "application/epub+zip"), Map.entry("jar", "application/java-archive"),
            Map.entry("txt", "text/plain"), Map.entry("text", "text/plain"), Map.entry("log", "text/plain"),
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("md", "text/markdown"), Map.entry("markdown", "text/markdown"),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("py", "text/x-python"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("yaml", "application/yaml"), Map.entry("yml", "application/yaml"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("svg", "image/svg+xml"),
            Map.entry("bmp", "image/bmp"), Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"),
            Map.entry("zip", "application/zip"), Map.entry("tar", "application/x-tar"),
            Map.entry("gz", "application/gzip"), Map.entry("tgz", "application/gzip"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/x-m4a"), Map.entry("mp4", "video/mp4"),
            Map.entry("opus", "audio/opus"), Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
            Map.entry("wav", "audio/wav"), Map.entry("weba", "audio/webm"), Map.entry("webm", "video/webm"),
            Map.entry("aac", "audio/aac"), Map.entry("flac", "audio/flac"),
            Map.entry("exe", "application/x-msdownload"), Map.entry("dll", "application/x-msdownload"),
            Map.entry("sh", "application/x-sh"));

    /** Types a signature allows a declared type or an extension to narrow it to. */
    private static final Map<String, Set<String>> FAMILIES = Map.of(
            "application/zip", Set.of("application/zip", DOCX, XLSX, PPTX, "application/vnd.oasis.opendocument.text",
                    "application/epub+zip", "application/java-archive"),
            "application/x-ole-storage", Set.of("application/msword", "application/vnd.ms-excel",
                    "application/vnd.ms-powerpoint"),
            "audio/ogg", Set.of("audio/ogg", "audio/opus", "video/ogg", "application/ogg"),
            "audio/opus", Set.of("audio/ogg", "audio/opus"),
            "audio/mpeg", Set.of("audio/mpeg", "audio/mp3"),
            "audio/wav", Set.of("audio/wav", "audio/x-wav", "audio/wave"),
            "audio/x-m4a", Set.of("audio/x-m4a", "audio/mp4", "audio/m4a"),
            "video/mp4", Set.of("video/mp4", "audio/mp4", "audio/x-m4a", "audio/m4a"),
            "video/webm", Set.of("video/webm", "audio/webm", "video/x-matroska"),
            "video/x-matroska", Set.of("video/x-matroska", "video/webm", "audio/webm"));

    private static final Pattern SVG = Pattern.compile(
            "^\\s*(<\\?xml[^>]*>\\s*)?(<!--.*?-->\\s*)*(<!DOCTYPE\\s+svg[^>]*>\\s*)?(<!--.*?-->\\s*)*<svg[\\s>/]",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private MimeTypeDetector() {
    }

    /**
     * @param content the bytes
     * @param extension the file name's extension, lower case, or empty
     * @param declared the caller's MIME type, normalised, or null
     * @return the MIME type, lower case, without parameters
     */
    static String detect(byte[] content, String extension, @Nullable String declared) {
        String byExtension = BY_EXTENSION.get(extension);
        String signature = signature(content);
        if (signature != null) {
            Set<String> family = FAMILIES.getOrDefault(signature, Set.of(signature));
            for (String candidate : new String[] {declared, byExtension}) {
                if (candidate != null && family.contains(candidate)) {
                    return candidate;
                }
            }
            return signature.equals("application/zip") ? officeDocument(content) : signature;
        }
        if (content.length == 0) {
            return declared != null ? declared : byExtension != null ? byExtension : OCTET_STREAM;
        }
        boolean text = looksLikeText(content);
        for (String candidate : new String[] {declared, byExtension}) {
            if (candidate != null && isTextType(candidate) == text) {
                return candidate;
            }
        }
        return text ? textType(content) : OCTET_STREAM;
    }

    /**
     * @param mimeType a caller's MIME type, e.g. {@code "Text/Plain; charset=utf-8"}
     * @return its {@code type/subtype}, lower case
     * @throws IllegalArgumentException if it is not a MIME type
     */
    static String normalise(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        String type = (semicolon >= 0 ? mimeType.substring(0, semicolon) : mimeType).strip().toLowerCase(Locale.ROOT);
        if (!type.matches("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")) {
            throw new IllegalArgumentException("mimeType '" + abbreviate(mimeType) + "' is not a MIME type of the form "
                    + "type/subtype (e.g. application/pdf); pass null to detect it from the content");
        }
        return type;
    }

    /** @return the MIME type the extension names, if it is a known one */
    static @Nullable String byExtension(String extension) {
        return BY_EXTENSION.get(extension);
    }

    static boolean isTextType(String mimeType) {
        return mimeType.startsWith("text/") || mimeType.endsWith("/json") || mimeType.endsWith("+json")
                || mimeType.endsWith("/xml") || mimeType.endsWith("+xml") || mimeType.equals("application/yaml")
                || mimeType.equals("application/javascript") || mimeType.equals("application/x-sh");
    }

    private static @Nullable String signature(byte[] b) {
        if (startsWith(b, 0, "%PDF-")) {
            return "application/pdf";
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(b, 0, "GIF87a") || startsWith(b, 0, "GIF89a")) {
            return "image/gif";
        }
        if (startsWith(b, 0, "RIFF") && b.length >= 12) {
            if (startsWith(b, 8, "WEBP")) {
                return "image/webp";
            }
            if (startsWith(b, 8, "WAVE")) {
                return "audio/wav";
            }
            if (startsWith(b, 8, "AVI ")) {
                return "video/x-msvideo";
            }
        }
        if (startsWith(b, 0, "BM") && b.length >= 26 && b[14] != 0 && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0) {
            return "image/bmp";
        }
        if (startsWith(b, 0, 'P', 'K', 3, 4) || startsWith(b, 0, 'P', 'K', 5, 6) || startsWith(b, 0, 'P', 'K', 7, 8)) {
            return "application/zip";
        }
        if (startsWith(b, 0, 0x1F, 0x8B)) {
            return "application/gzip";
        }
        if (startsWith(b, 257, "ustar")) {
            return "application/x-tar";
        }
        if (startsWith(b, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return "application/x-ole-storage";
        }
        if (startsWith(b, 0, "OggS")) {
            return startsWith(b, 28, "OpusHead") ? "audio/opus" : "audio/ogg";
        }
        if (startsWith(b, 0, "fLaC")) {
            return "audio/flac";
        }
        if (startsWith(b, 0, "ID3")) {
            return "audio/mpeg";
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xF0) == 0xF0 && (b[1] & 0x06) == 0) {
            return "audio/aac";
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0 && (b[1] & 0x06) != 0
                && (b[2] & 0xF0) != 0xF0) {
            return "audio/mpeg";
        }
        if (startsWith(b, 4, "ftyp")) {
            return startsWith(b, 8, "M4A ") || startsWith(b, 8, "M4B ") ? "audio/x-m4a" : "video/mp4";
        }
        if (startsWith(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return indexOf(b, "webm".getBytes(StandardCharsets.US_ASCII), 64) >= 0 ? "video/webm" : "video/x-matroska";
        }
        if (startsWith(b, 0, "MZ")) {
            return "application/x-msdownload";
        }
        if (startsWith(b, 0, 0x7F, 'E', 'L', 'F')) {
            return "application/x-executable";
        }
        if (startsWith(b, 0, 0xCA, 0xFE, 0xBA, 0xBE)) {
            return "application/java-vm";
        }
        return null;
    }

    /** A ZIP is a Word, Excel or PowerPoint file when its entries say so. */
    private static String officeDocument(byte[] zip) {
        for (Map.Entry<String, String> e : List.of(Map.entry("word/document", DOCX), Map.entry("xl/workbook", XLSX),
                Map.entry("ppt/presentation", PPTX))) {
            if (indexOf(zip, e.getKey().getBytes(StandardCharsets.US_ASCII), zip.length) >= 0) {
                return e.getValue();
            }
        }
        return "application/zip";
    }

    /** Text: no control bytes other than tab, line feed, vertical tab, form feed, carriage return and escape. */
    private static boolean looksLikeText(byte[] b) {
        for (byte x : b) {
            int c = x & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r' && c != 0x1B || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String textType(byte[] b) {
        int n = Math.min(b.length, 4096);
        String head = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        if (SVG.matcher(head).find()) {
            return "image/svg+xml";
        }
        int first = 0;
        if (startsWith(b, 0, 0xEF, 0xBB, 0xBF)) {
            first = 3;
        }
        while (first < b.length && isSpace(b[first])) {
            first++;
        }
        int last = b.length - 1;
        while (last > first && isSpace(b[last])) {
            last--;
        }
        if (last > first && (b[first] == '{' && b[last] == '}' || b[first] == '[' && b[last] == ']')) {
            return "application/json";
        }
        return "text/plain";
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean startsWith(byte[] b, int offset, String ascii) {
        if (b.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int limit) {
        int end = Math.min(haystack.length, limit) - needle.length;
        outer:
        for (int i = 0; i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
