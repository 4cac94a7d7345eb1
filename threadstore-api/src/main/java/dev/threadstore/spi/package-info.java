/**
 * The service-provider interface for backend authors: {@link dev.threadstore.spi.ThreadStoreProvider},
 * {@link dev.threadstore.spi.FileStoreProvider}, the parsed {@link dev.threadstore.spi.StoreUri}, and
 * the shared JSON value rules every backend must apply the same way.
 */
@NullMarked
package dev.threadstore.spi;

import org.jspecify.annotations.NullMarked;
