package dev.threadstore.springboot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code threadstore.*} properties. With none of them set the store is the SQLite file {@code threadstore.db}
 * in the working directory, or the application's {@code DataSource} when it has one.
 *
 * <p>Bound once by Spring Boot at start-up; not meant to be changed afterwards. Not thread-safe while being bound.
 */
@ConfigurationProperties(prefix = "threadstore")
public class ThreadStoreProperties {

    /**
     * The store URL, e.g. sqlite:app.db or postgresql://user:password@host:5432/db. Unset: the
     * application's DataSource, or the SQLite file threadstore.db in the working directory when there is none.
     */
    private @Nullable String url;

    /**
     * Store options, e.g. threadstore.options.cache=maximumSize=10000; they win over the URL's query
     * parameters. An unknown option fails start-up with the list of valid ones.
     */
    private Map<String, String> options = new LinkedHashMap<>();

    /** Where attachment files go. */
    private final Files files = new Files();

    /** The Spring AI chat memory's settings. */
    private final ChatMemory chatMemory = new ChatMemory();

    /** Creates the properties with their defaults: no URL, no options, no file store. */
    public ThreadStoreProperties() {
    }

    /** @return the store URL, or null when unset */
    public @Nullable String getUrl() {
        return url;
    }

    /** @param url the store URL, or null for the application's DataSource or the embedded SQLite file */
    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    /** @return the store options, never null; the map itself, mutable while binding */
    public Map<String, String> getOptions() {
        return options;
    }

    /**
     * @param options the store options
     * @throws NullPointerException if {@code options} is null
     */
    public void setOptions(Map<String, String> options) {
        this.options = new LinkedHashMap<>(options);
    }

    /** @return the file store settings, never null */
    public Files getFiles() {
        return files;
    }

    /** @return the chat memory settings, never null */
    public ChatMemory getChatMemory() {
        return chatMemory;
    }

    /** The {@code threadstore.files.*} properties. */
    public static class Files {

        /**
         * The FileStore URL for attachment bytes, e.g. file:///var/lib/app/attachments or a plain
         * directory path. Unset: no FileStore bean.
         */
        private @Nullable String url;

        /** Creates the settings with no URL. */
        public Files() {
        }

        /** @return the file store URL, or null when unset */
        public @Nullable String getUrl() {
            return url;
        }

        /** @param url the file store URL, or null for none */
        public void setUrl(@Nullable String url) {
            this.url = url;
        }
    }

    /** The {@code threadstore.chat-memory.*} properties. */
    public static class ChatMemory {

        /** How many of a conversation's last messages the Spring AI ChatMemory gives the model. */
        private int maxMessages = 20;

        /** Creates the settings with their defaults. */
        public ChatMemory() {
        }

        /** @return how many messages the chat memory reads */
        public int getMaxMessages() {
            return maxMessages;
        }

        /** @param maxMessages how many messages the chat memory reads, at least 1 (checked when the memory is built) */
        public void setMaxMessages(int maxMessages) {
            this.maxMessages = maxMessages;
        }
    }
}
