package dev.threadstore.spi;

import dev.threadstore.StoreConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The catalogue of every option the bundled backends understand, each declared once as a typed
 * {@link StoreOption}. Backends read their options through these constants, reject unknown ones with
 * {@link #requireKnown}, {@link StoreEnvironment} maps the {@code TYLER_*} variables from them, and the README's
 * option table is checked against them by a test. Adding an option is adding one constant here and to
 * {@link #all()}.
 *
 * <p>Thread-safe: everything here is immutable.
 */
public final class StoreOptions {

    /** The backend name of the SQLite store (its provider's scheme). */
    public static final String SQLITE = "sqlite";
    /** The backend name of the PostgreSQL store (its provider's scheme). */
    public static final String POSTGRESQL = "postgresql";
    /** The backend name of the in-memory store (its provider's scheme). */
    public static final String MEMORY = "memory";
    /** The backend name of the local file store (its provider's scheme). */
    public static final String FILE = "file";

    /** Connections the SQL pool keeps open. */
    public static final StoreOption<Integer> POOL_SIZE = StoreOption.ofInt("poolSize", 5, 1, 1000)
            .withDescription("Connections the pool keeps open.")
            .withBackends(SQLITE, POSTGRESQL).withEnvironmentVariable("TYLER_DB_POOL_SIZE");

    /** Connections the SQL pool may open beyond {@link #POOL_SIZE}. */
    public static final StoreOption<Integer> MAX_OVERFLOW = StoreOption.ofInt("maxOverflow", 10, 0, 1000)
            .withDescription("Extra connections beyond `poolSize`; the pool's maximum is `poolSize + maxOverflow`.")
            .withBackends(SQLITE, POSTGRESQL).withEnvironmentVariable("TYLER_DB_MAX_OVERFLOW");

    /** Seconds to wait for a pooled connection. */
    public static final StoreOption<Long> POOL_TIMEOUT = StoreOption.ofLong("poolTimeout", 30, 1, 86_400)
            .withDescription("Seconds to wait for a free connection, then `StoreUnavailableException`.")
            .withBackends(SQLITE, POSTGRESQL);

    /** Whether SQL statements are logged. */
    public static final StoreOption<Boolean> ECHO = StoreOption.ofBoolean("echo", false)
            .withDescription("Log every SQL statement at INFO.")
            .withBackends(SQLITE, POSTGRESQL).withEnvironmentVariable("TYLER_DB_ECHO")
            .applyingToApplicationPool();

    /** Whether opening runs pending schema changesets. */
    public static final StoreOption<Boolean> MIGRATE = StoreOption.ofBoolean("migrate", true)
            .withDescription("Run pending schema changesets when the store opens; `false` only checks the schema"
                    + " and writes nothing (a missing or out-of-date schema is a `StoreConfigurationException`).")
            .withBackends(SQLITE, POSTGRESQL)
            .applyingToApplicationPool();

    /** Seconds to wait for another process's schema migration. */
    public static final StoreOption<Long> MIGRATION_LOCK_TIMEOUT = StoreOption.ofLong("migrationLockTimeout", 60, 0, 86_400)
            .withDescription("Seconds to wait for another process's schema migration, then"
                    + " `StoreUnavailableException` saying who holds it.")
            .withBackends(SQLITE, POSTGRESQL)
            .applyingToApplicationPool();

    /** A Caffeine spec for the cache of {@code get} results. */
    public static final StoreOption<String> CACHE = StoreOption.ofText("cache", null)
            .withDescription("A Caffeine spec for a cache of `get` results, e.g."
                    + " `maximumSize=10000,expireAfterWrite=60s`; no cache when absent.")
            .withBackends(SQLITE, POSTGRESQL)
            .applyingToApplicationPool();

    /** How long a written thread lives; parsed by {@link Retention#from(StoreUri)}. */
    public static final StoreOption<String> TIME_TO_LIVE = StoreOption.ofText(Retention.OPTION, null)
            .withDescription("Retention: every saved or appended thread expires this long after the write unless it"
                    + " sets its own `expiresAt` (`30d`, `12h`, `90m`, `45s` or ISO-8601 `P30D`); expired threads are"
                    + " invisible at once and `deleteExpired` purges them. No expiry when absent.")
            .withBackends(SQLITE, POSTGRESQL, MEMORY)
            .applyingToApplicationPool();

    /** Milliseconds a SQLite writer waits for another's lock. */
    public static final StoreOption<Integer> BUSY_TIMEOUT = StoreOption.ofInt("busyTimeout", 30_000, 0, Integer.MAX_VALUE)
            .withDescription("Milliseconds a writer waits for another process's lock on the database file.")
            .withBackends(SQLITE);

    /** The PostgreSQL schema of the store's tables. */
    public static final StoreOption<String> SCHEMA = StoreOption.ofText("schema", null)
            .withDescription("The schema the tables live in (a lower-case identifier), created when missing; by"
                    + " default the server's `current_schema()`. Name it behind a pooler.")
            .withBackends(POSTGRESQL)
            .applyingToApplicationPool();

    /** What sits between the store and PostgreSQL. */
    public static final StoreOption<String> POOLER = StoreOption.ofText("pooler", "none")
            .withDescription("`none` or `pgbouncer` (a pooler in transaction mode): turns server-side prepared"
                    + " statements off and rejects `options`.")
            .withBackends(POSTGRESQL);

    /** A read replica's URL. */
    public static final StoreOption<String> READ_URL = StoreOption.ofText("readUrl", null)
            .withDescription("A PostgreSQL URL of a read replica of the same database: listings, queries, counts"
                    + " and summaries read there; `get` and writes stay on the primary.")
            .withBackends(POSTGRESQL).asSensitive();

    /**
     * The pgjdbc connection properties a PostgreSQL URL passes to the driver unchanged (and a {@link #READ_URL}
     * may carry), in the order the README lists them.
     */
    public static final List<StoreOption<String>> PGJDBC_PROPERTIES = pgjdbc(
            "sslmode", "sslrootcert", "sslcert", "sslkey", "sslNegotiation", "channelBinding", "gssEncMode",
            "connectTimeout", "socketTimeout", "loginTimeout", "cancelSignalTimeout", "tcpKeepAlive",
            "ApplicationName", "targetServerType", "loadBalanceHosts", "hostRecheckSeconds",
            "prepareThreshold", "reWriteBatchedInserts", "options");

    /** The most threads an in-memory store keeps. */
    public static final StoreOption<Long> MAXIMUM_SIZE = StoreOption.ofLong("maximumSize", 0, Long.MAX_VALUE)
            .withDescription("The most threads kept; the least recently used are evicted beyond it. Unbounded"
                    + " when absent.")
            .withBackends(MEMORY);

    /** How long an in-memory thread stays after it was last read or written. */
    public static final StoreOption<String> EXPIRE_AFTER_ACCESS = StoreOption.ofText("expireAfterAccess", null)
            .withDescription("How long a thread stays after it was last read or written: an ISO-8601 duration"
                    + " such as `PT1H`, or whole seconds. No expiry when absent.")
            .withBackends(MEMORY);

    /** How long an in-memory thread stays after it was last written. */
    public static final StoreOption<String> EXPIRE_AFTER_WRITE = StoreOption.ofText("expireAfterWrite", null)
            .withDescription("How long a thread stays after it was last written: an ISO-8601 duration or whole"
                    + " seconds. No expiry when absent.")
            .withBackends(MEMORY);

    /** The largest file a local file store accepts. */
    public static final StoreOption<Long> MAX_FILE_SIZE = StoreOption.ofLong("maxFileSize", 50L * 1024 * 1024, 1,
                    Long.MAX_VALUE)
            .withDescription("The largest file accepted, in bytes (`FileTooLargeException`).")
            .withBackends(FILE).withEnvironmentVariable("TYLER_MAX_FILE_SIZE");

    /** The most bytes a local file store may hold. */
    public static final StoreOption<Long> MAX_STORAGE_SIZE = StoreOption.ofLong("maxStorageSize",
                    5L * 1024 * 1024 * 1024, 0, Long.MAX_VALUE)
            .withDescription("The most bytes the directory may hold; 0 means no limit (`StorageFullException`).")
            .withBackends(FILE).withEnvironmentVariable("TYLER_MAX_STORAGE_SIZE");

    /** The MIME types a local file store accepts. */
    public static final StoreOption<String> ALLOWED_MIME_TYPES = StoreOption.ofText("allowedMimeTypes", null)
            .withDescription("Comma-separated MIME types accepted; `image/*` and `*/*` are wildcards. Default:"
                    + " Tyler's 23 document, image, archive and audio types.")
            .withBackends(FILE).withEnvironmentVariable("TYLER_ALLOWED_MIME_TYPES");

    private static final List<StoreOption<?>> ALL;

    static {
        List<StoreOption<?>> all = new ArrayList<>(List.of(POOL_SIZE, MAX_OVERFLOW, POOL_TIMEOUT, ECHO, MIGRATE,
                MIGRATION_LOCK_TIMEOUT, CACHE, TIME_TO_LIVE, BUSY_TIMEOUT, SCHEMA, POOLER, READ_URL));
        all.addAll(PGJDBC_PROPERTIES);
        all.addAll(List.of(MAXIMUM_SIZE, EXPIRE_AFTER_ACCESS, EXPIRE_AFTER_WRITE, MAX_FILE_SIZE, MAX_STORAGE_SIZE,
                ALLOWED_MIME_TYPES));
        ALL = List.copyOf(all);
    }

    private StoreOptions() {
    }

    /** @return every option, in the order the README's table lists them; unmodifiable */
    public static List<StoreOption<?>> all() {
        return ALL;
    }

    /**
     * @param backend a backend name, e.g. {@link #SQLITE}
     * @return the options that backend understands, in catalogue order; empty for a backend the catalogue
     *     does not know
     * @throws NullPointerException if {@code backend} is null
     */
    public static List<StoreOption<?>> of(String backend) {
        Objects.requireNonNull(backend, "backend");
        List<StoreOption<?>> options = new ArrayList<>();
        for (StoreOption<?> option : ALL) {
            if (option.backends().contains(backend)) {
                options.add(option);
            }
        }
        return java.util.Collections.unmodifiableList(options);
    }

    /**
     * @param backend a backend name, e.g. {@link #SQLITE}
     * @return the names of the options that backend understands; unmodifiable
     * @throws NullPointerException if {@code backend} is null
     */
    public static Set<String> names(String backend) {
        Set<String> names = new LinkedHashSet<>();
        for (StoreOption<?> option : of(backend)) {
            names.add(option.name());
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * @param backend a backend name, e.g. {@link #POSTGRESQL}
     * @return the names of the options that backend understands on a pool the application owns (those
     *     {@link StoreOption#appliesToApplicationPool() applying} to it: none that configures a pool); unmodifiable
     * @throws NullPointerException if {@code backend} is null
     */
    public static Set<String> applicationPoolNames(String backend) {
        Set<String> names = new LinkedHashSet<>();
        for (StoreOption<?> option : of(backend)) {
            if (option.appliesToApplicationPool()) {
                names.add(option.name());
            }
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * Fails unless every option of the URL is one the backend understands.
     *
     * @param uri the store URL, every option merged
     * @param backend the backend name, e.g. {@link #POSTGRESQL}
     * @param displayName the backend as the message names it, e.g. {@code PostgreSQL}
     * @throws NullPointerException if an argument is null
     * @throws StoreConfigurationException naming the unknown options and listing the valid ones for the backend
     */
    public static void requireKnown(StoreUri uri, String backend, String displayName) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(displayName, "displayName");
        uri.requireKnownOptions(names(backend), displayName);
    }

    private static List<StoreOption<String>> pgjdbc(String... names) {
        List<StoreOption<String>> options = new ArrayList<>(names.length);
        for (String name : names) {
            options.add(StoreOption.ofText(name, null)
                    .withDescription("A pgjdbc connection property, passed to the driver unchanged.")
                    .withBackends(POSTGRESQL));
        }
        return List.copyOf(options);
    }
}
