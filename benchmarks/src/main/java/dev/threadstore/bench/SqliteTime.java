package dev.threadstore.bench;

import java.time.Instant;

/**
 * How threadstore's SQLite schema stores an instant (integer microseconds since the epoch), so that the
 * floor writes and reads the same column values.
 */
final class SqliteTime {

    private SqliteTime() {
    }

    static long micros(Instant value) {
        return Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
