package dev.threadstore.spi;

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
}
