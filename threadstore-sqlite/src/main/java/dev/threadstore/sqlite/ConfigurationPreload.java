package dev.threadstore.sqlite;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Builds one throwaway {@link SQLiteConfig} on a daemon thread of its own, so that what the first one costs in a
 * fresh JVM (sqlite-jdbc's {@code FastDateFormat} for the default date pattern, and with it the JDK's time zone,
 * CLDR locale and calendar data) is paid while the opening thread reads the options, not after. The opening thread
 * builds the pool's own {@code SQLiteConfig} a moment later and finds that work done: {@code FastDateFormat} caches
 * its instances by pattern, time zone and locale, and a class whose initialisation is under way on this thread
 * makes it wait rather than repeat it. No connection setting changes: the pool's config is built as before, from
 * the same pragmas.
 *
 * <p>Once per JVM. A failure is only logged at debug level: the opening thread then meets it where it always did.
 * The thread ends when the config is built and keeps nothing. Thread-safe.
 */
final class ConfigurationPreload {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationPreload.class);

    /** The thread's name, for diagnostics and tests. */
    static final String THREAD_NAME = "threadstore-sqlite-config";

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ConfigurationPreload() {
    }

    /**
     * Starts building the config, the first time only.
     *
     * @return the thread started, or null when an earlier call already started one
     */
    static @Nullable Thread start() {
        if (!STARTED.compareAndSet(false, true)) {
            return null;
        }
        Thread thread = new Thread(ConfigurationPreload::build, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return thread;
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
