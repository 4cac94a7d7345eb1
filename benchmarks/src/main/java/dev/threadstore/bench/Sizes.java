package dev.threadstore.bench;

import java.util.List;

/**
 * How big and how long each workload is, for the quick and the full run.
 *
 * @param appendLengths thread lengths the append workloads start from
 * @param conversationLength messages in one built conversation
 * @param getLength messages in the thread that is read
 * @param populations thread counts for the query workloads, ascending
 * @param writers concurrent writers
 * @param concurrentAppends appends each writer makes (measured)
 * @param operation plan for single operations
 * @param conversation plan for whole conversations
 * @param setupThreads parallel writers that fill the store for the query workloads (SQLite always uses one)
 */
record Sizes(List<Integer> appendLengths, int conversationLength, int getLength, List<Integer> populations,
             int writers, int concurrentAppends, Harness.Plan operation, Harness.Plan conversation, int setupThreads) {

    static Sizes quick() {
        return new Sizes(List.of(10, 100, 1000), 200, 100, List.of(1_000, 20_000), 8, 100,
                new Harness.Plan(500, 1_200, 300, 10, 1_000), new Harness.Plan(1, 3_000, 5, 3, 3_000), 4);
    }

    static Sizes full() {
        return new Sizes(List.of(10, 100, 1000), 200, 100, List.of(1_000, 100_000), 8, 500,
                new Harness.Plan(3_000, 6_000, 2_000, 30, 8_000), new Harness.Plan(2, 30_000, 20, 5, 30_000), 4);
    }
}
