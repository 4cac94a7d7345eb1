package dev.threadstore.files;

import dev.threadstore.tck.FileStoreContract;
import java.nio.file.Path;

/** The local file store against the TCK's {@link FileStoreContract}, opened through discovery. */
class LocalFileStoreTckTest implements FileStoreContract {

    @Override
    public String fileStoreUrl(Path baseDir) {
        return baseDir.toUri().toString();
    }
}
