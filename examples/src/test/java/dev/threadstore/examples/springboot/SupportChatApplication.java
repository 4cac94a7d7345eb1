package dev.threadstore.examples.springboot;

import dev.threadstore.ChatThread;
import dev.threadstore.ThreadStore;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A Spring Boot web app on {@code threadstore-spring-boot-starter}: a support chat whose memory is a threadstore
 * thread per conversation. The starter makes the {@link ThreadStore} (from {@code threadstore.url}; an embedded
 * SQLite file {@code threadstore.db} without it), the Spring AI {@link ChatMemory} on it, the {@code threadstore}
 * health component and the {@code threadstore.operation} metric; the app only adds a model and two endpoints. A
 * scripted model ({@link ScriptedChatModel}) stands in for a real one, so no API key is needed.
 *
 * <p>{@code POST /chat/{conversationId}} with the user's text answers with the model's; {@code GET /chat/{conversationId}}
 * returns the stored conversation. With {@code management.endpoints.web.exposure.include=health,metrics} the actuator
 * shows {@code /actuator/health} and {@code /actuator/metrics/threadstore.operation}.
 *
 * <p>In the test sources, like {@code SpringAiChatMemoryExample}, because Spring AI cannot run on the module path the
 * examples' main code is checked on. {@code SupportChatApplicationTest} runs it on a random port.
 */
@SpringBootApplication
public class SupportChatApplication {

    /**
     * @param args Spring Boot's command line arguments, e.g. {@code --threadstore.url=postgresql://…}
     */
    public static void main(String[] args) {
        SpringApplication.run(SupportChatApplication.class, args);
    }

    @Bean
    ChatModel chatModel() {
        return new ScriptedChatModel();
    }

    @Bean
    ChatClient chatClient(ChatModel model, ChatMemory memory) {
        return ChatClient.builder(model).defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build()).build();
    }

    /** The chat endpoints. */
    @RestController
    static class ChatController {

        private final ChatClient chat;
        private final ThreadStore store;

        ChatController(ChatClient chat, ThreadStore store) {
            this.chat = chat;
            this.store = store;
        }

        @PostMapping("/chat/{conversationId}")
        Map<String, String> chat(@PathVariable("conversationId") String conversationId, @RequestBody String text) {
            String answer = chat.prompt().user(text)
                    .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, conversationId))
                    .call().content();
            return Map.of("conversationId", conversationId, "answer", answer == null ? "" : answer);
        }

        @GetMapping("/chat/{conversationId}")
        Map<String, Object> history(@PathVariable("conversationId") String conversationId) {
            ChatThread thread = store.get(conversationId)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No conversation " + conversationId));
            List<Map<String, String>> messages = thread.messages().stream()
                    .map(m -> Map.of("role", m.role().name().toLowerCase(java.util.Locale.ROOT), "text", m.content() == null ? "" : m.content()))
                    .toList();
            return Map.of("conversationId", conversationId, "messages", messages);
        }
    }
}
