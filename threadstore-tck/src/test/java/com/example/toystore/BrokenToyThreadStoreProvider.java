package com.example.toystore;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadStoreProvider;
import java.util.Set;

/** Opens a {@link BrokenToyThreadStore} for {@code toy-broken:<flaw>} URLs, e.g. {@code toy-broken:drops-system-messages}. */
public final class BrokenToyThreadStoreProvider implements ThreadStoreProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("toy-broken");
    }

    @Override
    public ThreadStore open(StoreUri uri) {
        return new BrokenToyThreadStore(BrokenToyThreadStore.Flaw.of(uri.path()), java.time.Clock.systemUTC());
    }
}
