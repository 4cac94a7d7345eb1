package dev.threadstore.files;

import dev.threadstore.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The running total of bytes in a file store directory, shared by every store instance and every process
 * that uses the directory: a small file ({@value #LEDGER}) read and written only while holding an exclusive
 * lock on another ({@value #LOCK}), taken with a JVM-wide lock first (a {@link FileLock} is per process, so
 * two instances in one JVM must not both ask for it). The ledger is a cache of what the directory holds, not
 * a second truth: the store rewrites it from a measurement of the directory when it opens, when its health is
 * checked, when the ledger is missing or unreadable, and before it refuses a save as full. It can only be too
 * high between measurements (a save counts its bytes before writing them; a file deleted by hand is not seen),
 * never too low through this store, so the limit holds across instances and processes.
 */
final class UsageLedger {

    static final String LEDGER = ".usage";
    static final String LOCK = ".usage.lock";
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path base;
    private final ReentrantLock jvmLock;

    UsageLedger(Path base) {
        this.base = base;
        this.jvmLock = JVM_LOCKS.computeIfAbsent(base, dir -> new ReentrantLock());
    }

    /** Work done while holding the directory's usage lock, with the ledger open. */
    @FunctionalInterface
    interface Locked<T> {
        T run(Ledger ledger) throws IOException;
    }

    /** Work done while holding the directory's usage lock that only updates the ledger. */
    @FunctionalInterface
    interface Update {
        void run(Ledger ledger) throws IOException;
    }

    /** The ledger while its lock is held. */
    interface Ledger {
        /** @return the recorded total, or -1 when there is none or it cannot be read */
        long read() throws IOException;

        /** Records a new total. */
        void write(long bytes) throws IOException;
    }

    /**
     * Updates the ledger holding the lock, as {@link #locked} does.
     *
     * @throws IOException from the work or the lock file; {@link ClosedByInterruptException} when interrupted
     * @throws StorageException when the lock is not obtained in time
     */
    void update(Update work) throws IOException {
        locked(ledger -> {
            work.run(ledger);
            return Boolean.TRUE;
        });
    }

    /**
     * Runs work holding the lock, waiting at most {@link #LOCK_TIMEOUT} for it.
     *
     * @return what the work returns
     * @throws IOException from the work or the lock file; {@link ClosedByInterruptException} when interrupted
     * @throws StorageException when the lock is not obtained in time
     */
    <T> T locked(Locked<T> work) throws IOException {
        long deadline = System.nanoTime() + LOCK_TIMEOUT.toNanos();
        try {
            if (!jvmLock.tryLock(LOCK_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw lockTimeout("another file store instance in this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClosedByInterruptException();
        }
        try (FileChannel lockChannel = FileChannel.open(base.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = acquire(lockChannel, deadline);
             FileChannel ledger = FileChannel.open(base.resolve(LEDGER), StandardOpenOption.CREATE, StandardOpenOption.READ,
                     StandardOpenOption.WRITE)) {
            return work.run(new ChannelLedger(ledger));
        } finally {
            jvmLock.unlock();
        }
    }

    private FileLock acquire(FileChannel channel, long deadline) throws IOException {
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline > 0) {
                throw lockTimeout("another process");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClosedByInterruptException();
            }
        }
    }

    private StorageException lockTimeout(String holder) {
        return new StorageException("Could not lock the usage ledger of file store " + base + " within "
                + LOCK_TIMEOUT.toSeconds() + " s: " + holder + " holds " + base.resolve(LOCK)
                + ". If no process is using the directory, the lock is stale only while its holder lives; retry");
    }

    private record ChannelLedger(FileChannel channel) implements Ledger {

        @Override
        public long read() throws IOException {
            long size = channel.size();
            if (size == 0 || size > 64) {
                return -1;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
                // read the whole ledger
            }
            try {
                long bytes = Long.parseLong(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip());
                return bytes >= 0 ? bytes : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public void write(long bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap((Math.max(0, bytes) + "\n").getBytes(StandardCharsets.US_ASCII));
            channel.truncate(0);
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
        }
    }
}
