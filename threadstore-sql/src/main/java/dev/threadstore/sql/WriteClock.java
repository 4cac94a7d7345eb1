package dev.threadstore.sql;

import dev.threadstore.sql.Rows.ThreadHead;
import dev.threadstore.spi.Retention;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The times a store writes, at the microsecond precision both databases keep, and reads by: {@link #now()} is also
 * the instant a thread's expiry is judged at, and {@link #retention()} gives the expiry a write stores. Commits of one
 * thread are stamped in their commit order: a write to a locked thread reads the time once the lock is held and
 * stamps after the stored update time; a write through the memo stamps after the remembered update time, and its
 * statement writes only if the row still shows that time, so no commit came between.
 */
final class WriteClock {

    private final Clock clock;
    private final Retention retention;

    WriteClock(Clock clock, Retention retention) {
        this.clock = clock;
        this.retention = retention;
    }

    /** @return the store's retention rule: the expiry a save or an append stores ({@code timeToLive}) */
    Retention retention() {
        return retention;
    }

    /** @return now, truncated to microseconds */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** @return now, or just after the locked thread's stored update time when the clock is behind it */
    Instant after(@Nullable ThreadHead head) {
        Instant now = now();
        return head == null ? now : after(now, head.updatedAt());
    }

    /**
     * @param now the store's time, from {@link #now()}
     * @param previous the thread's stored update time
     * @return {@code now}, or just after {@code previous} when {@code now} is not after it
     */
    static Instant after(Instant now, Instant previous) {
        return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
    }
}
