/**
 * The {@code threadstore} command line: {@code info}, {@code ls}, {@code show}, {@code export}, {@code import},
 * {@code copy}, {@code migrate} and {@code tck} over any store URL, packaged with every backend in one executable
 * jar. {@link dev.threadstore.cli.Main} is the entry point; everything else is package-private.
 */
@NullMarked
package dev.threadstore.cli;

import org.jspecify.annotations.NullMarked;
