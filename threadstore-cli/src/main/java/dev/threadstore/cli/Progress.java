package dev.threadstore.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, drawn only on a terminal ({@code System.console() != null}) so that
 * a redirected run's output holds no control characters. Redrawn at most every 100 ms. Not thread-safe.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final long total;
    private long lastDrawn;

    private Progress(PrintWriter err, boolean enabled, long total) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
    }

    /** @return a bar for {@code total} items, drawn only when the JVM has a console */
    static Progress onConsole(PrintWriter err, long total) {
        return new Progress(err, System.console() != null, total);
    }

    void update(long done) {
        long now = System.nanoTime();
        if (!enabled || now - lastDrawn < 100_000_000L && done < total) {
            return;
        }
        lastDrawn = now;
        int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
        err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
        err.flush();
    }

    void finish() {
        if (enabled) {
            err.print("\r" + " ".repeat(WIDTH + 30) + "\r");
            err.flush();
        }
    }
}
