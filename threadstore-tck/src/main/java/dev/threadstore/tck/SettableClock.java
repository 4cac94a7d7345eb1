package dev.threadstore.tck;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that shows the instant a test sets, and nothing else: with it a store stamps several writes
 * with the same {@code updatedAt}, or with times chosen in advance. Thread-safe.
 */
final class SettableClock extends Clock {

    private volatile Instant instant;

    SettableClock(Instant instant) {
        this.instant = instant;
    }

    /** Shows the given instant from now on. */
    void set(Instant next) {
        this.instant = next;
    }

    @Override
    public Instant instant() {
        return instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!zone.equals(ZoneOffset.UTC)) {
            throw new UnsupportedOperationException("a SettableClock is always in UTC");
        }
        return this;
    }
}
