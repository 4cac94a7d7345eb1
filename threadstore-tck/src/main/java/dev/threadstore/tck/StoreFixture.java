package dev.threadstore.tck;

import dev.threadstore.FileStore;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ThreadStore;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * What every contract needs from the backend under test: the URL of a fresh store, and optional hooks
 * that unlock more tests.
 *
 * <p>Implement {@link ThreadStoreContract} (which extends this) in one test class of your backend's
 * module and implement {@link #uri()}. Each contract test opens its stores itself and closes them with
 * try-with-resources. The optional hooks, and what a backend loses by leaving them at their defaults:
 * <ul>
 *   <li>{@link #newStore()}: override only to track stores for clean-up; it must still open
 *       {@link #uri()} through {@link ThreadStore#create(String)}.</li>
 *   <li>{@link #reopen(String)}: default empty, so the durability tests ({@link DurabilityContract}) are
 *       skipped and nothing checks that data survives closing the store.</li>
 *   <li>{@link #newStore(Clock)}: default empty, so the tie-break tests ({@link TieBreakContract}) are
 *       skipped and nothing checks the order of threads updated in the same microsecond.</li>
 *   <li>{@link #referenceStore()}: default {@code ThreadStore.create("memory:")}, skipped when the
 *       {@code memory} backend is not on the test class path; without it the differential test
 *       ({@link DifferentialContract}) does not run.</li>
 *   <li>{@link #newFileStore()}: default {@link InMemoryFileStore}; override to run the attachment tests
 *       against your own file store.</li>
 * </ul>
 * Skipped tests are reported by JUnit as skipped ("aborted") with the reason, never as passed.
 */
public interface StoreFixture {

    /**
     * The URL of a new, empty store of the backend under test, isolated from every store opened before:
     * each call names a new one (a new SQLite file, a new PostgreSQL schema; {@code memory:} is new at
     * every open by nature). The TCK opens it with {@link ThreadStore#create(String)}, the public discovery
     * path, so a missing or wrong {@code META-INF/services/dev.threadstore.spi.ThreadStoreProvider} entry
     * fails it; {@link DiscoveryContract} checks that the store it gets is this backend's, found for this
     * URL's scheme.
     *
     * @return a URL {@link ThreadStore#create(String)} accepts, naming a store nobody else uses
     */
    String uri();

    /**
     * Opens a new, empty store at a new {@link #uri()} through {@link ThreadStore#create(String)}. Override
     * only to register the store for clean-up (and return the same store); never open it another way.
     *
     * @return an open, empty store; the test closes it
     */
    default ThreadStore newStore() {
        return ThreadStore.create(uri());
    }

    /**
     * Opens again a store that a test opened at {@code uri} (a value {@link #uri()} returned) and has closed:
     * the durability tests check that everything written before the close is there after it.
     *
     * @param uri a URL {@link #uri()} returned earlier in the same test
     * @return the store opened at that URL again, or empty if the backend keeps nothing across a close
     *     (the default: {@link DurabilityContract}'s tests are then skipped, saying so)
     */
    default Optional<ThreadStore> reopen(String uri) {
        return Optional.empty();
    }

    /**
     * Opens a new, empty store that reads every timestamp it stamps ({@code updatedAt} on save and append)
     * from the given clock, so that tests can give several threads the same {@code updatedAt} and check
     * the tie-break order. The store may be opened any way the backend's test code can (a package-private
     * factory is fine: a clock cannot travel in a URL).
     *
     * @param clock the only clock the store may read
     * @return the store, or empty if the backend cannot take a clock (the default: {@link TieBreakContract}'s
     *     tests are then skipped, saying so)
     */
    default Optional<ThreadStore> newStore(Clock clock) {
        return Optional.empty();
    }

    /**
     * Opens a new, empty store of the reference backend, which {@link DifferentialContract} runs the same
     * random operations against, next to the backend under test. The default opens {@code memory:}, the
     * reference implementation, through discovery; when no {@code memory} provider is on the test class path
     * the differential tests are skipped (add {@code dev.threadstore:threadstore-memory} in test scope).
     *
     * @return an open, empty store of the reference backend; the test closes it
     */
    default ThreadStore referenceStore() {
        try {
            return ThreadStore.create("memory:");
        } catch (StoreConfigurationException e) {
            Assumptions.abort("no reference backend: the memory backend is not on the test class path ("
                    + e.getMessage() + "); add dev.threadstore:threadstore-memory in test scope or override referenceStore()");
            throw e;
        }
    }

    /**
     * Opens a new, empty {@link FileStore} for the attachment tests. The default is a new
     * {@link InMemoryFileStore}, so the attachment tests need nothing beyond the TCK; a backend that ships
     * its own file store may return it instead.
     *
     * @return an open, empty file store; the test closes it
     */
    default FileStore newFileStore() {
        return new InMemoryFileStore();
    }
}
