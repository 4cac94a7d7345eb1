package com.example.toystore;

import dev.threadstore.ThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.time.Clock;
import java.util.Optional;

/**
 * The toy backend passes the whole contract: a backend needs nothing beyond the API and the TCK on its test
 * class path (the attachment tests use the TCK's in-memory file store; the differential test compares with a
 * second, fresh toy store, as no memory backend is on this class path).
 */
class ToyThreadStoreTckTest implements ThreadStoreContract {

    @Override
    public String uri() {
        return "toy:";
    }

    @Override
    public Optional<ThreadStore> newStore(Clock clock) {
        return Optional.of(new ToyThreadStore(clock));
    }

    @Override
    public ThreadStore referenceStore() {
        return new ToyThreadStore();
    }
}
