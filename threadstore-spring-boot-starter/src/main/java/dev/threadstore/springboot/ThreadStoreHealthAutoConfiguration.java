package dev.threadstore.springboot;

import dev.threadstore.FileStore;
import dev.threadstore.ThreadStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code threadstore} health indicator ({@link ThreadStoreHealthIndicator}) when Spring Boot's actuator is on the
 * class path; {@code management.health.threadstore.enabled=false} turns it off.
 */
@AutoConfiguration(after = ThreadStoreAutoConfiguration.class,
        beforeName = "org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ThreadStore.class)
public class ThreadStoreHealthAutoConfiguration {

    /** Created by Spring through the auto-configuration imports. */
    public ThreadStoreHealthAutoConfiguration() {
    }

    /**
     * @param store the store
     * @param fileStore the attachment store, if there is exactly one
     * @return the indicator, registered as the health component {@code threadstore}
     */
    @Bean
    @ConditionalOnEnabledHealthIndicator("threadstore")
    @ConditionalOnMissingBean(name = "threadstoreHealthIndicator")
    public ThreadStoreHealthIndicator threadstoreHealthIndicator(ThreadStore store, ObjectProvider<FileStore> fileStore) {
        return new ThreadStoreHealthIndicator(store, fileStore.getIfUnique());
    }
}
