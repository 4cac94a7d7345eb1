/**
 * The in-memory reference backend, scheme {@code memory}: {@code memory:} or, bounded,
 * {@code memory:?maximumSize=10000&expireAfterAccess=PT1H}. Only
 * {@link dev.threadstore.memory.MemoryThreadStoreProvider} is public.
 */
@NullMarked
package dev.threadstore.memory;

import org.jspecify.annotations.NullMarked;
