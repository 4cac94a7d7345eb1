/**
 * The PostgreSQL backend: {@link dev.threadstore.postgres.PostgresThreadStoreProvider} and, package-private,
 * the dialect, type handlers and text encoding behind it.
 */
@NullMarked
package dev.threadstore.postgres;

import org.jspecify.annotations.NullMarked;
