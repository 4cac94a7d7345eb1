package dev.threadstore.tck;

/**
 * The whole {@link dev.threadstore.ThreadStore} contract: every behaviour an application may rely on,
 * whatever the backend. A backend passes the TCK when a test class implementing this interface passes.
 *
 * <h2>Running it against a backend</h2>
 * Add {@code dev.threadstore:threadstore-tck} as a test dependency (it brings JUnit Jupiter's API and
 * AssertJ; add {@code junit-jupiter-engine} to run it), then write one class:
 *
 * <pre>{@code
 * class MemoryThreadStoreTckTest implements ThreadStoreContract {
 *     @Override
 *     public ThreadStore newStore() {
 *         return ThreadStore.create("memory:");
 *     }
 * }
 * }</pre>
 *
 * Every test of every contract below runs against it. The rules for {@link #newStore()}:
 * <ul>
 *   <li>Open the store through {@link dev.threadstore.ThreadStore#create(String)}, not a constructor:
 *       the TCK checks the discovery path an application uses, so a missing or wrong
 *       {@code META-INF/services/dev.threadstore.spi.ThreadStoreProvider} entry fails it.</li>
 *   <li>Return a new, empty store each time, isolated from all others (a new SQLite file, a new
 *       PostgreSQL schema): tests assume they see only their own threads, and JUnit may run them in any
 *       order.</li>
 *   <li>The tests close the stores they open; a backend that needs more clean-up (dropping a schema)
 *       can add a JUnit {@code @AfterEach} method to its test class.</li>
 * </ul>
 * The class may also add its own backend-specific tests; it must not override the contract's tests.
 *
 * <h2>What it checks</h2>
 * <ul>
 *   <li>{@link SaveContract}: insert, update, delete, placement of unplaced messages, incremental
 *       message changes, the store-owned {@code createdAt}, {@code updatedAt} and {@code version}.</li>
 *   <li>{@link RoundTripContract}: every field comes back exactly (all roles, parts, tool calls,
 *       reactions, metrics, sources, attachment metadata, {@code Long} vs {@code Double}, Unicode,
 *       {@code \u0000}, microseconds, sequence gaps).</li>
 *   <li>{@link ConcurrencyContract}: optimistic concurrency and thread safety under contention.</li>
 *   <li>{@link AppendContract}: atomic placement, idempotent retry, all-or-nothing conflicts.</li>
 *   <li>{@link QueryContract}: typed attribute and source queries, hostile keys, message-id lookup.</li>
 *   <li>{@link ListingContract}: deterministic order and pagination.</li>
 *   <li>{@link ArgumentContract}: null arguments, a closed store, unmodifiable results.</li>
 *   <li>{@link CapacityContract}: large messages, long threads, wide attribute documents.</li>
 *   <li>{@link DiscoveryContract}: provider discovery, the async view, {@code unwrap}.</li>
 *   <li>{@link AttachmentLifecycleContract}: shared attachment files survive until no thread references
 *       them; dropped files and orphans are collected.</li>
 * </ul>
 * The rules themselves are written down in {@link dev.threadstore.ThreadStore}'s javadoc; the
 * {@code memory} backend is the reference implementation. A failing test's description says which
 * rule was broken and, where useful, what was expected.
 *
 * <h2>Concurrency and timing</h2>
 * Multi-threaded tests start their workers together and wait at most two minutes for them; they assert
 * outcomes (nothing lost, sequences contiguous), never durations. Some tests wait a few milliseconds
 * for the clock to move so that "more recently updated" is well defined; none measures time.
 */
public interface ThreadStoreContract extends SaveContract, RoundTripContract, ConcurrencyContract, AppendContract,
        QueryContract, ListingContract, ArgumentContract, CapacityContract, DiscoveryContract, AttachmentContract,
        AttachmentLifecycleContract, ValueLimitsContract {
}
