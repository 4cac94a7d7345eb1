/**
 * LangChain4j chat memory on threadstore: {@link dev.threadstore.langchain4j.ThreadStoreChatMemoryStore}
 * under LangChain4j's own chat memories, {@link dev.threadstore.langchain4j.ThreadStoreChatMemory} for
 * append-only storage with a windowed read, and
 * {@link dev.threadstore.langchain4j.ThreadStoreChatMemoryProvider} for {@code AiServices}.
 */
@NullMarked
package dev.threadstore.langchain4j;

import org.jspecify.annotations.NullMarked;
