/** Runnable programs a new threadstore user starts from. */
module dev.threadstore.examples {
    requires dev.threadstore;
    requires static org.jspecify;
}
