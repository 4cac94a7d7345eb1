package dev.threadstore.spi;

import dev.threadstore.FileStore;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Finds the provider for a URL's scheme with {@link ServiceLoader} and opens the store. This is what
 * {@link ThreadStore#create(String)} and {@link FileStore#create(String)} call.
 *
 * <p>Unlike JDBC's {@code DriverManager}, it never guesses: an unknown scheme fails with the list of
 * schemes that are available and the jar to add; two providers claiming one scheme fail naming both;
 * a provider that cannot be loaded is reported in the error, not swallowed.
 *
 * <p>Applications call {@code ThreadStore.create} and {@code FileStore.create}, not this class. It is public
 * only because those facades live in another package ({@code dev.threadstore}) and because a test kit
 * (threadstore-tck) opens a store from a {@link StoreUri} it built with its own environment
 * ({@link StoreEnvironment#fileStoreUri}); its two {@code open} methods are all it exposes. Thread-safe: it keeps
 * no state.
 */
public final class StoreProviders {

    /** The artifact that provides each built-in scheme, for the "add the jar" hint. */
    private static final Map<String, String> ARTIFACTS = Map.of(
            "memory", "threadstore-memory",
            "sqlite", "threadstore-sqlite",
            "postgresql", "threadstore-postgres",
            "postgres", "threadstore-postgres",
            "file", "threadstore-files");

    /** The artifact that opens a store on each built-in database product, for the "add the jar" hint. */
    private static final Map<String, String> PRODUCT_ARTIFACTS = Map.of(
            "sqlite", "threadstore-sqlite",
            "postgresql", "threadstore-postgres");

    private StoreProviders() {
    }

    /**
     * Opens the thread store for the URL.
     *
     * @param uri the parsed URL
     * @return the open store
     * @throws StoreConfigurationException if no provider, or more than one, handles the scheme, or the provider
     *     rejects an option
     * @throws dev.threadstore.StoreUnavailableException if the database cannot be reached
     * @throws NullPointerException if {@code uri} is null
     */
    public static ThreadStore openThreadStore(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        ThreadStoreProvider provider = find(ThreadStoreProvider.class, ThreadStoreProvider::schemes, uri, "ThreadStore");
        return provider.open(uri);
    }

    /**
     * Opens a thread store on a pool the caller owns, through the provider whose
     * {@link ThreadStoreProvider#databaseProducts()} holds the pool's database product name (compared ignoring
     * case). This is what {@link ThreadStore#create(DataSource, Map)} calls. One connection is borrowed to read the
     * product name and returned at once.
     *
     * @param dataSource the caller's open pool; never closed here
     * @param options the store's options
     * @return the open store
     * @throws StoreUnavailableException if no connection can be had from the pool
     * @throws StoreConfigurationException if no provider, or more than one, handles the database product; the
     *     message lists the products that are handled
     * @throws NullPointerException if an argument is null
     */
    public static ThreadStore openThreadStore(DataSource dataSource, Map<String, String> options) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        String product = databaseProduct(dataSource);
        List<Throwable> failures = new ArrayList<>();
        Map<String, List<ThreadStoreProvider>> byProduct = load(ThreadStoreProvider.class,
                ThreadStoreProvider::databaseProducts, failures, String.CASE_INSENSITIVE_ORDER);
        List<ThreadStoreProvider> candidates = byProduct.get(product);
        if (candidates == null) {
            String artifact = PRODUCT_ARTIFACTS.getOrDefault(product.toLowerCase(Locale.ROOT),
                    "threadstore-postgres");
            StringBuilder message = new StringBuilder("No ThreadStore provider for the database '").append(product)
                    .append("' of the DataSource ").append(StoreUri.mask(String.valueOf(dataSource)))
                    .append("; available: ").append(byProduct.isEmpty() ? "none" : String.join(", ", byProduct.keySet()))
                    .append(". Add the backend jar, e.g. dev.threadstore:").append(artifact);
            for (Throwable failure : failures) {
                message.append(". A provider failed to load: ").append(failure.getMessage());
            }
            StoreConfigurationException e = new StoreConfigurationException(message.toString(),
                    failures.isEmpty() ? null : failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        if (candidates.size() > 1) {
            throw new StoreConfigurationException("The database '" + product + "' is claimed by more than one"
                    + " ThreadStore provider: " + String.join(" and ", candidates.stream().map(p -> p.getClass().getName()).toList())
                    + ". Remove one of their jars from the class path.");
        }
        return candidates.get(0).open(dataSource, options);
    }

    private static String databaseProduct(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot get a connection from the DataSource "
                    + StoreUri.mask(String.valueOf(dataSource)) + " to learn its database: "
                    + StoreUri.mask(String.valueOf(e.getMessage()))
                    + ". Check that the database is running and reachable, then retry.", e);
        }
    }

    /**
     * Opens the file store for the URL.
     *
     * @param uri the parsed URL
     * @return the open file store
     * @throws StoreConfigurationException if no provider, or more than one, handles the scheme, or the provider
     *     rejects an option
     * @throws dev.threadstore.StorageException if the store's directory cannot be created or written
     * @throws NullPointerException if {@code uri} is null
     */
    public static FileStore openFileStore(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        FileStoreProvider provider = find(FileStoreProvider.class, FileStoreProvider::schemes, uri, "FileStore");
        return provider.open(uri);
    }

    /** @return every scheme a thread store provider on the class path handles, sorted */
    static Set<String> threadStoreSchemes() {
        return new TreeSet<>(load(ThreadStoreProvider.class, ThreadStoreProvider::schemes, new ArrayList<>()).keySet());
    }

    /**
     * @return every database product name a thread store provider on the class path opens a store on through a
     *     {@code DataSource} ({@link ThreadStoreProvider#databaseProducts()}), sorted ignoring case
     */
    public static Set<String> threadStoreDatabaseProducts() {
        Set<String> products = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        products.addAll(load(ThreadStoreProvider.class, ThreadStoreProvider::databaseProducts, new ArrayList<>(),
                String.CASE_INSENSITIVE_ORDER).keySet());
        return products;
    }

    /** @return every scheme a file store provider on the class path handles, sorted */
    static Set<String> fileStoreSchemes() {
        return new TreeSet<>(load(FileStoreProvider.class, FileStoreProvider::schemes, new ArrayList<>()).keySet());
    }

    private static <P> P find(Class<P> type, Function<P, Set<String>> schemes, StoreUri uri, String what) {
        List<Throwable> failures = new ArrayList<>();
        Map<String, List<P>> byScheme = load(type, schemes, failures);
        List<P> candidates = byScheme.get(uri.scheme());
        if (candidates == null) {
            String artifact = ARTIFACTS.getOrDefault(uri.scheme(), "threadstore-postgres");
            StringBuilder message = new StringBuilder("No ").append(what).append(" provider for scheme '")
                    .append(uri.scheme()).append("'; available: ")
                    .append(byScheme.isEmpty() ? "none" : String.join(", ", byScheme.keySet()))
                    .append(". Add the backend jar, e.g. dev.threadstore:").append(artifact);
            for (Throwable failure : failures) {
                message.append(". A provider failed to load: ").append(failure.getMessage());
            }
            StoreConfigurationException e = new StoreConfigurationException(message.toString(),
                    failures.isEmpty() ? null : failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        if (candidates.size() > 1) {
            throw new StoreConfigurationException("Scheme '" + uri.scheme() + "' is claimed by more than one " + what
                    + " provider: " + String.join(" and ", candidates.stream().map(p -> p.getClass().getName()).toList())
                    + ". Remove one of their jars from the class path.");
        }
        for (Throwable failure : failures) {
            // The logger only when there is something to log: the first System.getLogger of a JVM looks for a
            // LoggerFinder through ServiceLoader and sets up the platform's logging, on the opening thread.
            System.getLogger(StoreProviders.class.getName()).log(System.Logger.Level.WARNING, "A " + what
                    + " provider failed to load and was ignored: " + failure.getMessage(), failure);
        }
        return candidates.get(0);
    }

    private static <P> Map<String, List<P>> load(Class<P> type, Function<P, Set<String>> schemes, List<Throwable> failures) {
        return load(type, schemes, failures, Comparator.naturalOrder());
    }

    private static <P> Map<String, List<P>> load(Class<P> type, Function<P, Set<String>> schemes, List<Throwable> failures,
                                                 Comparator<String> order) {
        Map<String, List<P>> byScheme = new TreeMap<>(order);
        for (ClassLoader loader : loaders()) {
            Iterator<P> it = ServiceLoader.load(type, loader).iterator();
            while (true) {
                P provider;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    provider = it.next();
                } catch (ServiceConfigurationError e) {
                    failures.add(e);
                    continue;
                }
                for (String scheme : schemes.apply(provider)) {
                    List<P> list = byScheme.get(scheme);
                    if (list == null) {
                        list = new ArrayList<>(1);
                        byScheme.put(scheme, list);
                    }
                    if (!holdsClassOf(list, provider)) {
                        list.add(provider);
                    }
                }
            }
        }
        return byScheme;
    }

    /** Whether the list holds a provider of the same class (found through both loaders); a loop, not a stream. */
    private static boolean holdsClassOf(List<?> providers, Object provider) {
        for (Object p : providers) {
            if (p.getClass() == provider.getClass()) {
                return true;
            }
        }
        return false;
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>(2);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        ClassLoader own = StoreProviders.class.getClassLoader();
        if (own != null && own != context) {
            loaders.add(own);
        }
        return loaders;
    }
}
