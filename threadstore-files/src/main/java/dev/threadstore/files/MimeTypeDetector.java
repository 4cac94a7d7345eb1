package dev.threadstore.files;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Decides a file's MIME type from what its content proves, using the declared type and the name only to
 * narrow it. The content is read in this order:
 * <ol>
 *   <li>PDF, whose header is text, is recognised first;</li>
 *   <li>text ({@link TextContent}: a byte order mark, or valid UTF-8, without control characters) wins over
 *       every other signature, and is classified as a script, PHP, HTML, SVG, XML, JSON (only when it parses)
 *       or plain text;</li>
 *   <li>the {@link #SIGNATURES} table: magic bytes plus the structure that must parse behind them (an MP3
 *       frame header, an ISO-BMFF {@code ftyp} box whose size fits and whose brand says HEIC, AVIF, M4A or
 *       MP4, tar's header checksum, …), including executables and archives that are not on any allow-list
 *       (ELF, Mach-O, PE, RAR, 7z, XZ, SQLite, WebAssembly, …), so the allow-list refuses them by their own
 *       type;</li>
 *   <li>other bytes without control bytes are ISO-8859-1 text; the rest is unknown binary.</li>
 * </ol>
 * Then: a declared type, else the extension's, replaces a signature's type only within its family (a ZIP may
 * be a .docx, an Ogg stream Opus); replaces detected plain text only with another text type that needs no
 * proof (CSV, Markdown, a shell script by name); and names unknown binary only with a type that has no
 * signature here, since a type that has one ({@link #PROVABLE}) is accepted only when the content carries it.
 * Everything runs in time linear in the content, without regular expressions over it.
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
            Map.entry("js", "text/javascript"), Map.entry("py", "text/x-python"), Map.entry("php", "application/x-php"),
            Map.entry("rb", "text/x-ruby"), Map.entry("pl", "text/x-perl"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("yaml", "application/yaml"), Map.entry("yml", "application/yaml"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("svg", "image/svg+xml"),
            Map.entry("bmp", "image/bmp"), Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"),
            Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"), Map.entry("avif", "image/avif"),
            Map.entry("zip", "application/zip"), Map.entry("tar", "application/x-tar"),
            Map.entry("gz", "application/gzip"), Map.entry("tgz", "application/gzip"),
            Map.entry("bz2", "application/x-bzip2"), Map.entry("xz", "application/x-xz"), Map.entry("zst", "application/zstd"),
            Map.entry("7z", "application/x-7z-compressed"), Map.entry("rar", "application/vnd.rar"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/x-m4a"), Map.entry("mp4", "video/mp4"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("opus", "audio/opus"), Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
            Map.entry("wav", "audio/wav"), Map.entry("weba", "audio/webm"), Map.entry("webm", "video/webm"),
            Map.entry("aac", "audio/aac"), Map.entry("flac", "audio/flac"),
            Map.entry("exe", "application/x-msdownload"), Map.entry("dll", "application/x-msdownload"),
            Map.entry("wasm", "application/wasm"), Map.entry("sqlite", "application/vnd.sqlite3"),
            Map.entry("sh", "application/x-sh"), Map.entry("bash", "application/x-sh"));

    /** Types a signature's type may be narrowed to by a declared type or the extension. */
    private static final Map<String, Set<String>> FAMILIES = Map.ofEntries(
            Map.entry("application/zip", Set.of("application/zip", DOCX, XLSX, PPTX,
                    "application/vnd.oasis.opendocument.text", "application/epub+zip", "application/java-archive")),
            Map.entry("application/x-ole-storage", Set.of("application/msword", "application/vnd.ms-excel",
                    "application/vnd.ms-powerpoint")),
            Map.entry("audio/ogg", Set.of("audio/ogg", "audio/opus", "video/ogg", "application/ogg")),
            Map.entry("audio/opus", Set.of("audio/ogg", "audio/opus")),
            Map.entry("audio/mpeg", Set.of("audio/mpeg", "audio/mp3")),
            Map.entry("audio/wav", Set.of("audio/wav", "audio/x-wav", "audio/wave")),
            Map.entry("audio/x-m4a", Set.of("audio/x-m4a", "audio/mp4", "audio/m4a")),
            Map.entry("video/mp4", Set.of("video/mp4", "audio/mp4", "audio/x-m4a", "audio/m4a")),
            Map.entry("image/heic", Set.of("image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence")),
            Map.entry("video/webm", Set.of("video/webm", "audio/webm", "video/x-matroska")),
            Map.entry("video/x-matroska", Set.of("video/x-matroska", "video/webm", "audio/webm")));

    /** Detected text types a declared type or the extension may name more precisely. */
    private static final Map<String, Predicate<String>> TEXT_FAMILIES = Map.of(
            TextContent.JSON, t -> t.endsWith("/json") || t.endsWith("+json"),
            TextContent.XML, t -> (t.endsWith("/xml") || t.endsWith("+xml")) && !t.equals(TextContent.SVG),
            TextContent.HTML, t -> t.equals("application/xhtml+xml"),
            TextContent.PHP, t -> t.equals("text/x-php") || t.equals("application/php"),
            TextContent.SHELL, t -> t.equals("application/x-sh") || t.equals("text/x-sh"));

    /** Text types the content must show to be called so: a caller's word alone does not make text JSON or SVG. */
    private static final Set<String> TEXT_NEEDS_PROOF = Set.of(TextContent.JSON, TextContent.XML, TextContent.SVG,
            "text/xml", "text/json");

    /**
     * A content signature: the bytes it starts with and the structure that must parse behind them.
     *
     * @param types every type {@code detect} can return
     * @param detect the type the content proves, or null when it does not match
     */
    private record Signature(Set<String> types, Function<byte[], @Nullable String> detect) {

        static Signature magic(String type, int offset, int... bytes) {
            return new Signature(Set.of(type), b -> startsWith(b, offset, bytes) ? type : null);
        }

        static Signature magic(String type, int offset, String ascii) {
            return new Signature(Set.of(type), b -> startsWith(b, offset, ascii) ? type : null);
        }

        static Signature of(String type, Predicate<byte[]> matches) {
            return new Signature(Set.of(type), b -> matches.test(b) ? type : null);
        }
    }

    /** Checked before text: a PDF's header and often its whole body are ASCII. */
    private static final Signature PDF = Signature.magic("application/pdf", 0, "%PDF-");

    /** Checked after text, in order; the first that matches decides. */
    private static final List<Signature> SIGNATURES = List.of(
            Signature.magic("image/png", 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A),
            Signature.magic("image/jpeg", 0, 0xFF, 0xD8, 0xFF),
            Signature.of("image/gif", b -> startsWith(b, 0, "GIF87a") || startsWith(b, 0, "GIF89a")),
            new Signature(Set.of("image/webp", "audio/wav", "video/x-msvideo"), MimeTypeDetector::riff),
            Signature.of("image/bmp", MimeTypeDetector::isBmp),
            Signature.of("image/tiff", b -> startsWith(b, 0, 'I', 'I', 0x2A, 0) || startsWith(b, 0, 'M', 'M', 0, 0x2A)),
            new Signature(Set.of("image/heic", "image/avif", "audio/x-m4a", "video/mp4", "video/quicktime"),
                    MimeTypeDetector::isoMediaBrand),
            new Signature(Set.of("application/zip", DOCX, XLSX, PPTX), MimeTypeDetector::zip),
            Signature.magic("application/gzip", 0, 0x1F, 0x8B, 0x08),
            Signature.of("application/x-bzip2", b -> startsWith(b, 0, "BZh") && b.length > 9 && b[3] >= '1' && b[3] <= '9'
                    && startsWith(b, 4, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59)),
            Signature.magic("application/x-xz", 0, 0xFD, '7', 'z', 'X', 'Z', 0),
            Signature.magic("application/zstd", 0, 0x28, 0xB5, 0x2F, 0xFD),
            Signature.magic("application/x-7z-compressed", 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C),
            Signature.magic("application/vnd.rar", 0, 'R', 'a', 'r', '!', 0x1A, 0x07),
            Signature.of("application/x-tar", MimeTypeDetector::isTarHeader),
            Signature.magic("application/x-ole-storage", 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1),
            new Signature(Set.of("audio/ogg", "audio/opus"),
                    b -> startsWith(b, 0, 'O', 'g', 'g', 'S', 0) ? startsWith(b, 28, "OpusHead") ? "audio/opus" : "audio/ogg" : null),
            Signature.of("audio/flac", b -> startsWith(b, 0, "fLaC") && b.length > 4 && (b[4] & 0x7F) == 0),
            Signature.of("audio/mpeg", MimeTypeDetector::isMp3),
            Signature.of("audio/aac", MimeTypeDetector::isAdts),
            new Signature(Set.of("video/webm", "video/x-matroska"), b -> startsWith(b, 0, 0x1A, 0x45, 0xDF, 0xA3)
                    ? indexOf(b, "webm".getBytes(StandardCharsets.US_ASCII), 64) >= 0 ? "video/webm" : "video/x-matroska"
                    : null),
            Signature.magic("application/vnd.sqlite3", 0, "SQLite format 3\0"),
            Signature.magic("application/wasm", 0, 0, 'a', 's', 'm'),
            Signature.magic("application/x-executable", 0, 0x7F, 'E', 'L', 'F'),
            Signature.of("application/x-mach-binary", b -> startsWith(b, 0, 0xFE, 0xED, 0xFA, 0xCE)
                    || startsWith(b, 0, 0xFE, 0xED, 0xFA, 0xCF) || startsWith(b, 0, 0xCE, 0xFA, 0xED, 0xFE)
                    || startsWith(b, 0, 0xCF, 0xFA, 0xED, 0xFE)),
            new Signature(Set.of("application/x-mach-binary", "application/java-vm"), b -> startsWith(b, 0, 0xCA, 0xFE, 0xBA, 0xBE)
                    ? b.length >= 8 && u32be(b, 4) < 45 ? "application/x-mach-binary" : "application/java-vm"
                    : null),
            Signature.magic("application/x-msdownload", 0, "MZ"));

    /** Types that a signature here can prove: accepted only when the content carries it. */
    static final Set<String> PROVABLE = provable();

    private MimeTypeDetector() {
    }

    private static Set<String> provable() {
        Set<String> types = new HashSet<>(PDF.types());
        SIGNATURES.forEach(s -> types.addAll(s.types()));
        FAMILIES.forEach((type, family) -> {
            types.add(type);
            types.addAll(family);
        });
        types.addAll(List.of("application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
                "application/x-msdos-program", "application/vnd.microsoft.portable-executable", "image/heif"));
        return Set.copyOf(types);
    }

    /**
     * @param content the bytes
     * @param extension the file name's extension, lower case, or empty
     * @param declared the caller's MIME type, normalised, or null
     * @return the MIME type, lower case, without parameters
     */
    static String detect(byte[] content, String extension, @Nullable String declared) {
        String byExtension = BY_EXTENSION.get(extension);
        String[] candidates = {declared, byExtension};
        if (content.length == 0) {
            return firstMatching(candidates, t -> !PROVABLE.contains(t), OCTET_STREAM);
        }
        String proven = PDF.detect().apply(content);
        if (proven != null) {
            return narrowSignature(proven, candidates);
        }
        CharSequence text = TextContent.strict(content);
        if (text != null) {
            return narrowText(TextContent.kind(text), candidates);
        }
        for (Signature signature : SIGNATURES) {
            proven = signature.detect().apply(content);
            if (proven != null) {
                return narrowSignature(proven, candidates);
            }
        }
        text = TextContent.latin1(content);
        if (text != null) {
            return narrowText(TextContent.kind(text), candidates);
        }
        return firstMatching(candidates, t -> !isTextType(t) && !PROVABLE.contains(t), OCTET_STREAM);
    }

    private static String narrowSignature(String proven, String[] candidates) {
        Set<String> family = FAMILIES.getOrDefault(proven, Set.of(proven));
        return firstMatching(candidates, family::contains, proven);
    }

    /**
     * Detected plain text may take any text type a caller names that needs no proof; a detected script,
     * markup or JSON keeps its type unless the caller names a more precise one of its own family.
     */
    private static String narrowText(String detected, String[] candidates) {
        if (detected.equals(TextContent.PLAIN)) {
            return firstMatching(candidates, t -> isTextType(t) && !PROVABLE.contains(t) && !TEXT_NEEDS_PROOF.contains(t)
                    && !t.endsWith("+json") && !t.endsWith("+xml"), detected);
        }
        return firstMatching(candidates, TEXT_FAMILIES.getOrDefault(detected, detected::equals), detected);
    }

    private static String firstMatching(String[] candidates, Predicate<String> accepted, String otherwise) {
        for (String candidate : candidates) {
            if (candidate != null && accepted.test(candidate)) {
                return candidate;
            }
        }
        return otherwise;
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
                || mimeType.equals("application/javascript") || mimeType.equals("application/x-sh")
                || mimeType.equals(TextContent.PHP) || mimeType.equals("application/php");
    }

    private static @Nullable String riff(byte[] b) {
        if (!startsWith(b, 0, "RIFF") || b.length < 12 || u32le(b, 4) < 4) {
            return null;
        }
        if (startsWith(b, 8, "WEBP")) {
            return "image/webp";
        }
        if (startsWith(b, 8, "WAVE")) {
            return "audio/wav";
        }
        return startsWith(b, 8, "AVI ") ? "video/x-msvideo" : null;
    }

    private static boolean isBmp(byte[] b) {
        if (!startsWith(b, 0, "BM") || b.length < 26 || u32le(b, 6) != 0) {
            return false;
        }
        long header = u32le(b, 14);
        return header == 12 || header == 40 || header == 52 || header == 56 || header == 64 || header == 108 || header == 124;
    }

    /**
     * An ISO base media file: an {@code ftyp} box first, whose size fits the content and holds whole brands of
     * printable characters. The brands say what it is: AVIF, HEIC (HEIF images), M4A audio, QuickTime or MP4.
     */
    private static @Nullable String isoMediaBrand(byte[] b) {
        if (b.length < 16 || !startsWith(b, 4, "ftyp")) {
            return null;
        }
        long size = u32be(b, 0);
        if (size < 16 || size > b.length || size % 4 != 0) {
            return null;
        }
        Set<String> brands = new HashSet<>();
        for (int at = 8; at < size; at += 4) {
            if (at == 12) {
                continue;
            }
            for (int k = 0; k < 4; k++) {
                if (b[at + k] < 0x20 || b[at + k] > 0x7E) {
                    return null;
                }
            }
            brands.add(new String(b, at, 4, StandardCharsets.US_ASCII));
        }
        String major = new String(b, 8, 4, StandardCharsets.US_ASCII);
        if (brands.contains("avif") || brands.contains("avis")) {
            return "image/avif";
        }
        for (String heif : List.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1")) {
            if (brands.contains(heif) && (major.equals(heif) || !major.startsWith("iso") && !major.startsWith("mp4"))) {
                return "image/heic";
            }
        }
        if (major.startsWith("M4A") || major.startsWith("M4B") || major.startsWith("M4P")) {
            return "audio/x-m4a";
        }
        return major.equals("qt  ") ? "video/quicktime" : "video/mp4";
    }

    /** A ZIP archive, and a Word, Excel or PowerPoint file when its entries say so. */
    private static @Nullable String zip(byte[] b) {
        if (!startsWith(b, 0, 'P', 'K', 3, 4) && !startsWith(b, 0, 'P', 'K', 5, 6) && !startsWith(b, 0, 'P', 'K', 7, 8)) {
            return null;
        }
        for (Map.Entry<String, String> e : List.of(Map.entry("word/document", DOCX), Map.entry("xl/workbook", XLSX),
                Map.entry("ppt/presentation", PPTX))) {
            if (indexOf(b, e.getKey().getBytes(StandardCharsets.US_ASCII), b.length) >= 0) {
                return e.getValue();
            }
        }
        return "application/zip";
    }

    /** A tar header block: a name, and a checksum field (octal) equal to the sum of the block's bytes. */
    private static boolean isTarHeader(byte[] b) {
        if (b.length < 512 || b[0] == 0) {
            return false;
        }
        long stored = 0;
        int digits = 0;
        for (int i = 148; i < 156; i++) {
            int c = b[i] & 0xFF;
            if (c >= '0' && c <= '7') {
                stored = stored * 8 + (c - '0');
                digits++;
            } else if (c != ' ' && c != 0 || digits > 0 && c == ' ' && i < 155 && b[i + 1] >= '0' && b[i + 1] <= '7') {
                return false;
            }
        }
        if (digits == 0) {
            return false;
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : b[i] & 0xFF;
        }
        return sum == stored;
    }

    /** An ID3v2 tag, or an MPEG audio frame header that parses, followed by another where the content is long enough. */
    private static boolean isMp3(byte[] b) {
        if (startsWith(b, 0, "ID3") && b.length >= 10) {
            return b[3] >= 2 && b[3] <= 4 && (b[4] & 0xFF) != 0xFF && (b[5] & 0x0F) == 0
                    && b[6] >= 0 && b[7] >= 0 && b[8] >= 0 && b[9] >= 0;
        }
        int length = mpegFrameLength(b, 0);
        if (length <= 0) {
            return false;
        }
        return b.length < length + 4 || mpegFrameLength(b, length) > 0;
    }

    private static final int[][] MPEG_BITRATES = {
        {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};
    private static final int[][] MPEG_SAMPLE_RATES = {{11025, 12000, 8000}, {}, {22050, 24000, 16000}, {44100, 48000, 32000}};

    /** The length of the MPEG audio frame whose header is at the offset, or -1 if no valid header is there. */
    private static int mpegFrameLength(byte[] b, int at) {
        if (at + 4 > b.length || (b[at] & 0xFF) != 0xFF || (b[at + 1] & 0xE0) != 0xE0) {
            return -1;
        }
        int version = (b[at + 1] >> 3) & 3;
        int layer = (b[at + 1] >> 1) & 3;
        int bitrateIndex = (b[at + 2] >> 4) & 0xF;
        int rateIndex = (b[at + 2] >> 2) & 3;
        int padding = (b[at + 2] >> 1) & 1;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3 || (b[at + 3] & 3) == 2) {
            return -1;
        }
        boolean v1 = version == 3;
        int table = v1 ? 3 - layer : layer == 3 ? 3 : 4;
        int bitrate = MPEG_BITRATES[table][bitrateIndex - 1] * 1000;
        int rate = MPEG_SAMPLE_RATES[version][rateIndex];
        if (layer == 3) {
            return (12 * bitrate / rate + padding) * 4;
        }
        return (layer == 1 && !v1 ? 72 : 144) * bitrate / rate + padding;
    }

    /** An AAC ADTS frame header that parses, followed by another where the content is long enough. */
    private static boolean isAdts(byte[] b) {
        int length = adtsFrameLength(b, 0);
        return length > 0 && (b.length < length + 7 || adtsFrameLength(b, length) > 0);
    }

    private static int adtsFrameLength(byte[] b, int at) {
        if (at + 7 > b.length || (b[at] & 0xFF) != 0xFF || (b[at + 1] & 0xF6) != 0xF0 || ((b[at + 2] >> 2) & 0xF) > 12) {
            return -1;
        }
        int length = (b[at + 3] & 3) << 11 | (b[at + 4] & 0xFF) << 3 | (b[at + 5] & 0xFF) >> 5;
        return length >= 7 ? length : -1;
    }

    private static long u32be(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | b[at + 3] & 0xFFL;
    }

    private static long u32le(byte[] b, int at) {
        return (b[at + 3] & 0xFFL) << 24 | (b[at + 2] & 0xFFL) << 16 | (b[at + 1] & 0xFFL) << 8 | b[at] & 0xFFL;
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
