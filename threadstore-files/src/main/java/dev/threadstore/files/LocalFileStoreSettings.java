package dev.threadstore.files;

import dev.threadstore.StoreConfigurationException;
import dev.threadstore.spi.StoreOptions;
import dev.threadstore.spi.StoreUri;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a local file store, read once from its URL. The URL's options have already been
 * merged with the {@code TYLER_*} environment by {@link dev.threadstore.spi.StoreEnvironment}, so the
 * precedence "URL, then environment, then default" is settled before this record is built; the
 * defaults are Tyler's (50 MiB per file, 5 GiB in all, its 23 MIME types). Unlike Tyler, a value that
 * is not valid fails with {@link StoreConfigurationException} instead of silently falling back to the
 * default.
 *
 * @param baseDir the directory every file lives under, absolute and normalised
 * @param maxFileSize the largest file accepted, in bytes
 * @param maxStorageSize the most bytes the store may hold; 0 means no limit
 * @param allowedMimeTypes the MIME types accepted, lower case; {@code type/*} and {@code *}{@code /*} are wildcards
 */
record LocalFileStoreSettings(Path baseDir, long maxFileSize, long maxStorageSize, Set<String> allowedMimeTypes) {

    static final long DEFAULT_MAX_FILE_SIZE = StoreOptions.MAX_FILE_SIZE.defaultValue().orElseThrow();
    static final long DEFAULT_MAX_STORAGE_SIZE = StoreOptions.MAX_STORAGE_SIZE.defaultValue().orElseThrow();

    /** Tyler's default allow-list: documents, images, archives and audio. */
    static final Set<String> DEFAULT_ALLOWED_MIME_TYPES = Set.copyOf(List.of(
            "application/pdf", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "text/plain", "text/csv", "application/json",
            "image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml",
            "application/zip", "application/x-tar", "application/gzip",
            "audio/mpeg", "audio/mp3", "audio/mp4", "audio/opus", "audio/ogg", "audio/wav", "audio/webm",
            "audio/aac", "audio/flac", "audio/x-m4a"));

    LocalFileStoreSettings {
        Objects.requireNonNull(baseDir, "baseDir");
        allowedMimeTypes = Set.copyOf(allowedMimeTypes);
    }

    static LocalFileStoreSettings from(StoreUri uri) {
        StoreOptions.requireKnown(uri, StoreOptions.FILE, "file");
        if (uri.host().isPresent() && !uri.host().get().equalsIgnoreCase("localhost")) {
            throw new StoreConfigurationException("The file store URL " + uri + " names host '" + uri.host().get()
                    + "'; a local file store has no host. Use file:///absolute/dir or a plain directory path");
        }
        return new LocalFileStoreSettings(baseDir(uri),
                StoreOptions.MAX_FILE_SIZE.readOrDefault(uri),
                StoreOptions.MAX_STORAGE_SIZE.readOrDefault(uri),
                StoreOptions.ALLOWED_MIME_TYPES.read(uri).map(LocalFileStoreSettings::parseMimeTypes)
                        .orElse(DEFAULT_ALLOWED_MIME_TYPES));
    }

    /** Whether a (normalised) MIME type is in the allow-list, wildcards included. */
    boolean allows(String mimeType) {
        if (allowedMimeTypes.contains(mimeType) || allowedMimeTypes.contains("*/*")) {
            return true;
        }
        int slash = mimeType.indexOf('/');
        return slash > 0 && allowedMimeTypes.contains(mimeType.substring(0, slash) + "/*");
    }

    private static Path baseDir(StoreUri uri) {
        String text = uri.path();
        if (text.isBlank()) {
            throw new StoreConfigurationException("The file store URL " + uri + " names no directory; use "
                    + "file:///absolute/dir or a plain directory path such as ./files");
        }
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StoreConfigurationException("The file store directory '" + text + "' is not a valid path: "
                    + e.getMessage(), e);
        }
    }

    private static Set<String> parseMimeTypes(String text) {
        Set<String> types = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            String type = entry.strip().toLowerCase(Locale.ROOT);
            if (type.matches("(\\*/\\*)|([a-z0-9][a-z0-9!#$&^_.+-]*/(\\*|[a-z0-9][a-z0-9!#$&^_.+-]*))")) {
                types.add(type);
            } else {
                bad.add("'" + entry.strip() + "'");
            }
        }
        if (!bad.isEmpty()) {
            throw new StoreConfigurationException("Option 'allowedMimeTypes' (or TYLER_ALLOWED_MIME_TYPES) must be a "
                    + "comma-separated list of MIME types such as 'application/pdf,image/*'; these entries are not: "
                    + String.join(", ", bad));
        }
        return types;
    }
}
