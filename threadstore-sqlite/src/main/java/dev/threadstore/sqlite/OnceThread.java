package dev.threadstore.sqlite;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A daemon thread that runs a piece of an open's work ahead of time, started at most once per class loader, whose
 * end another thread may wait for within a bound. The work must catch what it throws: what escapes ends the thread
 * like any other uncaught exception. Thread-safe.
 */
final class OnceThread {

    private final String name;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile @Nullable Thread thread;

    /** @param name the thread's name, for diagnostics and tests */
    OnceThread(String name) {
        this.name = name;
    }

    /**
     * Starts {@code work} on a new daemon thread, the first time only.
     *
     * @return the thread started, or null when an earlier call already started one
     */
    @Nullable Thread start(Runnable work) {
        if (!started.compareAndSet(false, true)) {
            return null;
        }
        Thread started = new Thread(work, name);
        started.setDaemon(true);
        started.start();
        thread = started;
        return started;
    }

    /**
     * Waits, for at most {@code millis}, for the thread to end, whether its work succeeded or not; returns at once
     * when none was started or it has ended. An interrupt ends the wait and stays set.
     */
    void await(long millis) {
        Thread started = thread;
        if (started == null || !started.isAlive()) {
            return;
        }
        try {
            started.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
