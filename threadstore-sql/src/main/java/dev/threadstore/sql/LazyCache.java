package dev.threadstore.sql;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;

/**
 * A Caffeine cache made on its first use, so that a store that only reads never loads Caffeine (about 80 classes in
 * a fresh JVM): the write memo's and the digest memo's. A subclass says how the cache is built; a subclass rather
 * than a supplier lambda, because the holders are made on the opening thread, where each lambda shape costs the JVM
 * generated method-handle classes. Thread-safe: the cache is built once, under the holder's lock, and the volatile
 * field publishes it whole.
 *
 * @param <K> the cache's key type
 * @param <V> the cache's value type
 */
abstract class LazyCache<K, V> {

    private volatile @Nullable Cache<K, V> cache;

    /** @return a new cache; called at most once per holder */
    protected abstract Cache<K, V> build();

    /** @return the cache, built by this call when it is the first use */
    final Cache<K, V> get() {
        Cache<K, V> made = cache;
        if (made == null) {
            synchronized (this) {
                made = cache;
                if (made == null) {
                    made = build();
                    cache = made;
                }
            }
        }
        return made;
    }

    /** @return the cache if a use has built it, else null: what a lookup or a removal needs, without building it */
    final @Nullable Cache<K, V> ifBuilt() {
        return cache;
    }
}
