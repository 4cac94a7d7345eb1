package dev.threadstore.springboot;

import dev.threadstore.FileStore;
import dev.threadstore.ThreadStore;
import dev.threadstore.springai.ThreadStoreChatMemory;
import dev.threadstore.springai.ThreadStoreChatMemoryRepository;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Spring AI chat memory on the {@link ThreadStore}, when {@code threadstore-spring-ai} and Spring AI are on the class
 * path: a {@link ThreadStoreChatMemoryRepository} as the {@link ChatMemoryRepository} and an append-only
 * {@link ThreadStoreChatMemory} as the {@link ChatMemory} (it reads the last {@code threadstore.chat-memory.max-messages}
 * messages, 20 by default, and stores media in the {@link FileStore} bean when there is one).
 *
 * <p>Ordered before Spring AI's own chat memory auto-configurations (the in-memory and the JDBC repository), which
 * back off when these beans exist; both beans back off in turn when the application defines its own.
 */
@AutoConfiguration(after = ThreadStoreAutoConfiguration.class, beforeName = {
        "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration",
        "org.springframework.ai.model.chat.memory.repository.jdbc.autoconfigure.JdbcChatMemoryRepositoryAutoConfiguration"})
@ConditionalOnClass({ThreadStoreChatMemory.class, ChatMemory.class})
@ConditionalOnBean(ThreadStore.class)
public class ThreadStoreSpringAiAutoConfiguration {

    /** Created by Spring through the auto-configuration imports. */
    public ThreadStoreSpringAiAutoConfiguration() {
    }

    /**
     * @param store the store
     * @param fileStore the attachment store, if there is one
     * @return the repository: conversation id = thread id, {@code saveAll} writes only the difference
     */
    @Bean
    @ConditionalOnMissingBean
    public ChatMemoryRepository threadStoreChatMemoryRepository(ThreadStore store, ObjectProvider<FileStore> fileStore) {
        ThreadStoreChatMemoryRepository.Builder builder = ThreadStoreChatMemoryRepository.builder(store);
        fileStore.ifUnique(builder::fileStore);
        return builder.build();
    }

    /**
     * @param store the store
     * @param properties the {@code threadstore.*} properties
     * @param fileStore the attachment store, if there is one
     * @return the append-only chat memory
     * @throws IllegalArgumentException if {@code threadstore.chat-memory.max-messages} is less than 1
     */
    @Bean
    @ConditionalOnMissingBean
    public ChatMemory threadStoreChatMemory(ThreadStore store, ThreadStoreProperties properties,
                                            ObjectProvider<FileStore> fileStore) {
        ThreadStoreChatMemory.Builder builder = ThreadStoreChatMemory.builder(store);
        int maxMessages = properties.getChatMemory().getMaxMessages();
        if (maxMessages < 1) {
            throw new IllegalArgumentException("threadstore.chat-memory.max-messages must be at least 1, got " + maxMessages);
        }
        builder.maxMessages(maxMessages);
        fileStore.ifUnique(builder::fileStore);
        return builder.build();
    }
}
