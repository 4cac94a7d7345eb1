package dev.threadstore.memory;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.tck.ThreadStoreContract;
import java.time.Clock;
import java.util.Optional;

/**
 * The whole ThreadStore contract against the reference backend, opened the way an application opens it.
 * The memory store keeps nothing across a close, so the durability tests are skipped; the tie-break tests
 * run on a store built with the TCK's clock.
 */
class MemoryThreadStoreTckTest implements ThreadStoreContract {

    @Override
    public String uri() {
        return "memory:";
    }

    @Override
    public Optional<ThreadStore> newStore(Clock clock) {
        return Optional.of(new MemoryThreadStore(MemoryStoreOptions.from(StoreUri.parse(uri())), clock));
    }
}
