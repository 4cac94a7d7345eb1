package dev.threadstore.sql;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.ibatis.builder.BuilderException;

/**
 * A small, strict reader for exactly the XML of the store's MyBatis mapper files, in place of the JDK's validating
 * DOM parser (whose start-up was most of a cold open's CPU): an optional XML declaration (version 1.0, UTF-8), the
 * MyBatis mapper DOCTYPE without an internal subset, comments, elements, attributes, text, CDATA sections, the five
 * predefined entities and character references. It yields the tree the DOM parser would with MyBatis' settings
 * (comments dropped, text around a comment one text node, a CDATA section a text node of its own, line ends and
 * attribute whitespace normalised as XML prescribes). Anything else (a processing instruction, another entity, a
 * malformed construct) is a {@link BuilderException} naming the file and the line. Whether the elements and
 * attributes are ones the mapper may use is {@link MapperXml}'s check, which replaces the DTD's.
 */
final class MapperXmlReader {

    static final String MAPPER_PUBLIC_ID = "-//mybatis.org//DTD Mapper 3.0//EN";
    private static final String MAPPER_DTD = "mybatis-3-mapper.dtd";

    /** An element or a text node of the tree. */
    sealed interface Node permits Element, Text {
        /** @return the line (from 1) on which the node starts */
        int line();
    }

    /**
     * An element.
     *
     * @param name the element's name
     * @param attributes its attributes (values entity-expanded and normalised), in document order
     * @param children its element and text children, in document order
     * @param line the line of its start tag
     */
    record Element(String name, Map<String, String> attributes, List<Node> children, int line) implements Node {
        Element {
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            children = List.copyOf(children);
        }
    }

    /**
     * Character data: a run of text (entities expanded, comments left out) or one CDATA section.
     *
     * @param data the characters
     * @param line the line on which they start
     */
    record Text(String data, int line) implements Node {
    }

    private final String resource;
    private final String xml;
    private final int[] lineStarts;
    private int pos;

    private MapperXmlReader(String resource, String xml) {
        this.resource = resource;
        this.xml = xml;
        int[] starts = new int[64];
        int lines = 1;
        for (int i = xml.indexOf('\n'); i >= 0; i = xml.indexOf('\n', i + 1)) {
            if (lines == starts.length) {
                starts = Arrays.copyOf(starts, lines * 2);
            }
            starts[lines++] = i + 1;
        }
        this.lineStarts = Arrays.copyOf(starts, lines);
    }

    /**
     * @param resource the file's name, for errors
     * @param bytes the file's bytes, UTF-8
     * @return the root element, which is {@code <mapper>}
     * @throws BuilderException if the file is not XML this reader accepts
     */
    static Element read(String resource, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BuilderException("Error parsing the mapper XML " + resource + ": it is not UTF-8 (" + e + ")", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        // XML's end-of-line handling, before anything else: CR LF and a lone CR become LF
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        return new MapperXmlReader(resource, text).document();
    }

    private Element document() {
        if (xml.startsWith("<?xml")) {
            declaration();
        }
        misc();
        if (!xml.startsWith("<!DOCTYPE", pos)) {
            throw error("expected the mapper DOCTYPE (<!DOCTYPE mapper PUBLIC \"" + MAPPER_PUBLIC_ID + "\" ...>)");
        }
        doctype();
        misc();
        if (pos >= xml.length() || xml.charAt(pos) != '<') {
            throw error("expected the root element <mapper>");
        }
        Element root = element();
        if (!root.name().equals("mapper")) {
            throw error(root.line(), "the root element is <" + root.name() + ">, not <mapper> as the DOCTYPE says");
        }
        misc();
        if (pos < xml.length()) {
            throw error("unexpected content after the root element");
        }
        return root;
    }

    private void declaration() {
        pos = "<?xml".length();
        Map<String, String> pseudo = new LinkedHashMap<>();
        while (true) {
            boolean spaced = skipSpace();
            if (xml.startsWith("?>", pos)) {
                pos += 2;
                break;
            }
            if (!spaced) {
                throw error("malformed XML declaration");
            }
            int line = line(pos);
            String name = name();
            expect("=");
            if (pseudo.put(name, quoted()) != null) {
                throw error(line, "the XML declaration repeats " + name);
            }
        }
        for (Map.Entry<String, String> entry : pseudo.entrySet()) {
            String value = entry.getValue();
            boolean ok = switch (entry.getKey()) {
                case "version" -> value.equals("1.0");
                case "encoding" -> value.toUpperCase(Locale.ROOT).equals("UTF-8");
                case "standalone" -> value.equals("yes") || value.equals("no");
                default -> false;
            };
            if (!ok) {
                throw error(1, "the XML declaration's " + entry.getKey() + "=\"" + value
                        + "\" is not supported (version 1.0, encoding UTF-8)");
            }
        }
        if (!pseudo.containsKey("version")) {
            throw error(1, "the XML declaration has no version");
        }
    }

    private void doctype() {
        int line = line(pos);
        pos += "<!DOCTYPE".length();
        requireSpace();
        String root = name();
        requireSpace();
        if (!xml.startsWith("PUBLIC", pos)) {
            throw error(line, "the DOCTYPE must name the MyBatis mapper DTD by its public id");
        }
        pos += "PUBLIC".length();
        requireSpace();
        String publicId = quoted();
        requireSpace();
        String systemId = quoted();
        skipSpace();
        if (pos < xml.length() && xml.charAt(pos) == '[') {
            throw error(line, "a DOCTYPE with an internal subset is not supported");
        }
        expect(">");
        if (!root.equals("mapper") || !publicId.equals(MAPPER_PUBLIC_ID) || !systemId.endsWith(MAPPER_DTD)) {
            throw error(line, "the DOCTYPE is not the MyBatis mapper's (<!DOCTYPE mapper PUBLIC \"" + MAPPER_PUBLIC_ID
                    + "\" \"https://mybatis.org/dtd/" + MAPPER_DTD + "\">)");
        }
    }

    /** Whitespace and comments outside the root element. */
    private void misc() {
        while (true) {
            skipSpace();
            if (xml.startsWith("<!--", pos)) {
                comment();
            } else if (xml.startsWith("<?", pos)) {
                throw error("processing instructions are not supported");
            } else {
                return;
            }
        }
    }

    private void comment() {
        int line = line(pos);
        int end = xml.indexOf("--", pos + 4);
        if (end < 0) {
            throw error(line, "unterminated comment");
        }
        if (!xml.startsWith("-->", end)) {
            throw error(line(end), "'--' inside a comment");
        }
        pos = end + 3;
    }

    /** An element, its start tag at {@code pos}. */
    private Element element() {
        int line = line(pos);
        pos++;
        String name = name();
        Map<String, String> attributes = new LinkedHashMap<>();
        while (true) {
            boolean spaced = skipSpace();
            if (xml.startsWith("/>", pos)) {
                pos += 2;
                return new Element(name, attributes, List.of(), line);
            }
            if (xml.startsWith(">", pos)) {
                pos++;
                break;
            }
            if (!spaced || pos >= xml.length()) {
                throw error("malformed start tag <" + name + ">");
            }
            int attributeLine = line(pos);
            String attribute = name();
            skipSpace();
            expect("=");
            skipSpace();
            if (attributes.put(attribute, attributeValue()) != null) {
                throw error(attributeLine, "<" + name + "> repeats the attribute " + attribute);
            }
        }
        List<Node> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int textLine = -1;
        while (true) {
            if (pos >= xml.length()) {
                throw error(line, "<" + name + "> is not closed");
            }
            char c = xml.charAt(pos);
            if (c == '<') {
                if (xml.startsWith("</", pos)) {
                    flush(children, text, textLine);
                    pos += 2;
                    int endLine = line(pos);
                    String end = name();
                    skipSpace();
                    expect(">");
                    if (!end.equals(name)) {
                        throw error(endLine, "</" + end + "> closes <" + name + "> of line " + line);
                    }
                    return new Element(name, attributes, children, line);
                } else if (xml.startsWith("<!--", pos)) {
                    comment();
                } else if (xml.startsWith("<![CDATA[", pos)) {
                    flush(children, text, textLine);
                    textLine = -1;
                    int cdataLine = line(pos);
                    int end = xml.indexOf("]]>", pos + 9);
                    if (end < 0) {
                        throw error(cdataLine, "unterminated CDATA section");
                    }
                    children.add(new Text(xml.substring(pos + 9, end), cdataLine));
                    pos = end + 3;
                } else if (xml.startsWith("<?", pos)) {
                    throw error("processing instructions are not supported");
                } else if (xml.startsWith("<!", pos)) {
                    throw error("unsupported markup '" + xml.substring(pos, Math.min(xml.length(), pos + 9)) + "'");
                } else {
                    flush(children, text, textLine);
                    textLine = -1;
                    children.add(element());
                }
            } else {
                if (textLine < 0) {
                    textLine = line(pos);
                }
                if (c == '&') {
                    text.append(reference());
                } else {
                    int end = plainText(pos);
                    text.append(xml, pos, end);
                    pos = end;
                }
            }
        }
    }

    /**
     * @return the end of the run of character data from {@code start} that holds no markup and no reference, checked
     *     for characters XML does not allow and for {@code ]]>}
     */
    private int plainText(int start) {
        int i = start;
        int length = xml.length();
        while (i < length) {
            char c = xml.charAt(i);
            if (c == '<' || c == '&') {
                break;
            }
            if (c < 0x20 && c != '\n' && c != '\t' || c >= '\uFFFE') {
                pos = i;
                checkChar(c);
            }
            if (c == '>' && i >= start + 2 && xml.charAt(i - 1) == ']' && xml.charAt(i - 2) == ']') {
                pos = i - 2;
                throw error("']]>' in text");
            }
            i++;
        }
        return i;
    }

    private static void flush(List<Node> children, StringBuilder text, int line) {
        if (!text.isEmpty()) {
            children.add(new Text(text.toString(), line));
            text.setLength(0);
        }
    }

    /** An attribute value: entities expanded, each whitespace character a space (CDATA normalisation). */
    private String attributeValue() {
        if (pos >= xml.length() || (xml.charAt(pos) != '"' && xml.charAt(pos) != '\'')) {
            throw error("an attribute value must be quoted");
        }
        int line = line(pos);
        char quote = xml.charAt(pos++);
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= xml.length()) {
                throw error(line, "unterminated attribute value");
            }
            char c = xml.charAt(pos);
            if (c == quote) {
                pos++;
                return value.toString();
            } else if (c == '<') {
                throw error("'<' in an attribute value (write &lt;)");
            } else if (c == '&') {
                value.append(reference());
            } else {
                checkChar(c);
                value.append(c == '\n' || c == '\t' ? ' ' : c);
                pos++;
            }
        }
    }

    /** An entity or character reference at {@code pos}, expanded. */
    private String reference() {
        int end = xml.indexOf(';', pos);
        if (end < 0 || end - pos > 12) {
            throw error("'&' that starts no entity reference (write &amp;)");
        }
        String name = xml.substring(pos + 1, end);
        String value = switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> name.startsWith("#") ? characterReference(name) : null;
        };
        if (value == null) {
            throw error("unknown entity &" + name + "; (only &lt; &gt; &amp; &quot; &apos; and character references)");
        }
        pos = end + 1;
        return value;
    }

    private String characterReference(String name) {
        int code;
        try {
            code = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
                    : Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
            throw error("malformed character reference &" + name + ";");
        }
        if (!isXmlChar(code)) {
            throw error("character reference &" + name + "; is not an XML character");
        }
        return new String(Character.toChars(code));
    }

    private void checkChar(char c) {
        if (c < 0x20 && c != '\n' && c != '\t' || c == '\uFFFE' || c == '\uFFFF') {
            throw error("character U+" + String.format(Locale.ROOT, "%04X", (int) c) + " is not allowed in XML");
        }
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private String name() {
        int start = pos;
        while (pos < xml.length()) {
            char c = xml.charAt(pos);
            boolean ok = Character.isLetter(c) || c == '_' || c == ':'
                    || (pos > start && (Character.isDigit(c) || c == '-' || c == '.'));
            if (!ok) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected a name");
        }
        return xml.substring(start, pos);
    }

    private String quoted() {
        if (pos >= xml.length() || (xml.charAt(pos) != '"' && xml.charAt(pos) != '\'')) {
            throw error("expected a quoted string");
        }
        char quote = xml.charAt(pos);
        int end = xml.indexOf(quote, pos + 1);
        if (end < 0) {
            throw error("unterminated quoted string");
        }
        String value = xml.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private boolean skipSpace() {
        int start = pos;
        while (pos < xml.length() && isSpace(xml.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    private void requireSpace() {
        if (!skipSpace()) {
            throw error("expected whitespace");
        }
    }

    private void expect(String token) {
        if (!xml.startsWith(token, pos)) {
            throw error("expected '" + token + "'");
        }
        pos += token.length();
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    /** @return whether {@code text} is XML whitespace only */
    static boolean isSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private int line(int at) {
        int i = Arrays.binarySearch(lineStarts, at);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private BuilderException error(String message) {
        return error(line(Math.min(pos, xml.length())), message);
    }

    private BuilderException error(int line, String message) {
        return MapperXml.error(resource, line, message);
    }
}
