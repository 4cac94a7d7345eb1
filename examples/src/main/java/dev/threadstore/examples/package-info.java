/**
 * Runnable examples: {@link dev.threadstore.examples.Quickstart} first, then
 * {@link dev.threadstore.examples.SpringAiChatMemoryExample} for Spring AI users.
 *
 * <p>The examples run on the class path and have no {@code module-info}: Spring AI 1.1.x cannot be on the module
 * path (its jars declare no module names, and {@code spring-ai-model} and {@code spring-ai-commons} both hold the
 * package {@code org.springframework.ai.embedding}).
 */
@NullMarked
package dev.threadstore.examples;

import org.jspecify.annotations.NullMarked;
