/**
 * Spring AI chat memory over threadstore: {@link dev.threadstore.springai.ThreadStoreChatMemoryRepository}, a
 * drop-in {@code ChatMemoryRepository} that writes only the difference, and
 * {@link dev.threadstore.springai.ThreadStoreChatMemory}, an append-only {@code ChatMemory} with a windowed read.
 *
 * <p>This jar has no {@code module-info}: Spring AI 1.1.x jars declare no module name, so a named module could only
 * require them under names derived from their file names. It runs on the class path; on the module path it is the
 * automatic module {@code dev.threadstore.springai} (set in its manifest).
 */
@NullMarked
package dev.threadstore.springai;

import org.jspecify.annotations.NullMarked;
