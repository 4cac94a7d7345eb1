package com.example.toystore;

import com.example.toystore.BrokenToyThreadStore.Flaw;
import dev.threadstore.ThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The contract against the broken toy store whose flaw the running thread has set: run only by
 * {@link BrokenBackendsFailTheContractTest} through the JUnit Platform launcher (its name does not end in
 * "Test", so Surefire does not pick it up; run on its own, every test is skipped).
 */
final class BrokenContractRun implements ThreadStoreContract {

    /** The flaw of the stores this run opens, set by the thread that runs the contract. */
    static final ThreadLocal<Flaw> FLAW = new ThreadLocal<>();

    private static Flaw flaw() {
        Flaw flaw = FLAW.get();
        Assumptions.assumeTrue(flaw != null, "run by BrokenBackendsFailTheContractTest, which sets the flaw");
        return flaw;
    }

    @Override
    public String uri() {
        return "toy-broken:" + flaw().path();
    }

    @Override
    public Optional<ThreadStore> newStore(Clock clock) {
        return Optional.of(new BrokenToyThreadStore(flaw(), clock));
    }

    @Override
    public ThreadStore referenceStore() {
        return new ToyThreadStore();
    }
}
