package dev.threadstore.spi;

import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ValueLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A store's retention rule, the one every backend applies: the {@value #OPTION} option and the expiry a write
 * stores. Immutable and thread-safe.
 *
 * <ul>
 *   <li>A save stores the expiry the thread carries ({@link dev.threadstore.ChatThread#expiresAt()}); when it
 *       carries none, {@code now + timeToLive} (no expiry without a time to live).</li>
 *   <li>An append keeps a thread alive: with a time to live, its expiry becomes the later of the stored one and
 *       {@code now + timeToLive}; without, it is left alone.</li>
 *   <li>A thread whose expiry is at or before now is expired: invisible, as if deleted.</li>
 * </ul>
 */
public final class Retention {

    /** The store option that sets the time to live: {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, or ISO-8601 ({@code P30D}, {@code PT12H}). */
    public static final String OPTION = "timeToLive";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})([dhms])");
    private static final Retention NONE = new Retention(null);

    private final @Nullable Duration timeToLive;

    private Retention(@Nullable Duration timeToLive) {
        this.timeToLive = timeToLive;
    }

    /** @return the rule of a store without a time to live: expiries are only those threads carry */
    public static Retention none() {
        return NONE;
    }

    /**
     * @param timeToLive the time to live, positive
     * @return the rule of a store with that time to live
     * @throws IllegalArgumentException if {@code timeToLive} is zero or negative
     * @throws NullPointerException if {@code timeToLive} is null
     */
    public static Retention of(Duration timeToLive) {
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive, got " + timeToLive);
        }
        return new Retention(timeToLive);
    }

    /**
     * Reads the {@value #OPTION} option of a store URL.
     *
     * @param uri the store URL with its options
     * @return the rule; {@link #none()} when the option is absent
     * @throws StoreConfigurationException if the option is not a positive duration, naming the option and the value
     * @throws NullPointerException if {@code uri} is null
     */
    public static Retention from(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        Optional<String> text = uri.option(OPTION);
        return text.isEmpty() ? NONE : new Retention(parse(text.get()));
    }

    /**
     * @param text a duration: a whole number followed by {@code d}, {@code h}, {@code m} or {@code s}, or ISO-8601
     * @return the duration, positive
     * @throws StoreConfigurationException if the text is not a positive duration, naming the option
     */
    static Duration parse(String text) {
        String value = text.strip();
        Duration duration;
        try {
            Matcher m = SHORT.matcher(value.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                duration = switch (m.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } else {
                duration = Duration.parse(value);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(text, e);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalid(text, null);
        }
        return duration;
    }

    private static StoreConfigurationException invalid(String text, @Nullable Exception cause) {
        String shown = text.length() <= 60 ? text : text.substring(0, 57) + "...";
        return new StoreConfigurationException("Option '" + OPTION + "' must be a positive duration such as 30d, 12h,"
                + " 90m, 45s or ISO-8601 P30D, got '" + shown + "'", cause);
    }

    /** @return the time to live, or empty when the store has none */
    public Optional<Duration> timeToLive() {
        return Optional.ofNullable(timeToLive);
    }

    /**
     * @param carried the expiry the saved thread carries, or null
     * @param now the time of the save
     * @return the expiry to store: {@code carried}, else {@code now + timeToLive}, else null
     * @throws NullPointerException if {@code now} is null
     */
    public @Nullable Instant onSave(@Nullable Instant carried, Instant now) {
        Objects.requireNonNull(now, "now");
        return carried != null ? carried : fromNow(now);
    }

    /**
     * @param stored the thread's stored expiry, or null
     * @param now the time of the append
     * @return the expiry to store: the later of {@code stored} and {@code now + timeToLive}; {@code stored} when
     *     the store has no time to live
     * @throws NullPointerException if {@code now} is null
     */
    public @Nullable Instant onAppend(@Nullable Instant stored, Instant now) {
        Instant renewed = fromNow(Objects.requireNonNull(now, "now"));
        if (renewed == null) {
            return stored;
        }
        return stored != null && stored.isAfter(renewed) ? stored : renewed;
    }

    private @Nullable Instant fromNow(Instant now) {
        if (timeToLive == null) {
            return null;
        }
        Instant max = ValueLimits.MAX_INSTANT;
        return timeToLive.compareTo(Duration.between(now, max)) >= 0 ? max
                : now.plus(timeToLive).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * @param expiresAt a thread's expiry, or null
     * @param now the instant to judge at
     * @return whether a thread with that expiry is expired at {@code now} (its expiry is at or before it); never for
     *     a null expiry
     * @throws NullPointerException if {@code now} is null
     */
    public static boolean isExpired(@Nullable Instant expiresAt, Instant now) {
        Objects.requireNonNull(now, "now");
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /**
     * Checks the argument of {@code deleteExpired}.
     *
     * @param maxThreads the most threads one call deletes
     * @return {@code maxThreads}
     * @throws IllegalArgumentException if {@code maxThreads} is less than 1, naming it
     */
    public static int checkMaxThreads(int maxThreads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
        }
        return maxThreads;
    }

    @Override
    public String toString() {
        return timeToLive == null ? "Retention[none]" : "Retention[timeToLive=" + timeToLive + "]";
    }
}
