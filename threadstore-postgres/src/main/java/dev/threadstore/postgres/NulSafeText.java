package dev.threadstore.postgres;

import java.math.BigDecimal;

/**
 * The reversible text encoding that lets strings holding U+0000 live in PostgreSQL, whose {@code text}
 * and {@code jsonb} types cannot store that character. U+0001 is the escape character: U+0000 is
 * written as U+0001 '0' and U+0001 itself as U+0001 '1'; every other character is unchanged. The
 * mapping is injective, so equality and containment on encoded values are exactly equality and
 * containment on the originals, and because U+0000 and U+0001 are neighbours it also keeps the
 * code-point order that {@code COLLATE "C"} sorts by. Strings without either character, nearly all
 * of them, pass through untouched.
 *
 * <p>JSON documents are rewritten by a small scanner (the text is JSON that Gson wrote or that
 * PostgreSQL printed): inside strings the JSON escapes of U+0000 and U+0001 are encoded as
 * above. Numbers need care too, because {@code jsonb} keeps a number's digits but not its notation:
 * on the way in, every non-integral number is written in plain decimal notation with at least one
 * digit after the point ({@code 1.0E10} becomes {@code 10000000000.0}), otherwise a {@code Double}
 * such as {@code 1.0E10} would come back as the integer {@code 10000000000}, a {@code Long}; on the
 * way out, non-integral numbers are written back in Java's shortest form ({@code 1.0E300}), which a
 * JSON reader parses even where it would refuse 300 plain digits.
 */
final class NulSafeText {

    private static final char NUL = '\u0000';
    private static final char ESCAPE = '\u0001';
    private static final String NUL_JSON = "\\u0000";
    private static final String ESCAPE_JSON = "\\u0001";

    private NulSafeText() {
    }

    /** @return the text in its storable form */
    static String encode(String text) {
        int i = firstSpecial(text);
        if (i < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == NUL) {
                b.append(ESCAPE).append('0');
            } else if (c == ESCAPE) {
                b.append(ESCAPE).append('1');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** @return the original of a stored text; the inverse of {@link #encode} */
    static String decode(String stored) {
        int i = stored.indexOf(ESCAPE);
        if (i < 0) {
            return stored;
        }
        StringBuilder b = new StringBuilder(stored.length()).append(stored, 0, i);
        for (; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (c == ESCAPE && i + 1 < stored.length()) {
                char next = stored.charAt(i + 1);
                if (next == '0' || next == '1') {
                    b.append(next == '0' ? NUL : ESCAPE);
                    i++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * @param json a JSON document
     * @return the document in the form {@code jsonb} stores faithfully
     */
    static String encodeJson(String json) {
        return rewrite(json, true);
    }

    /**
     * @param json a JSON document as PostgreSQL prints a {@code jsonb} value written by {@link #encodeJson}
     * @return the original document, up to whitespace and number notation
     */
    static String decodeJson(String json) {
        return rewrite(json, false);
    }

    private static int firstSpecial(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == NUL || c == ESCAPE) {
                return i;
            }
        }
        return -1;
    }

    private static String rewrite(String json, boolean encode) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        int n = json.length();
        int i = 0;
        while (i < n) {
            char c = json.charAt(i);
            if (c == '"') {
                i = copyString(json, i, out, encode);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int end = i + 1;
                while (end < n && isNumberChar(json.charAt(end))) {
                    end++;
                }
                String number = json.substring(i, end);
                out.append(encode ? plainNumber(number) : shortNumber(number));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Copies the string literal that starts at {@code start}; returns the index after its closing quote. */
    private static int copyString(String json, int start, StringBuilder out, boolean encode) {
        int n = json.length();
        out.append('"');
        int i = start + 1;
        while (i < n) {
            char c = json.charAt(i);
            if (c == '"') {
                out.append('"');
                return i + 1;
            }
            if (c == '\\' && i + 1 < n) {
                if (json.startsWith(NUL_JSON, i) && encode) {
                    out.append(ESCAPE_JSON).append('0');
                    i += NUL_JSON.length();
                } else if (json.startsWith(ESCAPE_JSON, i)) {
                    i += ESCAPE_JSON.length();
                    i = escapeFollows(json, i, out, encode);
                } else {
                    out.append(c).append(json.charAt(i + 1));
                    i += 2;
                }
            } else if (c == ESCAPE) {
                i = escapeFollows(json, i + 1, out, encode);
            } else if (c == NUL && encode) {
                out.append(ESCAPE_JSON).append('0');
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("Unterminated JSON string at index " + start);
    }

    /** Handles an escape character that ended just before {@code i}; returns the index after it. */
    private static int escapeFollows(String json, int i, StringBuilder out, boolean encode) {
        if (encode) {
            out.append(ESCAPE_JSON).append('1');
            return i;
        }
        if (i < json.length() && (json.charAt(i) == '0' || json.charAt(i) == '1')) {
            out.append(json.charAt(i) == '0' ? NUL_JSON : ESCAPE_JSON);
            return i + 1;
        }
        out.append(ESCAPE_JSON);
        return i;
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
    }

    private static boolean isIntegral(String number) {
        return number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
    }

    private static String plainNumber(String number) {
        if (isIntegral(number)) {
            return number;
        }
        String plain = new BigDecimal(number).toPlainString();
        return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }

    private static String shortNumber(String number) {
        if (isIntegral(number)) {
            return number;
        }
        return Double.toString(Double.parseDouble(number));
    }
}
