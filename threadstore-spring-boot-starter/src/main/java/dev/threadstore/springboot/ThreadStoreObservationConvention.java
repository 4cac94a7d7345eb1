package dev.threadstore.springboot;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of {@link ObservedThreadStore}: name {@value #NAME}; low-cardinality keys
 * {@code db.system.name}, {@code db.operation.name} and {@code error.type} (the exception's class name, or
 * {@code none}), named after OpenTelemetry's database conventions; the thread id only as the high-cardinality key
 * {@code threadstore.thread.id}, so it reaches traces but never becomes a metric tag. Extend it and pass the subclass
 * to {@link ObservedThreadStore} (or define it as a bean) to change them.
 *
 * <p>Stateless and thread-safe.
 */
public class ThreadStoreObservationConvention implements ObservationConvention<ThreadStoreObservationContext> {

    /** The observation's name, and so the timer's: {@value}. */
    public static final String NAME = "threadstore.operation";

    /** Creates the convention. */
    public ThreadStoreObservationConvention() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ThreadStoreObservationContext context) {
        return "threadstore " + context.operation();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ThreadStoreObservationContext context) {
        Throwable error = context.getError();
        return KeyValues.of(
                KeyValue.of("db.system.name", context.databaseSystem()),
                KeyValue.of("db.operation.name", context.operation()),
                KeyValue.of("error.type", error == null ? "none" : error.getClass().getName()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ThreadStoreObservationContext context) {
        String threadId = context.threadId();
        return threadId == null ? KeyValues.empty() : KeyValues.of("threadstore.thread.id", threadId);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ThreadStoreObservationContext;
    }
}
