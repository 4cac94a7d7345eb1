package dev.threadstore.memory;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadStoreProvider;
import java.util.Objects;
import java.util.Set;

/**
 * Opens in-memory thread stores for the {@code memory} scheme: {@code memory:} (or {@code memory://}) is
 * unbounded; the options {@code maximumSize} (threads), {@code expireAfterAccess} and
 * {@code expireAfterWrite} (ISO-8601 durations such as {@code PT1H}, or whole seconds) bound it, e.g.
 * {@code memory:?maximumSize=10000&expireAfterAccess=PT1H}. An evicted thread is gone, as if deleted.
 * {@code timeToLive} (e.g. {@code 30d}, {@code 12h}, {@code P30D}) is the retention every backend shares: it gives
 * threads an {@link dev.threadstore.ChatThread#expiresAt() expiresAt} (see {@link ThreadStore}), after which they
 * are invisible until {@link ThreadStore#deleteExpired(int)} purges them.
 *
 * <p>Each store opened is independent: two {@code ThreadStore.create("memory:")} calls share nothing.
 * The store is the reference implementation of the {@link ThreadStore} contract; it is thread-safe and
 * its {@link ThreadStore#unwrap unwrap(Cache.class)} returns the Caffeine cache that holds the threads
 * (for statistics and inspection: writing through it bypasses the store's indexes).
 *
 * <p>Registered with {@link java.util.ServiceLoader}; applications do not use this class directly.
 * Instances are stateless and thread-safe.
 */
public final class MemoryThreadStoreProvider implements ThreadStoreProvider {

    /** The scheme this provider opens. */
    static final String SCHEME = "memory";

    /** Creates the provider; does no work. */
    public MemoryThreadStoreProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    /**
     * Opens a new, empty in-memory store.
     *
     * @param uri a {@code memory:} URL
     * @return the store
     * @throws dev.threadstore.StoreConfigurationException if the URL has a path or host, or an option is
     *     unknown or invalid
     */
    @Override
    public ThreadStore open(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        return new MemoryThreadStore(MemoryStoreOptions.from(uri));
    }
}
