package dev.threadstore.sql;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.SchemaInspector;
import dev.threadstore.spi.SchemaStatus;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadStoreProvider;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What the SQL backends' providers share: opening a store on a URL and on the application's pool, the database
 * product that picks the provider for a pool, and the {@link SchemaInspector}, all over the backend's
 * {@link Dialect}. A backend's provider extends it, names its schemes and passes its product name and dialect; it
 * stays the backend's only public class. Thread-safe: the provider keeps no state, and each call makes a dialect.
 */
public abstract class SqlThreadStoreProvider implements ThreadStoreProvider, SchemaInspector {

    private final String databaseProduct;
    private final Supplier<? extends Dialect> dialects;

    /**
     * Does no work.
     *
     * @param databaseProduct the product name the backend's JDBC driver reports
     *     ({@link java.sql.DatabaseMetaData#getDatabaseProductName()}), e.g. {@code SQLite}
     * @param dialects makes the backend's dialect, once per opened store or schema check
     * @throws NullPointerException if an argument is null
     */
    protected SqlThreadStoreProvider(String databaseProduct, Supplier<? extends Dialect> dialects) {
        this.databaseProduct = Objects.requireNonNull(databaseProduct, "databaseProduct");
        this.dialects = Objects.requireNonNull(dialects, "dialects");
    }

    /**
     * Opens a store on the URL: builds its pool, connects, migrates (or with {@code migrate=false} checks) the
     * schema and runs a first statement before returning; see {@link SqlThreadStore#open(Dialect, StoreUri)}.
     *
     * @throws NullPointerException if {@code uri} is null
     */
    @Override
    public final ThreadStore open(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        return SqlThreadStore.open(dialects.get(), uri);
    }

    /** @return the one product name the backend's JDBC driver reports, e.g. {@code SQLite} or {@code PostgreSQL} */
    @Override
    public final Set<String> databaseProducts() {
        return Set.of(databaseProduct);
    }

    /**
     * Opens a store on the application's pool: see {@link ThreadStore#create(DataSource, Map)}. Options that
     * configure a pool do not apply; the store never closes {@code dataSource}.
     *
     * @throws NullPointerException if an argument is null
     */
    @Override
    public final ThreadStore open(DataSource dataSource, Map<String, String> options) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        return SqlThreadStore.open(dialects.get(), dataSource, options);
    }

    /**
     * Reads which changesets of this backend's changelog have run on the database at {@code uri} and which are
     * pending, over a one-connection pool of its own, without migrating or creating anything.
     *
     * @param uri the store URL
     * @return the schema's status
     * @throws NullPointerException if {@code uri} is null
     * @throws dev.threadstore.StoreConfigurationException if the URL is invalid or the credentials are refused
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached
     */
    @Override
    public final SchemaStatus schemaStatus(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        return SqlSchemaInspector.schemaStatus(dialects.get(), uri);
    }

    /**
     * Reads which changesets of this backend's changelog have run and which are pending through a pool the caller
     * owns (an open store's {@code dataSource()}), borrowing one connection and returning it.
     *
     * @param dataSource the pool; never closed here
     * @param uri the store's URL, for the options that locate its tables (PostgreSQL's {@code schema}); a masked
     *     URL will do, its credentials are not used
     * @return the schema's status
     * @throws NullPointerException if an argument is null
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached through the pool
     */
    @Override
    public final SchemaStatus schemaStatus(DataSource dataSource, StoreUri uri) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(uri, "uri");
        return SqlSchemaInspector.schemaStatus(dialects.get(), dataSource, uri);
    }
}
