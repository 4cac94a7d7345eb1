package dev.threadstore.spi;

import javax.sql.DataSource;

/**
 * An optional capability of a {@link ThreadStoreProvider} whose stores keep a versioned database schema (the SQL
 * backends): it tells which schema changes have run and which are pending without opening a store, so without
 * migrating. A store cannot say it once it is open: opening migrates, and with {@code migrate=false} a schema
 * that is behind refuses to open. Tools such as {@code threadstore info} and {@code threadstore migrate --dry-run}
 * find it with {@code provider instanceof SchemaInspector}.
 *
 * <p>Implementations are thread-safe.
 */
public interface SchemaInspector {

    /**
     * Reads the schema's status. Writes nothing: it creates no database, file, schema or table, and takes no
     * lock. A database or schema that does not exist yet has every changeset pending.
     *
     * @param uri the store URL; only the options that locate and reach the database are used
     * @return the status
     * @throws NullPointerException if {@code uri} is null
     * @throws dev.threadstore.StoreConfigurationException if the URL or an option is invalid, or the database
     *     refuses the credentials
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached
     */
    SchemaStatus schemaStatus(StoreUri uri);

    /**
     * Reads the schema's status through a pool the caller owns, typically an open store's
     * {@link dev.threadstore.ThreadStore#dataSource() dataSource()} (a health check reports the version this way).
     * Borrows one connection and returns it; writes nothing and takes no lock.
     *
     * @param dataSource the pool on the store's database; never closed here
     * @param uri the store's URL, for the options that locate its tables (PostgreSQL's {@code schema}); a masked
     *     URL such as {@link dev.threadstore.ThreadStore#databaseUrl()} will do, since its credentials are not used
     * @return the status
     * @throws NullPointerException if an argument is null
     * @throws dev.threadstore.StoreConfigurationException if the database refuses the query (e.g. a permission)
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached through the pool
     * @throws UnsupportedOperationException if the inspector can read the status only from a URL: the default, so
     *     that an inspector written before this method keeps compiling; the SQL backends implement it
     */
    default SchemaStatus schemaStatus(DataSource dataSource, StoreUri uri) {
        throw new UnsupportedOperationException(getClass().getName()
                + " reads the schema status from a URL only, not through a DataSource");
    }
}
