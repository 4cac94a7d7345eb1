package dev.threadstore.examples;

import dev.threadstore.ChatThread;
import dev.threadstore.ThreadStore;
import dev.threadstore.springai.ThreadStoreChatMemory;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Spring AI's {@code ChatClient} with threadstore as its chat memory: {@link ThreadStoreChatMemory} under
 * {@code MessageChatMemoryAdvisor}. Every message is appended to a thread; the model sees only the last few; the
 * whole history, tool calls and tool results included, stays in the store. A scripted model stands in for a real
 * one, so no API key is needed.
 *
 * <p>Run it with no argument for a SQLite file in the working directory ({@code threadstore-spring-ai.db}: a second
 * run continues the conversation), or pass any store URL ({@code memory:}, {@code postgresql://…}):
 * {@code mvn -q -Pdemo -DskipTests verify -pl examples -am -Dexec.classpathScope=test
 * -Ddemo.main=dev.threadstore.examples.SpringAiChatMemoryExample}. It lives in the test sources because the examples
 * module also runs on the module path, where Spring AI 1.1.x cannot (no module names, a package split between
 * {@code spring-ai-model} and {@code spring-ai-commons}); a Spring AI application runs on the class path.
 */
public final class SpringAiChatMemoryExample {

    /** The store a run without arguments uses. */
    public static final String DEFAULT_URL = "sqlite:threadstore-spring-ai.db";

    private static final String CONVERSATION = "support-42";

    private final PrintStream out;

    SpringAiChatMemoryExample(PrintStream out) {
        this.out = out;
    }

    /**
     * @param args an optional store URL
     */
    public static void main(String[] args) {
        String url = args.length > 0 && args[0] != null && !args[0].isBlank() ? args[0] : DEFAULT_URL;
        new SpringAiChatMemoryExample(System.out).run(url);
    }

    void run(String url) {
        try (ThreadStore store = ThreadStore.create(url)) {
            ChatMemory memory = ThreadStoreChatMemory.builder(store).maxMessages(6).build();
            ScriptedModel model = new ScriptedModel();
            ChatClient chat = ChatClient.builder(model)
                    .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
                    .build();

            for (String question : List.of("Where is my order 8812?", "When will it arrive?", "Thanks!")) {
                AssistantMessage answer = chat.prompt().user(question)
                        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, CONVERSATION))
                        .call().chatResponse().getResult().getOutput();
                out.println("user: " + question);
                if (answer.hasToolCalls()) {
                    AssistantMessage.ToolCall call = answer.getToolCalls().get(0);
                    out.println("assistant calls " + call.name() + call.arguments());
                    // The application runs the tool and records its result in the memory.
                    memory.add(CONVERSATION, ToolResponseMessage.builder().responses(List.of(
                            new ToolResponseMessage.ToolResponse(call.id(), call.name(), "{\"status\":\"shipped\"}")))
                            .build());
                    answer = chat.prompt().user("(tool result recorded)")
                            .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, CONVERSATION))
                            .call().chatResponse().getResult().getOutput();
                }
                out.println("assistant: " + answer.getText() + "   [the model saw " + model.lastPromptSize()
                        + " messages]");
            }
            ChatThread thread = store.get(CONVERSATION).orElseThrow();
            out.println("The thread holds " + thread.messages().size() + " messages; the memory gives the model at most the last 6.");
        }
    }

    /** Answers from a script: the first question asks for a tool call, the rest get text. */
    private static final class ScriptedModel implements ChatModel {
        private final List<Message> lastPrompt = new ArrayList<>();

        @Override
        public ChatResponse call(Prompt prompt) {
            lastPrompt.clear();
            lastPrompt.addAll(prompt.getInstructions());
            String question = prompt.getUserMessage().getText();
            AssistantMessage answer;
            if (question.contains("order 8812")) {
                answer = AssistantMessage.builder().content("").toolCalls(List.of(new AssistantMessage.ToolCall(
                        "call-1", "function", "order_status", "{\"order\":8812}"))).build();
            } else if (question.contains("tool result")) {
                answer = new AssistantMessage("Order 8812 has shipped.");
            } else if (question.contains("arrive")) {
                answer = new AssistantMessage("Within two days.");
            } else {
                answer = new AssistantMessage("You're welcome.");
            }
            return new ChatResponse(List.of(new Generation(answer)));
        }

        int lastPromptSize() {
            return lastPrompt.size();
        }
    }
}
