/**
 * The threadstore API. Start with {@link dev.threadstore.ThreadStore#create(String)}.
 *
 * <p>Every type in this package is null-marked: a parameter or return value may be {@code null} only
 * where it is annotated {@code @Nullable}.
 */
@NullMarked
package dev.threadstore;

import org.jspecify.annotations.NullMarked;
