package dev.threadstore.postgres;

import dev.threadstore.sql.SqlThreadStoreProvider;
import java.util.Set;

/**
 * Opens PostgreSQL thread stores for the schemes {@code postgresql} and {@code postgres}; the
 * SQLAlchemy ({@code postgresql+asyncpg://}) and JDBC ({@code jdbc:postgresql://}) spellings arrive
 * here too, since {@link dev.threadstore.spi.StoreUri} drops the driver suffix and the {@code jdbc:} prefix.
 *
 * <p>URL: {@code postgresql://user:password@host:5432/database?option=value&…}. A host list
 * ({@code postgresql://u:p@db1:5432,db2:5432/app?targetServerType=primary}, IPv6 hosts in brackets) goes to pgjdbc
 * whole: failover and load balancing are the driver's, and a store recovers on the new primary without being
 * reopened. Options: those {@link dev.threadstore.spi.StoreOptions} catalogues for {@code postgresql} (the
 * README's option table lists them), that is the SQL core's pool, {@code echo}, {@code cache}, {@code migrate} and
 * {@code migrationLockTimeout}, and:
 * <ul>
 *   <li>{@code schema}: the schema the tables live in (a lower-case identifier); created when missing
 *       (unless {@code migrate=false}), and Liquibase migrates it. Every statement names it explicitly; the
 *       connection's search path is never set. Default: the server's {@code current_schema()} when the store
 *       opens, normally {@code public}. Name it explicitly behind a pooler.</li>
 *   <li>{@code pooler}: {@code none} (default) or {@code pgbouncer}, for PgBouncer or another pooler in
 *       transaction mode: turns pgjdbc's server-side prepared statements off ({@code prepareThreshold=0}, unless
 *       {@code prepareThreshold} is given, e.g. for PgBouncer 1.21+ with {@code max_prepared_statements}) and
 *       rejects {@code options}, a startup parameter PgBouncer drops.</li>
 *   <li>{@code readUrl}: a read replica (e.g. a streaming standby), as a PostgreSQL URL of the same database
 *       ({@code postgresql://replica1:5432,replica2:5432/app?targetServerType=preferSecondary}; its user and password
 *       default to the store's). Listings, queries ({@code findByAttributes}, {@code findBySource}), counts and
 *       summaries read from a second pool on it, and may lag behind the primary by the replication delay;
 *       {@code get}, every write and everything a write reads stay on the primary, so a {@code get} after a
 *       {@code save} sees the save. Pass it in the options map, or percent-encode it in the URL.</li>
 *   <li>pgjdbc connection properties ({@link dev.threadstore.spi.StoreOptions#PGJDBC_PROPERTIES}), passed
 *       through unchanged: {@code sslmode}, {@code connectTimeout}, {@code targetServerType}, {@code options}
 *       and the others the catalogue lists.</li>
 * </ul>
 * {@code ThreadStore.create()} opens the same store from {@code TYLER_DB_TYPE=postgresql} and
 * {@code TYLER_DB_HOST}, {@code TYLER_DB_PORT}, {@code TYLER_DB_NAME}, {@code TYLER_DB_USER},
 * {@code TYLER_DB_PASSWORD}, with {@code TYLER_DB_POOL_SIZE} and {@code TYLER_DB_MAX_OVERFLOW}.
 *
 * <p>The store is connected, its schema migrated and checked before {@link #open(dev.threadstore.spi.StoreUri) open} returns: a wrong
 * password or an unknown database is a {@link dev.threadstore.StoreConfigurationException}, an
 * unreachable server a {@link dev.threadstore.StoreUnavailableException}; both name the host and the
 * database and never the password. The provider is stateless and thread-safe; constructing it does
 * nothing.
 */
public final class PostgresThreadStoreProvider extends SqlThreadStoreProvider {

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public PostgresThreadStoreProvider() {
        super("PostgreSQL", PostgresDialect::new);
    }

    @Override
    public Set<String> schemes() {
        return Set.of("postgresql", "postgres");
    }
}
