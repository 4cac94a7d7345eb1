package dev.threadstore.cli;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.SchemaInspector;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadStoreProvider;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the backend of a URL and opens stores the way the commands need them: through the public discovery path
 * ({@link ThreadStore#create(String, Map)}), and, for the read-only commands, without migrating the schema.
 */
final class Backends {

    private Backends() {
    }

    /** @return the provider registered for the URL's scheme, as {@link ThreadStore#create(String)} would pick it */
    static Optional<ThreadStoreProvider> provider(StoreUri uri) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (ThreadStoreProvider provider : ServiceLoader.load(ThreadStoreProvider.class,
                loader != null ? loader : Backends.class.getClassLoader())) {
            if (provider.schemes().contains(uri.scheme())) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    /** @return the backend's schema inspector, when it keeps a versioned schema (the SQL backends) */
    static Optional<SchemaInspector> schemaInspector(String url) {
        return provider(StoreUri.parse(url)).filter(SchemaInspector.class::isInstance).map(SchemaInspector.class::cast);
    }

    /** Opens a store that migrates as usual: for the commands that write (import, copy's target, migrate). */
    static ThreadStore open(String url) {
        return ThreadStore.create(url);
    }

    /**
     * Opens a store without changing its schema: a SQL store with {@code migrate=false} (a schema that is behind is
     * then a {@code StoreConfigurationException} saying which changesets are pending), any other as usual.
     */
    static ThreadStore openWithoutMigrating(String url) {
        StoreUri uri = StoreUri.parse(url);
        boolean hasSchema = schemaInspector(url).isPresent();
        if (hasSchema && uri.option("migrate").isEmpty()) {
            return ThreadStore.create(url, Map.of("migrate", "false"));
        }
        return ThreadStore.create(url);
    }

    /** @return the backend's name for display: the URL's scheme ({@code memory}, {@code sqlite}, {@code postgresql}) */
    static String name(String url) {
        return StoreUri.parse(url).scheme();
    }

    /** @return the URL with its password masked, for display */
    static String masked(String url) {
        return StoreUri.parse(url).toString();
    }
}
