/**
 * Spring Boot auto-configuration for threadstore: a {@link dev.threadstore.ThreadStore} on {@code threadstore.url}, on
 * the application's own {@code DataSource}, or on an embedded SQLite file; a {@link dev.threadstore.FileStore}; Spring
 * AI chat memory; a health indicator; and Micrometer observations of every store operation
 * ({@link dev.threadstore.springboot.ObservedThreadStore}). Every bean backs off when the application defines its own.
 */
@NullMarked
package dev.threadstore.springboot;

import org.jspecify.annotations.NullMarked;
