/**
 * The threadstore technology compatibility kit: JUnit 5 contract interfaces that every
 * {@link dev.threadstore.ThreadStore} backend runs. Start with {@link dev.threadstore.tck.ThreadStoreContract}.
 */
module dev.threadstore.tck {
    requires transitive dev.threadstore;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires static org.jspecify;

    exports dev.threadstore.tck;

    uses dev.threadstore.spi.ThreadStoreProvider;
}
