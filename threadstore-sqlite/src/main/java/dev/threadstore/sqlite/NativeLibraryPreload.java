package dev.threadstore.sqlite;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Loads sqlite-jdbc's native library on a daemon thread of its own, so that its loading (the slowest part of a first
 * connection in a fresh JVM) overlaps with the rest of an open instead of waiting for the pool's first connection
 * (the date and locale set-up of the first {@code SQLiteConfig}, the other slow part, has a thread of its own:
 * {@link ConfigurationPreload}). The library comes from the copy in the user's cache directory when it may
 * ({@link NativeLibraryCache}); either way the load ends in sqlite-jdbc's public
 * {@link SQLiteJDBCLoader#initialize()}, which is what the driver's first connection calls anyway. The pool's
 * connections {@linkplain #awaitLoaded() wait} for this thread before they call the driver, so that the driver never
 * extracts a second copy while this one is still being checked.
 *
 * <p>A failure here is only logged at debug level: the first connection then calls the loader again and fails (or
 * succeeds) exactly as without this class, with the store's usual typed error. The thread ends when the load ends
 * and holds nothing afterwards. Once per JVM. Thread-safe.
 */
final class NativeLibraryPreload {

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryPreload.class);

    /** The thread's name, for diagnostics and tests. */
    static final String THREAD_NAME = "threadstore-sqlite-native";

    /** The longest {@link #awaitLoaded()} waits: far more than a load takes, even on a loaded machine. */
    private static final long AWAIT_MILLIS = 10_000;

    private static final OnceThread THREAD = new OnceThread(THREAD_NAME);

    private NativeLibraryPreload() {
    }

    /**
     * Starts the load, the first time only.
     *
     * @return the thread started, or null when an earlier call already started one
     */
    static @Nullable Thread start() {
        return THREAD.start(new Logged(new Load()));
    }

    /**
     * Waits, within a bound, for the load started by {@link #start()} to end, whether it succeeded or not; returns at
     * once when none was started or it has ended. An interrupt ends the wait and stays set.
     */
    static void awaitLoaded() {
        THREAD.await(AWAIT_MILLIS);
    }

    /**
     * Runs {@code load} on a new daemon thread of this class's name, logging whatever it throws at debug level.
     *
     * @param load the work
     * @return the started thread
     */
    static Thread start(Runnable load) {
        Thread thread = new OnceThread(THREAD_NAME).start(new Logged(load));
        if (thread == null) {
            throw new IllegalStateException("a new OnceThread starts");
        }
        return thread;
    }

    private static final class Load implements Runnable {
        @Override
        public void run() {
            try {
                NativeLibraryCache.initialize();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static final class Logged implements Runnable {
        private final Runnable load;

        Logged(Runnable load) {
            this.load = load;
        }

        @Override
        public void run() {
            try {
                load.run();
            } catch (Throwable e) { // an Error too (UnsatisfiedLinkError): the first connection reports it
                LOG.debug("Loading the SQLite native library ahead of the first connection failed; the connection"
                        + " will try again: {}", e.toString());
            }
        }
    }
}
