/**
 * The local-filesystem {@link dev.threadstore.FileStore}, scheme {@code file}: attachment bytes in a
 * sharded directory tree. Open it with {@code FileStore.create("file:///var/lib/app/files")}.
 */
module dev.threadstore.files {
    requires dev.threadstore;
    requires static org.jspecify;

    exports dev.threadstore.files;

    provides dev.threadstore.spi.FileStoreProvider with dev.threadstore.files.LocalFileStoreProvider;
}
