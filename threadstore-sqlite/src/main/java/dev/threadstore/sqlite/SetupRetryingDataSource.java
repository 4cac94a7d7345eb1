package dev.threadstore.sqlite;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;

/**
 * sqlite-jdbc's data source, except that a connection whose set-up meets {@code SQLITE_BUSY} is opened again, for up
 * to the busy timeout. The driver runs the connection's pragmas as it opens it; switching a new file to WAL takes an
 * exclusive lock, and when several connections set up a new file at once SQLite may answer one of them BUSY at
 * once rather than wait on the busy handler (waiting could deadlock). A connection that fails there is closed by the
 * driver, so opening it again is safe; every other failure is the caller's at once. Each connection first waits for
 * the native library's preload ({@link NativeLibraryPreload#awaitLoaded()}; at once when it has ended), so that the
 * driver does not start extracting a library of its own while the preload still checks its cached copy.
 */
final class SetupRetryingDataSource extends SQLiteDataSource {

    private static final long serialVersionUID = 1L;

    /** Opens one connection; a seam for the retry's test. */
    @FunctionalInterface
    interface Opener<T> {
        T open() throws SQLException;
    }

    private final long timeoutNanos;

    SetupRetryingDataSource(SQLiteConfig config, int busyTimeoutMillis) {
        super(config);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, busyTimeoutMillis));
    }

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
        NativeLibraryPreload.awaitLoaded();
        return retryingBusy(() -> super.getConnection(username, password), timeoutNanos);
    }

    /**
     * @return what {@code opener} opens, tried again after a short pause while it fails with a BUSY result code and
     *     {@code timeoutNanos} have not passed since the first try
     * @throws SQLException the last failure, or the first one that is not BUSY
     */
    static <T> T retryingBusy(Opener<T> opener, long timeoutNanos) throws SQLException {
        long start = System.nanoTime();
        long pauseMillis = 1;
        while (true) {
            try {
                return opener.open();
            } catch (SQLiteException e) {
                if (!isBusy(e) || System.nanoTime() - start >= timeoutNanos) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting to open a SQLite connection again", e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
    }

    /** @return whether the failure is SQLITE_BUSY or one of its extended codes */
    static boolean isBusy(SQLiteException e) {
        return (e.getResultCode().code & 0xFF) == SqliteDialect.SQLITE_BUSY;
    }
}
