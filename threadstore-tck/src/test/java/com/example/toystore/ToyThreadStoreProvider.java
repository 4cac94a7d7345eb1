package com.example.toystore;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.Retention;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadStoreProvider;
import java.util.Set;

/** Opens a new, empty {@link ToyThreadStore} for {@code toy:} URLs. */
public final class ToyThreadStoreProvider implements ThreadStoreProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("toy");
    }

    @Override
    public ThreadStore open(StoreUri uri) {
        uri.requireKnownOptions(Set.of(Retention.OPTION), "toy");
        return new ToyThreadStore(java.time.Clock.systemUTC(), Retention.from(uri));
    }
}
