package dev.threadstore.sql;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import java.util.Objects;

/**
 * The entry point of the SQL core: a backend's provider calls {@link #open(Dialect, StoreUri)}.
 */
public final class SqlThreadStore {

    private SqlThreadStore() {
    }

    /**
     * Opens a store over a dialect: builds the pool, connects, migrates (or with {@code migrate=false} checks)
     * the schema, loads the mapper XML and checks it, all before returning.
     *
     * @param dialect the database's dialect
     * @param uri the store URL with every option merged; the core understands {@code poolSize} (default 5),
     *     {@code maxOverflow} (default 10), {@code poolTimeout} (seconds, default 30), {@code echo},
     *     {@code migrate} (default true) and {@code cache} (a Caffeine spec), plus {@link Dialect#options()}
     * @return the open store; {@code dataSource()} is the pool, {@code unwrap(SqlSessionFactory.class)} the
     *     MyBatis factory
     * @throws dev.threadstore.StoreConfigurationException for an unknown or invalid option, a wrong location,
     *     or a schema that is behind with {@code migrate=false}
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached
     */
    public static ThreadStore open(Dialect dialect, StoreUri uri) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(uri, "uri");
        throw new UnsupportedOperationException("not yet");
    }
}
