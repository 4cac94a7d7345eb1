/**
 * The threadstore API: the {@link dev.threadstore.ThreadStore} and {@link dev.threadstore.FileStore}
 * ports, the immutable domain records, the exception family, and the service-provider interface that
 * backends implement. This module depends on nothing outside the JDK.
 */
module dev.threadstore {
    requires transitive java.sql;
    requires static org.jspecify;

    exports dev.threadstore;
    exports dev.threadstore.spi;

    uses dev.threadstore.spi.ThreadStoreProvider;
    uses dev.threadstore.spi.FileStoreProvider;
}
