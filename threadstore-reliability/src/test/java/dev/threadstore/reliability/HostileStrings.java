package dev.threadstore.reliability;

import java.util.List;

/** Strings built to break SQL, JSON paths, LIKE patterns, MyBatis placeholders and logs. */
final class HostileStrings {

    private HostileStrings() {
    }

    /** @return the hostile strings, each valid Unicode (so the records accept them) */
    static List<String> all() {
        return List.of(
                "'", "\"", "''", "\\", "\\'", "--", "-- comment", "/* open", "*/", ";",
                "'; DROP TABLE threads; --", "\"); DROP TABLE messages; --", "' OR '1'='1", "1; DELETE FROM threads",
                "$", "$.", "$.a", "$[0]", "$..*", "a.b", "a[0]", "{\"a\":1}", "[1,2]", "null", "true", "42",
                "%", "_", "*", "?", ":name", "#{x}", "${x}", "@>", "->>'a'", "#>>'{a}'", "?|", "\\u0000",
                "\n\r\t", " ", "", "emoji \uD83D\uDE00 \u202E rtl", "\uFEFFbom", "k".repeat(10_000));
    }

    /** @return how a string is shown in the report (long ones abbreviated) */
    static String show(String s) {
        return s.length() > 20 ? s.length() + "-char string" : s;
    }
}
