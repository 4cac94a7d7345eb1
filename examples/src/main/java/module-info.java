/** Runnable programs a new threadstore user starts from. */
module dev.threadstore.examples {
    requires dev.threadstore;
    requires dev.threadstore.langchain4j;
    requires langchain4j;
    requires static org.jspecify;

    // AiServices implements the example's assistant interface and calls its tool by reflection.
    opens dev.threadstore.examples to langchain4j, langchain4j.core;
}
