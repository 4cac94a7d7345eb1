package dev.threadstore.files;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recognises text and says what kind of text it is, in time linear in the input and without regular
 * expressions: no input can make it backtrack. Text is UTF-8 or UTF-16 with a byte order mark, or valid
 * UTF-8 without one, holding no control characters but tab, line feed, vertical tab, form feed, carriage
 * return and escape. Bytes that are not valid UTF-8 but hold no control bytes are read as ISO-8859-1
 * ({@link #latin1}), which the caller trusts less than a binary signature. What kind of text: a script with
 * a {@code #!} line, PHP, HTML, SVG, other XML, JSON (only when it parses), else plain text. Markup is
 * judged from the first {@value #HEAD_CHARS} characters; JSON is parsed whole, with an explicit stack.
 */
final class TextContent {

    static final String PLAIN = "text/plain";
    static final String HTML = "text/html";
    static final String XML = "application/xml";
    static final String SVG = "image/svg+xml";
    static final String JSON = "application/json";
    static final String PHP = "application/x-php";
    static final String SHELL = "text/x-shellscript";

    /** How much of the text markup detection reads. */
    static final int HEAD_CHARS = 64 * 1024;
    /** How much of the text is searched for tags that make it HTML wherever they are. */
    private static final int HTML_SEARCH_CHARS = 1024;

    private static final Set<String> HTML_ELEMENTS = Set.of("html", "head", "body", "title", "meta", "link", "script",
            "style", "div", "span", "p", "a", "img", "table", "form", "iframe", "frameset", "h1", "h2", "h3", "br", "b",
            "i", "ul", "ol", "li", "pre", "center", "font", "object", "embed", "base", "input", "button", "section",
            "article", "nav", "header", "footer", "main", "svg:svg");
    private static final String[] HTML_ANYWHERE = {"<html", "<script", "<body", "<head", "<iframe"};

    private static final Map<String, String> INTERPRETERS = Map.ofEntries(
            Map.entry("sh", SHELL), Map.entry("bash", SHELL), Map.entry("zsh", SHELL), Map.entry("dash", SHELL),
            Map.entry("ksh", SHELL), Map.entry("csh", SHELL), Map.entry("tcsh", SHELL), Map.entry("ash", SHELL),
            Map.entry("fish", SHELL), Map.entry("python", "text/x-python"), Map.entry("node", "text/javascript"),
            Map.entry("nodejs", "text/javascript"), Map.entry("php", PHP), Map.entry("perl", "text/x-perl"),
            Map.entry("ruby", "text/x-ruby"));

    private TextContent() {
    }

    /**
     * @param b the bytes
     * @return the text's characters when the bytes are text (BOM'd UTF-8/UTF-16, or BOM-less UTF-8) without
     *     control characters, else null. For UTF-8 the characters are a view of the bytes (one char per byte):
     *     every kind check looks at ASCII only, and the bytes were validated.
     */
    static @Nullable CharSequence strict(byte[] b) {
        if (startsWith(b, 0xEF, 0xBB, 0xBF)) {
            return validUtf8(b, 3) ? new ByteChars(b, 3) : null;
        }
        if (startsWith(b, 0xFE, 0xFF)) {
            return utf16(b, true);
        }
        if (startsWith(b, 0xFF, 0xFE)) {
            return utf16(b, false);
        }
        return validUtf8(b, 0) ? new ByteChars(b, 0) : null;
    }

    /**
     * @param b bytes that are not {@linkplain #strict strict} text
     * @return the bytes as ISO-8859-1 characters when they hold no control bytes, else null
     */
    static @Nullable CharSequence latin1(byte[] b) {
        for (byte x : b) {
            if (isControl(x & 0xFF)) {
                return null;
            }
        }
        return new ByteChars(b, 0);
    }

    /**
     * @param text text as {@link #strict} or {@link #latin1} returned it
     * @return its MIME type: a script, PHP, HTML, SVG, XML, JSON or plain text
     */
    static String kind(CharSequence text) {
        int end = Math.min(text.length(), HEAD_CHARS);
        int i = skipSpace(text, 0, end);
        if (regionMatches(text, i, "#!", false)) {
            return interpreter(text, i + 2, end);
        }
        if (indexOf(text, "<?php", 0, end, true) >= 0) {
            return PHP;
        }
        int htmlEnd = Math.min(end, HTML_SEARCH_CHARS);
        for (String tag : HTML_ANYWHERE) {
            if (indexOf(text, tag, 0, htmlEnd, true) >= 0) {
                return HTML;
            }
        }
        if (i < end && text.charAt(i) == '<') {
            return markup(text, i, end);
        }
        if (i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[') && isJson(text)) {
            return JSON;
        }
        return PLAIN;
    }

    /** The type a {@code #!} line names: a shell script unless the interpreter is a known other language. */
    private static String interpreter(CharSequence text, int from, int end) {
        int lineEnd = from;
        while (lineEnd < end && text.charAt(lineEnd) != '\n') {
            lineEnd++;
        }
        String[] words = text.subSequence(from, lineEnd).toString().strip().split("[ \t]+");
        String program = words.length == 0 ? "" : words[0];
        program = program.substring(program.lastIndexOf('/') + 1);
        if (program.equals("env") && words.length > 1) {
            program = words[words.length > 2 && words[1].startsWith("-") ? 2 : 1];
        }
        int digits = program.length();
        while (digits > 0 && (Character.isDigit(program.charAt(digits - 1)) || program.charAt(digits - 1) == '.')) {
            digits--;
        }
        return INTERPRETERS.getOrDefault(program.substring(0, digits).toLowerCase(Locale.ROOT), SHELL);
    }

    /**
     * Markup starting at {@code i}: skips an XML declaration, comments and a doctype (each found with a plain
     * forward search, so every character is passed at most a few times), then reads the root element's name.
     */
    private static String markup(CharSequence text, int start, int end) {
        boolean declaration = false;
        String doctype = "";
        int i = start;
        while (true) {
            i = skipSpace(text, i, end);
            if (regionMatches(text, i, "<?xml", true)) {
                declaration = true;
                int close = indexOf(text, "?>", i + 5, end, false);
                if (close < 0) {
                    return XML;
                }
                i = close + 2;
            } else if (regionMatches(text, i, "<!--", false)) {
                int close = indexOf(text, "-->", i + 4, end, false);
                if (close < 0) {
                    return declaration ? XML : PLAIN;
                }
                i = close + 3;
            } else if (regionMatches(text, i, "<!doctype", true)) {
                int close = indexOf(text, ">", i + 9, end, false);
                if (close < 0) {
                    return declaration ? XML : PLAIN;
                }
                doctype = text.subSequence(i + 9, close).toString().strip().toLowerCase(Locale.ROOT);
                i = close + 1;
            } else {
                break;
            }
        }
        if (doctype.startsWith("html")) {
            return HTML;
        }
        if (i >= end || text.charAt(i) != '<') {
            return declaration ? XML : PLAIN;
        }
        int nameEnd = i + 1;
        while (nameEnd < end && isNameChar(text.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = text.subSequence(i + 1, nameEnd).toString().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return declaration ? XML : PLAIN;
        }
        if (name.equals("svg") || name.endsWith(":svg")) {
            return SVG;
        }
        if (HTML_ELEMENTS.contains(name)) {
            return HTML;
        }
        if (declaration || indexOf(text, "</" + name, nameEnd, end, true) >= 0) {
            return XML;
        }
        return PLAIN;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' || c == '_' || c == '-'
                || c == '.';
    }

    /** Whether the whole text is one JSON value (RFC 8259), parsed in one pass with an explicit stack. */
    static boolean isJson(CharSequence s) {
        return new JsonScanner(s).valid();
    }

    /** A one-pass JSON validator: a state machine over the characters and a stack of open containers. */
    private static final class JsonScanner {
        private final CharSequence s;
        private final int n;
        private int i;
        private char[] stack = new char[16];
        private int depth;

        JsonScanner(CharSequence s) {
            this.s = s;
            this.n = s.length();
        }

        boolean valid() {
            boolean expectKey = false;
            boolean expectValue = true;
            while (true) {
                space();
                if (expectKey) {
                    if (!string()) {
                        return false;
                    }
                    space();
                    if (i >= n || s.charAt(i++) != ':') {
                        return false;
                    }
                    expectKey = false;
                    expectValue = true;
                    continue;
                }
                if (expectValue) {
                    if (i >= n) {
                        return false;
                    }
                    char c = s.charAt(i);
                    if (c == '{' || c == '[') {
                        push(c);
                        i++;
                        space();
                        if (i < n && s.charAt(i) == (c == '{' ? '}' : ']')) {
                            depth--;
                            i++;
                            expectValue = false;
                        } else {
                            expectKey = c == '{';
                            expectValue = c == '[';
                        }
                        continue;
                    }
                    if (!scalar()) {
                        return false;
                    }
                    expectValue = false;
                    continue;
                }
                if (depth == 0) {
                    return i == n;
                }
                if (i >= n) {
                    return false;
                }
                char c = s.charAt(i++);
                char open = stack[depth - 1];
                if (c == ',') {
                    expectKey = open == '{';
                    expectValue = open == '[';
                } else if (c == '}' && open == '{' || c == ']' && open == '[') {
                    depth--;
                } else {
                    return false;
                }
            }
        }

        private void push(char c) {
            if (depth == stack.length) {
                stack = java.util.Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = c;
        }

        private void space() {
            while (i < n) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                i++;
            }
        }

        private boolean scalar() {
            char c = s.charAt(i);
            if (c == '"') {
                return string();
            }
            if (c == '-' || c >= '0' && c <= '9') {
                return number();
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (regionMatches(s, i, literal, false)) {
                    i += literal.length();
                    return true;
                }
            }
            return false;
        }

        private boolean string() {
            if (i >= n || s.charAt(i) != '"') {
                return false;
            }
            i++;
            while (i < n) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return true;
                }
                if (c < 0x20) {
                    return false;
                }
                if (c == '\\') {
                    if (i >= n) {
                        return false;
                    }
                    char e = s.charAt(i++);
                    if (e == 'u') {
                        for (int k = 0; k < 4; k++) {
                            if (i >= n || Character.digit(s.charAt(i++), 16) < 0) {
                                return false;
                            }
                        }
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        return false;
                    }
                }
            }
            return false;
        }

        private boolean number() {
            if (s.charAt(i) == '-') {
                i++;
            }
            if (i >= n) {
                return false;
            }
            if (s.charAt(i) == '0') {
                i++;
            } else if (!digits()) {
                return false;
            }
            if (i < n && s.charAt(i) == '.') {
                i++;
                if (!digits()) {
                    return false;
                }
            }
            if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                return digits();
            }
            return true;
        }

        private boolean digits() {
            int from = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            return i > from;
        }
    }

    /** Valid UTF-8 from the offset (no overlong forms, no surrogates, nothing past U+10FFFF) without control characters. */
    private static boolean validUtf8(byte[] b, int from) {
        int i = from;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                if (isControl(c)) {
                    return false;
                }
                i++;
                continue;
            }
            int length;
            int codePoint;
            if (c >= 0xC2 && c <= 0xDF) {
                length = 2;
                codePoint = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                length = 3;
                codePoint = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                length = 4;
                codePoint = c & 0x07;
            } else {
                return false;
            }
            if (i + length > b.length) {
                return false;
            }
            for (int k = 1; k < length; k++) {
                int next = b[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return false;
                }
                codePoint = codePoint << 6 | next & 0x3F;
            }
            if (length == 3 && (codePoint < 0x800 || codePoint >= 0xD800 && codePoint <= 0xDFFF)
                    || length == 4 && (codePoint < 0x10000 || codePoint > 0x10FFFF)
                    || codePoint >= 0x80 && codePoint <= 0x9F) {
                return false;
            }
            i += length;
        }
        return true;
    }

    /** UTF-16 after its byte order mark: whole code units, paired surrogates, no control characters. */
    private static @Nullable CharSequence utf16(byte[] b, boolean bigEndian) {
        if (b.length % 2 != 0) {
            return null;
        }
        char[] chars = new char[(b.length - 2) / 2];
        for (int k = 0; k < chars.length; k++) {
            int hi = b[2 + 2 * k] & 0xFF;
            int lo = b[3 + 2 * k] & 0xFF;
            chars[k] = (char) (bigEndian ? hi << 8 | lo : lo << 8 | hi);
        }
        for (int k = 0; k < chars.length; k++) {
            char c = chars[k];
            if (isControl(c) || c >= 0x80 && c <= 0x9F) {
                return null;
            }
            if (Character.isHighSurrogate(c)) {
                if (k + 1 >= chars.length || !Character.isLowSurrogate(chars[k + 1])) {
                    return null;
                }
                k++;
            } else if (Character.isLowSurrogate(c)) {
                return null;
            }
        }
        return new String(chars);
    }

    /** C0 controls but tab, line feed, vertical tab, form feed, carriage return and escape; and DEL. */
    private static boolean isControl(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r' && c != 0x1B || c == 0x7F;
    }

    private static int skipSpace(CharSequence s, int from, int end) {
        int i = from;
        while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r'
                || s.charAt(i) == '\f' || s.charAt(i) == 0x0B || s.charAt(i) == '\uFEFF')) {
            i++;
        }
        return i;
    }

    private static boolean regionMatches(CharSequence s, int at, String ascii, boolean ignoreCase) {
        if (at < 0 || at + ascii.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            char c = s.charAt(at + k);
            char e = ascii.charAt(k);
            if (c != e && !(ignoreCase && c < 0x80 && Character.toLowerCase(c) == e)) {
                return false;
            }
        }
        return true;
    }

    /** The first index in [from, end) where the ASCII needle starts (needles are short: linear time). */
    private static int indexOf(CharSequence s, String needle, int from, int end, boolean ignoreCase) {
        for (int i = from; i + needle.length() <= end; i++) {
            if (regionMatches(s, i, needle, ignoreCase)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int... expected) {
        if (b.length < expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if ((b[k] & 0xFF) != expected[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bytes seen as characters, one per byte. For validated UTF-8 a multi-byte character becomes several
     * chars of 0x80 and above, which no check here mistakes for ASCII.
     */
    private record ByteChars(byte[] bytes, int offset, int end) implements CharSequence {

        ByteChars(byte[] bytes, int offset) {
            this(bytes, offset, bytes.length);
        }

        @Override
        public int length() {
            return end - offset;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[offset + index] & 0xFF);
        }

        @Override
        public CharSequence subSequence(int start, int stop) {
            return new ByteChars(bytes, offset + start, offset + stop);
        }

        @Override
        public String toString() {
            return new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
        }
    }
}
