/**
 * The local-filesystem file store. Its only public type is {@link dev.threadstore.files.LocalFileStoreProvider},
 * which {@link dev.threadstore.FileStore#create(String)} finds through {@link java.util.ServiceLoader}.
 */
@NullMarked
package dev.threadstore.files;

import org.jspecify.annotations.NullMarked;
