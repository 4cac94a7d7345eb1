package dev.threadstore.springboot;

import dev.threadstore.ThreadStore;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps each {@link ThreadStore} bean in an {@link ObservedThreadStore}, unless it is one already or there is no
 * (or only a no-op) {@link ObservationRegistry}. Thread-safe: it keeps no state of its own.
 */
final class ThreadStoreObservationPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<ObservationRegistry> registry;
    private final ObjectProvider<ThreadStoreObservationConvention> convention;

    ThreadStoreObservationPostProcessor(ObjectProvider<ObservationRegistry> registry,
                                        ObjectProvider<ThreadStoreObservationConvention> convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof ThreadStore store) || bean instanceof ObservedThreadStore) {
            return bean;
        }
        ObservationRegistry observations = registry.getIfUnique();
        if (observations == null || observations.isNoop()) {
            return bean;
        }
        return new ObservedThreadStore(store, observations, convention.getIfUnique());
    }
}
