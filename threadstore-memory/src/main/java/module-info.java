/**
 * The in-memory reference backend of threadstore, scheme {@code memory}. Its only public type is the
 * provider; applications reach it through {@code ThreadStore.create("memory:")}.
 */
module dev.threadstore.memory {
    requires dev.threadstore;
    requires com.github.benmanes.caffeine;
    requires static org.jspecify;

    provides dev.threadstore.spi.ThreadStoreProvider with dev.threadstore.memory.MemoryThreadStoreProvider;
}
