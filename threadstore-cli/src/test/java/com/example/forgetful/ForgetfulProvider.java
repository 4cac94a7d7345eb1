package com.example.forgetful;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadStoreProvider;
import java.util.Set;

/** A deliberately broken backend, scheme {@code forgetful}, so that the CLI's tck test can watch the TCK fail. */
public final class ForgetfulProvider implements ThreadStoreProvider {

    /** For the ServiceLoader. */
    public ForgetfulProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("forgetful");
    }

    @Override
    public ThreadStore open(StoreUri uri) {
        return new ForgetfulStore(ThreadStore.create("memory:"));
    }
}
