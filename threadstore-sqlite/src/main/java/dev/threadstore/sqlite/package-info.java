/**
 * The SQLite backend. Use it through {@code ThreadStore.create("sqlite:threads.db")}; nothing here but the
 * provider is public.
 */
@NullMarked
package dev.threadstore.sqlite;

import org.jspecify.annotations.NullMarked;
