package dev.threadstore.spi;

import dev.threadstore.ChatThread;
import java.util.Comparator;

/**
 * The one order of listings and queries that every backend returns: {@code updatedAt} descending, then
 * {@code createdAt} descending, then id in Unicode code point order. Code point order is what the SQL
 * backends get from their collations (PostgreSQL {@code COLLATE "C"} over UTF-8, SQLite {@code BINARY}
 * over UTF-8); {@link String#compareTo} is UTF-16 order, which differs from it when a character above
 * U+FFFF meets one between U+E000 and U+FFFF. A backend that sorts in Java sorts with these.
 * Thread-safe.
 */
public final class ListOrder {

    /** Strings in Unicode code point order (the byte order of their UTF-8 encodings). */
    public static final Comparator<String> CODE_POINT = ListOrder::compareCodePoints;

    /** Threads in listing order: updatedAt desc, createdAt desc, id in {@linkplain #CODE_POINT code point order}. */
    public static final Comparator<ChatThread> THREADS = Comparator
            .comparing(ChatThread::updatedAt, Comparator.reverseOrder())
            .thenComparing(ChatThread::createdAt, Comparator.reverseOrder())
            .thenComparing(ChatThread::id, CODE_POINT);

    private ListOrder() {
    }

    /**
     * Compares two strings by Unicode code point, as their UTF-8 bytes compare.
     *
     * @param a a string
     * @param b a string
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
     * @throws NullPointerException if an argument is null
     */
    public static int compareCodePoints(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return liftSurrogate(x) - liftSurrogate(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /**
     * At the first difference, a surrogate (part of a character above U+FFFF) must sort after every BMP
     * character from U+E000 up: move the surrogates above them and those characters down.
     */
    private static int liftSurrogate(char c) {
        return Character.isSurrogate(c) ? c + 0x2000 : c - 0x800;
    }
}
