package dev.threadstore.sqlite;

import dev.threadstore.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps other stores, in this JVM and in other processes, from migrating one database file at the same
 * time: an OS file lock on {@code <database>.migration-lock} beside it, which the OS releases when the
 * process dies, plus a JVM-wide lock per file, because the JVM refuses a second file lock on the same
 * file from the same process instead of waiting for it. Waiting for either is bounded; the holder writes
 * its process id, host and start time into the file, so that a store that gives up can say who holds it.
 * The lock file itself stays; deleting it while another process waits on it would let two processes lock
 * two different files. The JVM-wide locks are counted and dropped when no store holds or waits for them.
 */
final class SqliteMigrationLock implements AutoCloseable {

    private static final long POLL_MILLIS = 50;

    /**
     * A JVM-wide lock of one lock file (a semaphore, not a reentrant lock: a second store opened by the same
     * thread must wait too) and how many stores hold or wait for it.
     */
    static final class Local {
        final Semaphore lock = new Semaphore(1);
        int users;
    }

    private static final Map<Path, Local> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path key;
    private final Local local;
    private final FileChannel channel;
    private final FileLock lock;

    SqliteMigrationLock(Path key, Local local, FileChannel channel, FileLock lock) {
        this.key = key;
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param database the database file
     * @param timeout how long to wait for another store or process that holds the lock
     * @return the lock, held
     * @throws StoreUnavailableException if the lock is not granted in time (naming its holder) or the thread is
     *     interrupted while waiting (the interrupt status is kept)
     * @throws IOException if the lock file cannot be opened
     */
    static SqliteMigrationLock take(Path database, Duration timeout) throws IOException {
        Path file = lockFile(database);
        Path key = file.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + timeout.toNanos();
        Local local = enter(key);
        try {
            if (!local.lock.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut(file, timeout, "another store in this process");
            }
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                try {
                    FileLock lock = waitFor(channel, file, deadline, timeout);
                    writeHolder(channel);
                    return new SqliteMigrationLock(key, local, channel, lock);
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                local.lock.release();
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leave(key);
            throw new StoreUnavailableException("Interrupted while waiting for the SQLite migration lock " + file
                    + "; the store was not opened.", e);
        } catch (IOException | RuntimeException e) {
            leave(key);
            throw e;
        }
    }

    private static FileLock waitFor(FileChannel channel, Path file, long deadline, Duration timeout)
            throws IOException, InterruptedException {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw timedOut(file, timeout, "another process");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".migration-lock");
    }

    private static StoreUnavailableException timedOut(Path file, Duration timeout, String who) {
        return new StoreUnavailableException("Waited " + timeout.toSeconds() + " s (migrationLockTimeout) for the"
                + " SQLite migration lock " + file + ", held by " + who + " (" + holder(file) + "). Retry once that"
                + " migration has finished; if that process is gone, its lock is released with it.");
    }

    /** @return what the holder wrote into the lock file, or that it is unknown */
    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException | RuntimeException e) {
            return "holder unknown";
        }
    }

    private static void writeHolder(FileChannel channel) throws IOException {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            host = "an unknown host";
        }
        String text = "pid " + ProcessHandle.current().pid() + " on host " + host + " since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    }

    static Local enter(Path key) {
        return IN_THIS_JVM.compute(key, (k, local) -> {
            Local entry = local == null ? new Local() : local;
            entry.users++;
            return entry;
        });
    }

    private static void leave(Path key) {
        IN_THIS_JVM.computeIfPresent(key, (k, local) -> --local.users == 0 ? null : local);
    }

    /** @return how many lock files this JVM tracks (for tests: it must not grow with every database opened) */
    static int tracked() {
        return IN_THIS_JVM.size();
    }

    /** Releases the lock and closes the channel, each even when the one before it fails. */
    @Override
    public void close() throws IOException {
        try {
            try {
                channel.truncate(0);
            } finally {
                lock.release();
            }
        } finally {
            try {
                channel.close();
            } finally {
                local.lock.release();
                leave(key);
            }
        }
    }
}
