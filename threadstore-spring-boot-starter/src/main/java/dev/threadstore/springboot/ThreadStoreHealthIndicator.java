package dev.threadstore.springboot;

import dev.threadstore.FileStore;
import dev.threadstore.FileStoreHealth;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.SchemaInspector;
import dev.threadstore.spi.SchemaStatus;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadStoreProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code threadstore} health component: {@code UP} when the store's database answers and the file store (if any)
 * is healthy. Details: {@code backend} ({@code sqlite}, {@code postgresql}, {@code memory}), {@code url} (the
 * password masked), {@code schemaVersion} (the last Liquibase changeset applied, for the SQL backends, read through their
 * {@link SchemaInspector}) and
 * {@code files} (the file store's health: {@code healthy}, {@code fileCount}, {@code totalSize}, {@code errors}).
 * A failing database makes it {@code DOWN} with the error.
 *
 * <p>Thread-safe: each check borrows one connection from the store's pool and returns it.
 */
public class ThreadStoreHealthIndicator extends AbstractHealthIndicator {

    private final ThreadStore store;
    private final @Nullable FileStore fileStore;

    /**
     * @param store the store to check
     * @param fileStore the attachment store to check too, or null when there is none
     * @throws NullPointerException if {@code store} is null
     */
    public ThreadStoreHealthIndicator(ThreadStore store, @Nullable FileStore fileStore) {
        super("threadstore health check failed");
        this.store = Objects.requireNonNull(store, "store");
        this.fileStore = fileStore;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        Optional<String> url = store.databaseUrl();
        builder.withDetail("backend", ObservedThreadStore.databaseSystem(store));
        builder.withDetail("url", url.orElse("memory:"));
        Optional<DataSource> dataSource = store.dataSource();
        Optional<SchemaInspector> inspector = url.flatMap(ThreadStoreHealthIndicator::schemaInspector);
        Optional<SchemaStatus> status = Optional.empty();
        if (dataSource.isPresent() && inspector.isPresent()) {
            status = schemaStatus(inspector.get(), dataSource.get(), url.get());
        }
        if (status.isPresent()) {
            builder.withDetail("schemaVersion", status.get().version().orElse("none"));
        } else {
            store.listRecent(1);
        }
        boolean up = true;
        if (fileStore != null) {
            FileStoreHealth health = fileStore.checkHealth();
            Map<String, Object> files = new LinkedHashMap<>();
            files.put("healthy", health.healthy());
            files.put("fileCount", health.fileCount());
            files.put("totalSize", health.totalSize());
            files.put("errors", health.errors());
            builder.withDetail("files", files);
            up = health.healthy();
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }

    /** @return the status read through the store's pool, or empty when the inspector cannot read it that way */
    private static Optional<SchemaStatus> schemaStatus(SchemaInspector inspector, DataSource dataSource, String url) {
        try {
            return Optional.of(inspector.schemaStatus(dataSource, StoreUri.parse(url)));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * The schema inspector of the backend that opened a store on this URL: the {@link ThreadStoreProvider} (found as
     * {@code ThreadStore.create} finds it) whose schemes hold the URL's, if it keeps a versioned schema.
     */
    private static Optional<SchemaInspector> schemaInspector(String url) {
        String scheme;
        try {
            scheme = StoreUri.parse(url).scheme();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        for (ThreadStoreProvider provider : ServiceLoader.load(ThreadStoreProvider.class)) {
            if (provider.schemes().contains(scheme) && provider instanceof SchemaInspector inspector) {
                return Optional.of(inspector);
            }
        }
        return Optional.empty();
    }
}
