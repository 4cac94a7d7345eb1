package dev.threadstore.memory;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.spi.Retention;
import dev.threadstore.spi.StoreOption;
import dev.threadstore.spi.StoreOptions;
import dev.threadstore.spi.StoreUri;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The bounds of an in-memory store, read from its URL: how many threads it keeps at most and how long
 * a thread stays after it was last read or written. A null component means "no bound"; all null (the
 * default) is an unbounded store that keeps every thread until it is deleted.
 *
 * @param maximumSize the most threads kept; the least recently used are evicted beyond it
 * @param expireAfterAccess how long a thread stays after it was last read or written
 * @param expireAfterWrite how long a thread stays after it was last written
 * @param retention the {@code timeToLive} option: the expiry a write gives a thread (not a cache bound: an expired
 *     thread stays until {@code deleteExpired} purges it, invisible)
 */
record MemoryStoreOptions(@Nullable Long maximumSize, @Nullable Duration expireAfterAccess,
                          @Nullable Duration expireAfterWrite, Retention retention) {


    /**
     * Reads and validates the options of a {@code memory:} URL.
     *
     * @throws StoreConfigurationException if the URL names a host or path, or an option is unknown or invalid
     */
    static MemoryStoreOptions from(StoreUri uri) {
        if (uri.host().isPresent() || uri.user().isPresent() || !(uri.path().isEmpty() || uri.path().equals("/"))) {
            throw new StoreConfigurationException("The memory store takes no host or path, got " + uri
                    + "; use \"memory:\", optionally with options, e.g. \"memory:?maximumSize=10000&expireAfterAccess=PT1H\"");
        }
        StoreOptions.requireKnown(uri, StoreOptions.MEMORY, MemoryThreadStoreProvider.SCHEME);
        Long maximumSize = StoreOptions.MAXIMUM_SIZE.read(uri).orElse(null);
        return new MemoryStoreOptions(maximumSize, duration(uri, StoreOptions.EXPIRE_AFTER_ACCESS),
                duration(uri, StoreOptions.EXPIRE_AFTER_WRITE),
                Retention.from(uri));
    }

    /** Applies the bounds to a cache builder. */
    Caffeine<Object, Object> applyTo(Caffeine<Object, Object> builder) {
        if (maximumSize != null) {
            builder.maximumSize(maximumSize);
        }
        if (expireAfterAccess != null) {
            builder.expireAfterAccess(expireAfterAccess);
        }
        if (expireAfterWrite != null) {
            builder.expireAfterWrite(expireAfterWrite);
        }
        return builder;
    }

    private static @Nullable Duration duration(StoreUri uri, StoreOption<String> option) {
        String name = option.name();
        String text = option.read(uri).map(String::strip).orElse(null);
        if (text == null) {
            return null;
        }
        Duration duration;
        try {
            duration = text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                    ? Duration.ofSeconds(Long.parseLong(text))
                    : Duration.parse(text);
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new StoreConfigurationException("Option '" + name + "' must be an ISO-8601 duration such as PT1H or"
                    + " PT30M, or a whole number of seconds, got '" + abbreviate(text) + "'", e);
        }
        if (duration.isNegative()) {
            throw new StoreConfigurationException("Option '" + name + "' must not be negative, got '" + text + "'");
        }
        return duration;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
