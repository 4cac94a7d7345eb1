package dev.threadstore.bench;

import java.time.Instant;

/** How threadstore's SQLite schema stores an instant, so the floor writes and reads the same column values. */
final class SqliteTime {

    private SqliteTime() {
    }

    static String format(Instant value) {
        return value.toString();
    }

    static Instant parse(String value) {
        return Instant.parse(value);
    }
}
