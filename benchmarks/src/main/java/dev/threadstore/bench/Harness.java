package dev.threadstore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The measuring loop: a number of warm-up iterations, then measured ones, each timed with
 * {@link System#nanoTime()}; an optional untimed step after each iteration puts the data back as it was
 * (so that, say, an append always meets a thread of the same length). A time budget bounds both phases so
 * that slow peers cannot stretch a quick run; at least the plan's minimum number of samples is always taken.
 */
final class Harness {

    /** Something to time; may throw anything, which aborts the cell. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /**
     * How long to measure a cell.
     *
     * @param warmup warm-up iterations at most (not recorded)
     * @param warmupMillis time after which the warm-up stops early
     * @param iterations measured iterations at most
     * @param minSamples measured iterations taken even past the budget
     * @param budgetMillis time after which the measurement stops early
     */
    record Plan(int warmup, long warmupMillis, int iterations, int minSamples, long budgetMillis) {
        Plan {
            if (warmup < 0 || warmupMillis < 0 || minSamples < 1 || iterations < minSamples || budgetMillis <= 0) {
                throw new IllegalArgumentException("bad plan: warmup " + warmup + ", iterations " + iterations
                        + ", at least " + minSamples + ", budget " + budgetMillis + " ms");
            }
        }
    }

    private Harness() {
    }

    /**
     * Times {@code step}, calling {@code before} and {@code after} untimed around every iteration.
     *
     * @return the statistics of the measured iterations
     */
    static Stats measure(Plan plan, Step before, Step step, Step after) throws Exception {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(after, "after");
        long warmupEnd = System.nanoTime() + plan.warmupMillis() * 1_000_000L;
        for (int i = 0; i < plan.warmup() && System.nanoTime() < warmupEnd; i++) {
            before.run();
            step.run();
            after.run();
        }
        long[] samples = new long[plan.iterations()];
        int count = 0;
        long end = System.nanoTime() + plan.budgetMillis() * 1_000_000L;
        while (count < plan.iterations() && (count < plan.minSamples() || System.nanoTime() < end)) {
            before.run();
            long start = System.nanoTime();
            step.run();
            samples[count++] = System.nanoTime() - start;
            after.run();
        }
        return Stats.of(samples, count, 1);
    }

    /** Times {@code step}, calling {@code reset} untimed after every iteration. */
    static Stats measure(Plan plan, Step step, Step reset) throws Exception {
        return measure(plan, () -> { }, step, reset);
    }

    /** Times {@code step} with nothing to undo between iterations. */
    static Stats measure(Plan plan, Step step) throws Exception {
        return measure(plan, () -> { }, step, () -> { });
    }

    /**
     * Times several steps side by side, for a cell whose contenders are compared with each other: warm-up and
     * measurement go round the steps one iteration at a time, starting each round with the next step, so that
     * none of them is measured while the JIT, the garbage collector or the machine is in a state the others never
     * meet. Each step gets the plan's iterations, warm-up and time budget.
     *
     * @return the statistics of each step's measured iterations, in the order of {@code steps}
     */
    static List<Stats> measureTogether(Plan plan, List<Step> steps) throws Exception {
        int k = steps.size();
        if (k == 0) {
            return List.of();
        }
        long warmupEnd = System.nanoTime() + plan.warmupMillis() * 1_000_000L * k;
        for (int i = 0; i < plan.warmup() && System.nanoTime() < warmupEnd; i++) {
            for (int j = 0; j < k; j++) {
                steps.get((i + j) % k).run();
            }
        }
        long[][] samples = new long[k][plan.iterations()];
        int count = 0;
        long end = System.nanoTime() + plan.budgetMillis() * 1_000_000L * k;
        while (count < plan.iterations() && (count < plan.minSamples() || System.nanoTime() < end)) {
            for (int j = 0; j < k; j++) {
                int which = (count + j) % k;
                Step step = steps.get(which);
                long start = System.nanoTime();
                step.run();
                samples[which][count] = System.nanoTime() - start;
            }
            count++;
        }
        List<Stats> stats = new ArrayList<>(k);
        for (long[] s : samples) {
            stats.add(Stats.of(s, count, 1));
        }
        return stats;
    }
}
