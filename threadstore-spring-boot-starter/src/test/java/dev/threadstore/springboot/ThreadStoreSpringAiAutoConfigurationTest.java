package dev.threadstore.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ThreadStore;
import dev.threadstore.springai.ThreadStoreChatMemory;
import dev.threadstore.springai.ThreadStoreChatMemoryRepository;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Spring AI beans: ours before Spring AI's own, and only when both jars are there. */
class ThreadStoreSpringAiAutoConfigurationTest {

    // Spring AI's own chat memory auto-configuration is listed first: the ordering, not the list, must make ours win.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatMemoryAutoConfiguration.class,
                    ThreadStoreSpringAiAutoConfiguration.class, ThreadStoreAutoConfiguration.class))
            .withPropertyValues("threadstore.url=memory:", "threadstore.chat-memory.max-messages=2");

    @Test
    void oursWinOverSpringAisInMemoryChatMemory() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ChatMemoryRepository.class).hasSingleBean(ChatMemory.class);
            assertThat(context.getBean(ChatMemoryRepository.class)).isInstanceOf(ThreadStoreChatMemoryRepository.class);
            ChatMemory memory = context.getBean(ChatMemory.class);
            assertThat(memory).isInstanceOf(ThreadStoreChatMemory.class);
            memory.add("c1", List.of(new UserMessage("one"), new UserMessage("two"), new UserMessage("three")));
            assertThat(memory.get("c1")).extracting(m -> m.getText()).containsExactly("two", "three");
            assertThat(context.getBean(ThreadStore.class).get("c1")).map(t -> t.messages().size()).contains(3);
        });
    }

    @Test
    void theApplicationsOwnChatMemoryWinsAndOurRepositoryStays() {
        runner.withBean(ChatMemory.class, () -> MessageWindowChatMemory.builder()
                        .chatMemoryRepository(new InMemoryChatMemoryRepository()).build())
                .run(context -> {
                    assertThat(context.getBean(ChatMemory.class)).isInstanceOf(MessageWindowChatMemory.class);
                    assertThat(context.getBean(ChatMemoryRepository.class)).isInstanceOf(ThreadStoreChatMemoryRepository.class);
                });
    }

    @Test
    void withoutThreadstoreSpringAiSpringAisOwnMemoryStays() {
        runner.withClassLoader(new FilteredClassLoader(ThreadStoreChatMemory.class)).run(context -> {
            assertThat(context).hasSingleBean(ThreadStore.class);
            assertThat(context.getBean(ChatMemoryRepository.class)).isInstanceOf(InMemoryChatMemoryRepository.class);
            assertThat(context.getBean(ChatMemory.class)).isInstanceOf(MessageWindowChatMemory.class);
        });
    }

    @Test
    void withoutSpringAiThereIsNoChatMemory() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ThreadStoreSpringAiAutoConfiguration.class,
                        ThreadStoreAutoConfiguration.class))
                .withPropertyValues("threadstore.url=memory:")
                .withClassLoader(new FilteredClassLoader("org.springframework.ai"))
                .run(context -> {
                    assertThat(context).hasSingleBean(ThreadStore.class);
                    assertThat(context.getBeanNamesForType(ThreadStoreSpringAiAutoConfiguration.class)).isEmpty();
                    assertThat(context.containsBean("threadStoreChatMemory")).isFalse();
                    assertThat(context.containsBean("threadStoreChatMemoryRepository")).isFalse();
                });
    }

    @Test
    void aMaxMessagesBelowOneFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("threadstore.chat-memory.max-messages=0").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("threadstore.chat-memory.max-messages must be at least 1, got 0"));
    }
}
