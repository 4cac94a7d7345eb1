/**
 * The PostgreSQL backend of threadstore, schemes {@code postgresql} and {@code postgres}. Its only
 * public class is {@link dev.threadstore.postgres.PostgresThreadStoreProvider}; put the jar on the
 * class or module path and open a store with
 * {@code ThreadStore.create("postgresql://user:password@host:5432/db")}.
 */
module dev.threadstore.postgres {
    requires dev.threadstore.sql;
    requires org.postgresql.jdbc;
    requires static org.jspecify;

    provides dev.threadstore.spi.ThreadStoreProvider with dev.threadstore.postgres.PostgresThreadStoreProvider;

    // MyBatis instantiates nothing here by reflection, but the core and Liquibase read the mapper XML and the
    // changelog from this package as resources, which a named module only allows for an open package.
    opens dev.threadstore.postgres;
}
