package dev.threadstore.sqlite;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Builds one throwaway {@link SQLiteConfig} on a daemon thread of its own, so that what the first one costs in a
 * fresh JVM (sqlite-jdbc's {@code FastDateFormat} for the default date pattern, and with it the JDK's time zone,
 * CLDR locale and calendar data) is paid while the opening thread reads the options, not after. The opening thread
 * {@linkplain #awaitBuilt() waits} for this one before it builds the pool's own {@code SQLiteConfig}, which then
 * finds that work done ({@code FastDateFormat} caches its instances by pattern, time zone and locale) instead of
 * racing it and doing it twice. No connection setting changes: the pool's config is built as before, from the same
 * pragmas.
 *
 * <p>Once per JVM. A failure is only logged at debug level: the opening thread then meets it where it always did.
 * The thread ends when the config is built and keeps nothing. Thread-safe.
 */
final class ConfigurationPreload {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationPreload.class);

    /** The thread's name, for diagnostics and tests. */
    static final String THREAD_NAME = "threadstore-sqlite-config";

    /** The longest {@link #awaitBuilt()} waits: far more than the build takes, even on a loaded machine. */
    private static final long AWAIT_MILLIS = 10_000;

    private static final OnceThread THREAD = new OnceThread(THREAD_NAME);

    private ConfigurationPreload() {
    }

    /**
     * Starts building the config, the first time only.
     *
     * @return the thread started, or null when an earlier call already started one
     */
    static @Nullable Thread start() {
        return THREAD.start(ConfigurationPreload::build);
    }

    /**
     * Waits, within a bound, for the build started by {@link #start()} to end, whether it succeeded or not; returns
     * at once when none was started or it has ended. An interrupt ends the wait and stays set.
     */
    static void awaitBuilt() {
        THREAD.await(AWAIT_MILLIS);
    }

    private static void build() {
        try {
            new SQLiteConfig().newConnectionConfig();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Building a SQLite configuration ahead of the pool's failed; the pool's will try again: {}",
                    e.toString());
        }
    }
}
