package dev.threadstore.spi;

import dev.threadstore.ThreadStore;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Opens {@link ThreadStore}s for one or more URL schemes. A backend ships exactly one implementation,
 * registered in {@code META-INF/services/dev.threadstore.spi.ThreadStoreProvider} and, on the module
 * path, with {@code provides … with …} in its {@code module-info}.
 *
 * <p>A SQL backend also opens stores on a pool the application owns ({@link ThreadStore#create(DataSource, Map)}):
 * it names its database in {@link #databaseProducts()} and implements {@link #open(DataSource, Map)}. Both are
 * default methods, so a provider without them (memory, a non-SQL store) keeps compiling and is simply not chosen.
 *
 * <p>Implementations are public, final, have a public no-argument constructor that does no work, and
 * are thread-safe. Two providers must not claim the same scheme, nor the same database product.
 */
public interface ThreadStoreProvider {

    /**
     * The URL schemes this provider opens; called by discovery, so it must be cheap and must not fail.
     *
     * @return the schemes this provider opens, lower case, without a {@code +driver} suffix or a
     *     {@code jdbc:} prefix (e.g. {@code postgresql}, {@code postgres})
     */
    Set<String> schemes();

    /**
     * Opens a store, connected, migrated and checked.
     *
     * @param uri the parsed URL; its scheme is one of {@link #schemes()}
     * @return an open store
     * @throws dev.threadstore.StoreConfigurationException if an option is unknown or invalid
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached
     * @throws NullPointerException if {@code uri} is null
     */
    ThreadStore open(StoreUri uri);

    /**
     * The database products this provider opens stores on through {@link #open(DataSource, Map)}, spelled as
     * their JDBC drivers report them in {@link java.sql.DatabaseMetaData#getDatabaseProductName()} (e.g.
     * {@code SQLite}, {@code PostgreSQL}); discovery compares them ignoring case.
     *
     * @return the product names, never null; the default is empty: this provider opens no store on a
     *     {@code DataSource}
     */
    default Set<String> databaseProducts() {
        return Set.of();
    }

    /**
     * Opens a store on a pool the caller created and keeps owning: migrates (or with {@code migrate=false}
     * checks) the schema through it and checks it with a statement before returning. The store borrows
     * connections from the pool and returns them; its {@link ThreadStore#close() close} releases only what the
     * store itself made and never closes {@code dataSource}. Called only for a pool whose database product is
     * one of {@link #databaseProducts()}.
     *
     * @param dataSource the application's pool, open; the store uses it until the store is closed
     * @param options the store's options; those that size or configure a pool the store would build (e.g.
     *     {@code poolSize}) do not apply and are refused
     * @return an open store
     * @throws dev.threadstore.StoreConfigurationException if an option is unknown, invalid or does not apply to a
     *     pool the store does not own, or the pool's connections are not usable as the store needs them
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached through the pool
     * @throws UnsupportedOperationException if this provider names no {@link #databaseProducts()} (the default)
     * @throws NullPointerException if an argument is null (a provider that opens stores on a {@code DataSource})
     */
    default ThreadStore open(DataSource dataSource, Map<String, String> options) {
        throw new UnsupportedOperationException(getClass().getName() + " opens no store on a DataSource");
    }
}
