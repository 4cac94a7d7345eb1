package dev.threadstore.springboot;

import io.micrometer.observation.Observation;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one {@link ObservedThreadStore} operation knows: the database system, the operation
 * (the {@code ThreadStore} method's name, e.g. {@code save}, {@code append}) and, for operations on one thread,
 * its id. The error, if the operation threw, is the observation's own ({@link #getError()}).
 *
 * <p>Created by the store per call; not thread-safe, as Micrometer contexts are not.
 */
public class ThreadStoreObservationContext extends Observation.Context {

    private final String databaseSystem;
    private final String operation;
    private final @Nullable String threadId;

    /**
     * @param databaseSystem the database system ({@code sqlite}, {@code postgresql}, {@code memory}, ...)
     * @param operation the operation's name
     * @param threadId the thread the operation works on, or null when it works on several
     * @throws NullPointerException if {@code databaseSystem} or {@code operation} is null
     */
    public ThreadStoreObservationContext(String databaseSystem, String operation, @Nullable String threadId) {
        this.databaseSystem = Objects.requireNonNull(databaseSystem, "databaseSystem");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.threadId = threadId;
    }

    /** @return the database system, e.g. {@code postgresql} */
    public String databaseSystem() {
        return databaseSystem;
    }

    /** @return the operation, e.g. {@code save} */
    public String operation() {
        return operation;
    }

    /** @return the thread id, or null when the operation works on several threads */
    public @Nullable String threadId() {
        return threadId;
    }
}
