package dev.threadstore.springboot;

import dev.threadstore.AsyncThreadStore;
import dev.threadstore.FileStore;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link ThreadStore}, its {@link AsyncThreadStore} view and, when {@code threadstore.files.url} is set, a
 * {@link FileStore}. Each bean backs off when the application defines one of its own type.
 *
 * <p>Which store: {@code threadstore.url} when set; otherwise the application's {@code DataSource} when it has exactly
 * one (or one {@code @Primary}), through {@link ThreadStore#create(DataSource, Map)}, which migrates through that pool
 * and never closes it; otherwise the SQLite file {@code threadstore.db} in the working directory, so a new application
 * runs with no configuration at all. {@code threadstore.options.*} go to the store in every case. The store is opened,
 * migrated and checked while the context starts: a database that cannot be reached, or an unknown option, fails
 * start-up with the store's message (the URL's password masked, the valid options listed).
 *
 * <p>Runs after Spring Boot's {@code DataSourceAutoConfiguration}, so that the application's pool is there to be used.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@EnableConfigurationProperties(ThreadStoreProperties.class)
public class ThreadStoreAutoConfiguration {

    /** The file a store with no URL and no DataSource lives in, relative to the working directory. */
    public static final String EMBEDDED_SQLITE_FILE = "threadstore.db";

    /** Created by Spring through the auto-configuration imports. */
    public ThreadStoreAutoConfiguration() {
    }

    /**
     * The store, opened, migrated and checked; Spring closes it with the context, before the application's
     * {@code DataSource} it may run on.
     *
     * @param properties the {@code threadstore.*} properties
     * @param dataSources the application's pools, if any
     * @return the open store
     * @throws StoreConfigurationException if the URL or an option is invalid, or several DataSources and no URL leave
     *     the choice open
     * @throws StoreUnavailableException if the database cannot be reached
     */
    @Bean
    @ConditionalOnMissingBean
    public ThreadStore threadStore(ThreadStoreProperties properties, ObjectProvider<DataSource> dataSources) {
        Map<String, String> options = Map.copyOf(properties.getOptions());
        String url = properties.getUrl();
        if (url != null && !url.isBlank()) {
            String configured = url.strip();
            return open("threadstore.url=" + StoreUri.mask(configured), () -> ThreadStore.create(configured, options));
        }
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource != null) {
            return open("the application's DataSource " + StoreUri.mask(String.valueOf(dataSource)),
                    () -> ThreadStore.create(dataSource, options));
        }
        List<DataSource> all = dataSources.stream().toList();
        if (!all.isEmpty()) {
            throw new StoreConfigurationException("threadstore.url is not set and the application has " + all.size()
                    + " DataSource beans, none of them @Primary: set threadstore.url, or mark the DataSource the store"
                    + " should use @Primary.");
        }
        Path file = Path.of(EMBEDDED_SQLITE_FILE).toAbsolutePath();
        return open("the embedded SQLite file " + file + " (threadstore.url is not set and there is no DataSource)",
                () -> ThreadStore.create("sqlite:" + file, options));
    }

    private static ThreadStore open(String where, Supplier<ThreadStore> opener) {
        try {
            return opener.get();
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException("threadstore cannot start on " + where + ": " + e.getMessage(), e);
        } catch (StoreConfigurationException e) {
            throw new StoreConfigurationException("threadstore cannot start on " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The store's asynchronous view on the shared default executor ({@link ThreadStore#async()}).
     *
     * @param store the store
     * @return the view; it holds no resources of its own
     */
    @Bean
    @ConditionalOnMissingBean
    public AsyncThreadStore asyncThreadStore(ThreadStore store) {
        return Objects.requireNonNull(store, "store").async();
    }

    /**
     * The file store for attachments named by {@code threadstore.files.url}; Spring closes it with the context.
     *
     * @param properties the {@code threadstore.*} properties
     * @return the open file store
     * @throws StoreConfigurationException if the URL is invalid or no provider handles its scheme
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "threadstore.files", name = "url")
    public FileStore threadStoreFileStore(ThreadStoreProperties properties) {
        String url = Objects.requireNonNull(properties.getFiles().getUrl(), "threadstore.files.url").strip();
        try {
            return FileStore.create(url);
        } catch (StoreConfigurationException e) {
            throw new StoreConfigurationException("threadstore cannot start its file store on threadstore.files.url="
                    + StoreUri.mask(url) + ": " + e.getMessage(), e);
        }
    }
}
