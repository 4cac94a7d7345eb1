package dev.threadstore.sqlite;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Loads sqlite-jdbc's native library on a daemon thread of its own, so that its extraction to the temporary
 * directory and its loading (the slowest part of a first connection in a fresh JVM) overlap with the rest of an
 * open instead of waiting for the pool's first connection (the date and locale set-up of the first
 * {@code SQLiteConfig}, the other slow part, has a thread of its own: {@link ConfigurationPreload}). It calls
 * sqlite-jdbc's public
 * {@link SQLiteJDBCLoader#initialize()}, which is what the driver's first connection calls anyway; that method is
 * synchronised and loads the library once per class loader, so the connection waits for this thread rather than
 * loading a second copy. No system property is read or set.
 *
 * <p>A failure here is only logged at debug level: the first connection then calls the loader again and fails (or
 * succeeds) exactly as without this class, with the store's usual typed error. The thread ends when the load ends
 * and holds nothing afterwards. Thread-safe.
 */
final class NativeLibraryPreload {

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryPreload.class);

    /** The thread's name, for diagnostics and tests. */
    static final String THREAD_NAME = "threadstore-sqlite-native";

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private NativeLibraryPreload() {
    }

    /**
     * Starts the load, the first time only.
     *
     * @return the thread started, or null when an earlier call already started one
     */
    static @Nullable Thread start() {
        if (!STARTED.compareAndSet(false, true)) {
            return null;
        }
        return start(() -> {
            try {
                SQLiteJDBCLoader.initialize();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /**
     * Runs {@code load} on a new daemon thread, logging whatever it throws at debug level.
     *
     * @param load the work
     * @return the started thread
     */
    static Thread start(Runnable load) {
        Thread thread = new Thread(() -> {
            try {
                load.run();
            } catch (Throwable e) { // an Error too (UnsatisfiedLinkError): the first connection reports it
                LOG.debug("Loading the SQLite native library ahead of the first connection failed; the connection"
                        + " will try again: {}", e.toString());
            }
        }, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
