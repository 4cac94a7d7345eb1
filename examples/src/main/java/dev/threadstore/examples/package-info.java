/** Runnable examples: {@link dev.threadstore.examples.Quickstart} first. */
@NullMarked
package dev.threadstore.examples;

import org.jspecify.annotations.NullMarked;
