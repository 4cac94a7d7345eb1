package dev.threadstore.bench;

import java.util.Objects;

/**
 * One measured cell of the run, as written to the JSON file: which workload, on which store and backend,
 * at which size.
 *
 * @param workload e.g. {@code append}, {@code get}, {@code find-attributes}
 * @param store {@code threadstore}, {@code jdbc-floor} or {@code spring-ai}
 * @param backend {@code memory}, {@code sqlite} or {@code postgresql}
 * @param n the workload's size: messages in the thread, threads in the store, or writers
 * @param opsPerSec operations per second
 * @param p50Micros the median time of one operation (of one whole conversation for {@code conversation})
 * @param p99Micros the 99th-percentile time
 */
record Result(String workload, String store, String backend, int n, double opsPerSec, double p50Micros,
              double p99Micros) {

    static final String THREADSTORE = "threadstore";
    static final String JDBC_FLOOR = "jdbc-floor";
    static final String SPRING_AI = "spring-ai";

    Result {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(backend, "backend");
    }

    static Result of(String workload, String store, String backend, int n, Stats stats) {
        return new Result(workload, store, backend, n, stats.opsPerSec(), stats.p50Micros(), stats.p99Micros());
    }

    /** @return whether this is the given cell */
    boolean is(String workload, String store, String backend, int n) {
        return this.workload.equals(workload) && this.store.equals(store) && this.backend.equals(backend)
                && this.n == n;
    }
}
