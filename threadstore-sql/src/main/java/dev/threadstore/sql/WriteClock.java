package dev.threadstore.sql;

import dev.threadstore.sql.Rows.ThreadHead;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The times a store writes, at the microsecond precision both databases keep. The update time of a write to a
 * locked thread is read once the lock is held, so that commits of one thread are stamped in their commit order.
 */
final class WriteClock {

    private final Clock clock;

    WriteClock(Clock clock) {
        this.clock = clock;
    }

    /** @return now, truncated to microseconds */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** @return now, or just after the locked thread's stored update time when the clock is behind it */
    Instant after(@Nullable ThreadHead head) {
        Instant now = now();
        if (head != null && !now.isAfter(head.updatedAt())) {
            return head.updatedAt().plus(1, ChronoUnit.MICROS);
        }
        return now;
    }
}
