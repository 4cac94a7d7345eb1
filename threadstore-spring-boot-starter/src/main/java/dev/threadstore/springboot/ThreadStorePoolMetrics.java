package dev.threadstore.springboot;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.ThreadStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Registers HikariCP's own metrics for the connection pool threadstore created (from {@code threadstore.url} or the
 * embedded SQLite file). A store on the application's {@code DataSource} is left alone: that pool is the
 * application's, and Spring Boot instruments it already. Binds once; HikariCP accepts one registry per pool.
 */
final class ThreadStorePoolMetrics implements MeterBinder {

    private final ObjectProvider<ThreadStore> stores;
    private final ObjectProvider<DataSource> applicationDataSources;

    ThreadStorePoolMetrics(ObjectProvider<ThreadStore> stores, ObjectProvider<DataSource> applicationDataSources) {
        this.stores = stores;
        this.applicationDataSources = applicationDataSources;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ThreadStore store = stores.getIfUnique();
        if (store == null) {
            return;
        }
        ownPool(store).ifPresent(pool -> {
            if (pool.getMetricRegistry() == null && pool.getMetricsTrackerFactory() == null) {
                pool.setMetricRegistry(registry);
            }
        });
    }

    /** @return the store's HikariCP pool when it is not one of the application's DataSource beans */
    private Optional<HikariDataSource> ownPool(ThreadStore store) {
        Optional<HikariDataSource> pool = store.unwrap(HikariDataSource.class);
        if (pool.isEmpty() || applicationDataSources.stream().anyMatch(d -> d == pool.get())) {
            return Optional.empty();
        }
        return pool;
    }
}
