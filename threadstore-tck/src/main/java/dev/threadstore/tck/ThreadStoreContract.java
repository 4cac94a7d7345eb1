package dev.threadstore.tck;

/**
 * The whole {@link dev.threadstore.ThreadStore} contract: every behaviour an application may rely on,
 * whatever the backend. A backend passes the TCK when a test class implementing this interface passes.
 * {@code docs/tck.md} is the guide for a third-party author.
 *
 * <h2>What a backend's test class path needs</h2>
 * <ul>
 *   <li>{@code dev.threadstore:threadstore-tck} (test scope). It brings {@code threadstore-api}, JUnit
 *       Jupiter's API and AssertJ.</li>
 *   <li>{@code org.junit.jupiter:junit-jupiter-engine} (test scope) to run it, e.g. with Surefire.</li>
 *   <li>The backend itself with its {@code META-INF/services/dev.threadstore.spi.ThreadStoreProvider} entry.</li>
 *   <li>Optionally {@code dev.threadstore:threadstore-memory} (test scope), the reference for
 *       {@link DifferentialContract}; without it those tests are skipped, unless {@link #referenceStore()} is
 *       overridden.</li>
 * </ul>
 * Nothing else: the attachment tests use the TCK's own {@link InMemoryFileStore}.
 *
 * <h2>Running it against a backend</h2>
 * Write one class:
 *
 * <pre>{@code
 * class AcmeThreadStoreTckTest implements ThreadStoreContract {
 *     @TempDir Path dir;
 *     private final AtomicInteger n = new AtomicInteger();
 *
 *     @Override
 *     public String uri() {                                   // required: a new, isolated store per call
 *         return "acme:" + dir.resolve("t" + n.incrementAndGet());
 *     }
 *
 *     @Override
 *     public Optional<ThreadStore> reopen(String uri) {       // optional: unlocks DurabilityContract
 *         return Optional.of(ThreadStore.create(uri));
 *     }
 *
 *     @Override
 *     public Optional<ThreadStore> newStore(Clock clock) {    // optional: unlocks TieBreakContract
 *         return Optional.of(AcmeStores.open(uri(), clock));
 *     }
 * }
 * }</pre>
 *
 * Every test of every contract below runs against it. The rules:
 * <ul>
 *   <li>{@link #uri()} names a new, empty store each time, isolated from all others (a new file, a new
 *       schema): tests assume they see only their own threads, and JUnit may run them in any order.</li>
 *   <li>The TCK opens {@link #uri()} through {@link dev.threadstore.ThreadStore#create(String)}, the
 *       discovery path an application uses, and checks that the provider found is the backend's own.
 *       Override {@link #newStore()} only to track stores for clean-up.</li>
 *   <li>The tests close the stores they open; a backend that needs more clean-up (dropping a schema)
 *       can add a JUnit {@code @AfterEach} method to its test class.</li>
 *   <li>A hook left at its default skips the tests that need it, with the reason, as JUnit "aborted"
 *       tests: see {@link StoreFixture} for what each skip leaves unchecked.</li>
 * </ul>
 * The class may also add its own backend-specific tests; it must not override the contract's tests.
 *
 * <h2>What it checks</h2>
 * <ul>
 *   <li>{@link SaveContract}: insert, update, delete, placement of unplaced messages, incremental
 *       message changes (an edit of any field is written), the store-owned {@code createdAt},
 *       {@code updatedAt} and {@code version}.</li>
 *   <li>{@link RoundTripContract}: every field comes back exactly (all roles, parts, tool calls,
 *       reactions, metrics, sources, attachment metadata, {@code Long} vs {@code Double}, Unicode,
 *       {@code \u0000}, microseconds, sequence gaps).</li>
 *   <li>{@link ConcurrencyContract}: optimistic concurrency (a version behind or ahead is refused) and
 *       thread safety under contention.</li>
 *   <li>{@link AppendContract}: atomic placement, idempotent retry, all-or-nothing conflicts.</li>
 *   <li>{@link QueryContract}: typed, exact attribute and source queries, hostile keys, message-id lookup.</li>
 *   <li>{@link ListingContract} and {@link TieBreakContract}: deterministic order and pagination.</li>
 *   <li>{@link ArgumentContract}: null arguments, a closed store, unmodifiable results.</li>
 *   <li>{@link CapacityContract}: large messages, long threads, wide attribute documents.</li>
 *   <li>{@link DiscoveryContract}: the backend's provider, the async view, {@code unwrap}.</li>
 *   <li>{@link AttachmentContract}: saving and deleting with a file store, and failing cleanly.</li>
 *   <li>{@link DurabilityContract}: everything survives closing and reopening the store.</li>
 *   <li>{@link GeneratedEditContract}: thousands of seeded random edits, each saved and read back.</li>
 *   <li>{@link DifferentialContract}: seeded random operations agree with the reference backend.</li>
 *   <li>{@link AttachmentLifecycleContract}: shared attachment files survive until no thread references
 *       them; dropped files and orphans are collected.</li>
 *   <li>{@link ValueLimitsContract}: the limits of ids, names and instants, at the limit and one past it.</li>
 *   <li>{@link ConversationContract}: the conversation API for applications (windowed reads, fork, summaries
 *       with cursors, count).</li>
 *   <li>{@link RetentionContract}: expired threads invisible at once, the {@code timeToLive} option, and
 *       {@code deleteExpired} purging oldest expiry first, each thread once, keeping shared files.</li>
 *   <li>{@link RestoreContract}: {@link dev.threadstore.spi.ThreadRestore}, a thread written exactly as given
 *       (version and times included) and then indexed, versioned and expired like any other; replace semantics;
 *       bad input refused. Optional: skipped for a store without it.</li>
 * </ul>
 * The rules themselves are written down in {@link dev.threadstore.ThreadStore}'s javadoc; the
 * {@code memory} backend is the reference implementation. A failing test's description says which
 * rule was broken and, where useful, what was expected; a generated test's failure names its seed.
 *
 * <h2>Exceptions</h2>
 * The TCK checks an exception's type and the facts its message must carry (the thread id, the message id,
 * the argument's name, the rejected value), never its wording: {@code "ThreadStore is closed"} and
 * {@code "store was shut down"} both pass. A backend may use the API's factories (for example
 * {@link dev.threadstore.ConcurrentUpdateException#versionConflict}) to get the project's wording.
 *
 * <h2>Concurrency and timing</h2>
 * Multi-threaded tests start their workers together and wait at most two minutes for them; they assert
 * outcomes (nothing lost, sequences contiguous), never durations. Some tests wait a few milliseconds
 * for the clock to move so that "more recently updated" is well defined; none measures time.
 */
public interface ThreadStoreContract extends SaveContract, RoundTripContract, ConcurrencyContract, AppendContract,
        QueryContract, ListingContract, TieBreakContract, ArgumentContract, CapacityContract, DiscoveryContract,
        AttachmentContract, AttachmentLifecycleContract, ValueLimitsContract, DurabilityContract, GeneratedEditContract,
        DifferentialContract, ConversationContract, RetentionContract, RestoreContract {
}
