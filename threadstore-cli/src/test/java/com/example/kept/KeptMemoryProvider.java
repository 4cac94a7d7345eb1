package com.example.kept;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadStoreProvider;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test backend, scheme {@code kept}: {@code kept:NAME} is the memory backend's store of that name, kept for the
 * whole JVM, so that one CLI command can write a memory store and the next one read it ({@code memory:} lives as
 * long as one command). It is the memory store behind a decorator, as an application's wrapper would be: its
 * {@code unwrap} passes the memory store's {@code ThreadRestore} on; with {@code ?restore=false} it hides it, to
 * play a backend that cannot restore.
 */
public final class KeptMemoryProvider implements ThreadStoreProvider {

    private static final Map<String, ThreadStore> STORES = new ConcurrentHashMap<>();

    /** For the ServiceLoader. */
    public KeptMemoryProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("kept");
    }

    @Override
    public ThreadStore open(StoreUri uri) {
        ThreadStore memory = STORES.computeIfAbsent(uri.path(), name -> ThreadStore.create("memory:"));
        return new KeptStore(memory, !"false".equals(uri.option("restore").orElse("true")));
    }
}
