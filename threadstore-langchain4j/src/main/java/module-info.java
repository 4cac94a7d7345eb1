/**
 * LangChain4j chat memory on threadstore: {@code ThreadStoreChatMemoryStore}, {@code ThreadStoreChatMemory}
 * and {@code ThreadStoreChatMemoryProvider}. LangChain4j 1.x ships no module descriptors, so its jars are
 * automatic modules named after their files.
 */
module dev.threadstore.langchain4j {
    requires transitive dev.threadstore;
    requires transitive langchain4j.core;
    requires static langchain4j;
    requires static org.jspecify;

    exports dev.threadstore.langchain4j;
}
