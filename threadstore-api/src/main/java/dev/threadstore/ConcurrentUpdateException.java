package dev.threadstore;

/**
 * A write lost a race: the thread was saved from a copy whose {@link ChatThread#version() version} is no
 * longer the stored one, or a message was appended with an id the thread already holds with different
 * content. Nothing was written. Recover by continuing from the thread returned by the last successful
 * save, or by calling {@link ThreadStore#get(String) get} again and re-applying the change.
 */
public final class ConcurrentUpdateException extends ThreadStoreException {

    private static final long serialVersionUID = 1L;

    private final String threadId;

    /**
     * Creates an exception for a version conflict on a thread.
     *
     * @param threadId the thread
     * @param expectedVersion the version the caller's copy carried
     * @param actualVersion the version stored, or -1 when the thread no longer exists
     * @return the exception, with a message saying how to recover
     * @throws NullPointerException if {@code threadId} is null
     */
    public static ConcurrentUpdateException versionConflict(String threadId, long expectedVersion, long actualVersion) {
        java.util.Objects.requireNonNull(threadId, "threadId");
        String stored = actualVersion < 0 ? "the thread no longer exists" : "the stored version is " + actualVersion;
        return new ConcurrentUpdateException(threadId,
                "Thread '" + threadId + "' was saved from version " + expectedVersion + " but " + stored
                        + "; nothing was written. Continue from the thread returned by the last save, or get() it again and re-apply the change.");
    }

    /**
     * Creates an exception with the given message.
     *
     * @param threadId the thread the conflict is on
     * @param message what happened and how to recover; not null
     * @throws NullPointerException if {@code threadId} is null
     */
    public ConcurrentUpdateException(String threadId, String message) {
        super(message);
        this.threadId = java.util.Objects.requireNonNull(threadId, "threadId");
    }

    /** @return the id of the thread the conflict is on */
    public String threadId() {
        return threadId;
    }
}
