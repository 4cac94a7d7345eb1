package dev.threadstore;

/** An operation that needs an existing thread, such as {@link ThreadStore#append}, found none. */
public final class ThreadNotFoundException extends ThreadStoreException {

    private static final long serialVersionUID = 1L;

    private final String threadId;

    /**
     * @param threadId the id that was not found
     * @throws NullPointerException if {@code threadId} is null
     */
    public ThreadNotFoundException(String threadId) {
        super("Thread '" + java.util.Objects.requireNonNull(threadId, "threadId")
                + "' does not exist; save() it before appending to it.");
        this.threadId = threadId;
    }

    /** @return the id that was not found */
    public String threadId() {
        return threadId;
    }
}
