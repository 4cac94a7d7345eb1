package dev.threadstore.springboot;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.ThreadStore;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer for threadstore, loaded only when Micrometer is on the class path: every {@link ThreadStore} bean is
 * wrapped in an {@link ObservedThreadStore} once an {@link ObservationRegistry} bean exists (Spring Boot's actuator
 * makes one), and, with {@code micrometer-core}, the connection pool that threadstore created itself (not the
 * application's {@code DataSource}, which Spring Boot instruments already) reports HikariCP's own pool metrics
 * ({@code hikaricp.connections.*}, tagged with the pool's name, e.g. {@code threadstore-postgresql}).
 */
@AutoConfiguration(after = ThreadStoreAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
public class ThreadStoreObservationAutoConfiguration {

    /** Created by Spring through the auto-configuration imports. */
    public ThreadStoreObservationAutoConfiguration() {
    }

    /**
     * @param registry the observation registry, looked up when the first store bean is ready
     * @param convention the application's convention, if it defines one
     * @return the post-processor that wraps {@link ThreadStore} beans in {@link ObservedThreadStore}
     */
    @Bean
    static BeanPostProcessor threadStoreObservationPostProcessor(ObjectProvider<ObservationRegistry> registry,
                                                                 ObjectProvider<ThreadStoreObservationConvention> convention) {
        return new ThreadStoreObservationPostProcessor(registry, convention);
    }

    /** HikariCP's pool metrics for the pool threadstore made, when {@code micrometer-core} is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterBinder.class, HikariDataSource.class})
    static class PoolMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ThreadStorePoolMetrics threadStorePoolMetrics(ObjectProvider<ThreadStore> stores,
                                                      ObjectProvider<DataSource> applicationDataSources) {
            return new ThreadStorePoolMetrics(stores, applicationDataSources);
        }
    }
}
