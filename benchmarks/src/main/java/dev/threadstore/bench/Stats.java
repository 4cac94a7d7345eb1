package dev.threadstore.bench;

import java.util.Arrays;

/**
 * What one measured cell came to: how many samples, the throughput, and the median and 99th percentile
 * of the per-sample times.
 *
 * @param samples how many timed samples were taken
 * @param opsPerSec operations per second
 * @param p50Micros the median sample, in microseconds
 * @param p99Micros the 99th-percentile sample, in microseconds
 */
record Stats(int samples, double opsPerSec, double p50Micros, double p99Micros) {

    /**
     * Summarises single-operation samples: the throughput is the number of samples over the time they took.
     *
     * @param nanos the samples, in nanoseconds (sorted in place)
     * @param count how many of them are valid
     * @param operationsPerSample how many operations one sample holds (1 for a single call)
     * @return the summary
     */
    static Stats of(long[] nanos, int count, int operationsPerSample) {
        if (count == 0) {
            throw new IllegalArgumentException("no samples were taken");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        long total = 0;
        for (long n : sorted) {
            total += n;
        }
        double opsPerSec = total == 0 ? 0 : (double) count * operationsPerSample * 1e9 / total;
        return new Stats(count, opsPerSec, percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3);
    }

    /** Nearest-rank percentile of sorted samples. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** @return these statistics with the throughput replaced (for concurrent runs, measured over wall time) */
    Stats withOpsPerSec(double value) {
        return new Stats(samples, value, p50Micros, p99Micros);
    }
}
