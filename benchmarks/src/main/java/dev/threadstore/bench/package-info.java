/**
 * The performance harness: a program ({@link dev.threadstore.bench.Main}) that measures threadstore's
 * workloads on every backend next to a hand-written JDBC floor and Spring AI's JDBC chat memory. Not a
 * library and not deployed; it runs from the fat jar on the class path, so it has no module descriptor.
 */
@NullMarked
package dev.threadstore.bench;

import org.jspecify.annotations.NullMarked;
