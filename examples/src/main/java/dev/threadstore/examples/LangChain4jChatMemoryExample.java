package dev.threadstore.examples;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.threadstore.ThreadStore;
import dev.threadstore.langchain4j.ThreadStoreChatMemoryProvider;
import dev.threadstore.langchain4j.ThreadStoreChatMemoryStore;
import java.io.PrintStream;
import java.util.List;

/**
 * A LangChain4j {@code AiServices} assistant whose chat memory is a threadstore thread: every message,
 * tool calls and results included, is appended to the thread; the model is shown the last 20.
 *
 * <p>No API key: the model is scripted (it calls the weather tool when asked about the weather and otherwise
 * counts the questions it has seen). Run it with no argument for a SQLite file in the working directory
 * ({@code threadstore-langchain4j.db}: a second run continues the same conversation), or pass a store URL.
 */
public final class LangChain4jChatMemoryExample {

    /** The store a run without arguments uses. */
    public static final String DEFAULT_URL = "sqlite:threadstore-langchain4j.db";

    private final PrintStream out;

    LangChain4jChatMemoryExample(PrintStream out) {
        this.out = out;
    }

    /**
     * @param args an optional store URL
     */
    public static void main(String[] args) {
        String url = args.length > 0 && args[0] != null && !args[0].isBlank() ? args[0] : DEFAULT_URL;
        new LangChain4jChatMemoryExample(System.out).run(url);
    }

    /** The assistant: LangChain4j implements it; the memory id names the thread. */
    interface Assistant {
        @SystemMessage("You are a terse weather assistant.")
        String chat(@MemoryId String conversation, @dev.langchain4j.service.UserMessage String question);
    }

    /** The tool the model may call. */
    static final class WeatherTool {
        @Tool("Today's weather in a city")
        String weather(@P(name = "city", value = "the city") String city) {
            return "sunny, 21°C in " + city;
        }
    }

    void run(String url) {
        try (ThreadStore store = ThreadStore.create(url)) {
            Assistant assistant = AiServices.builder(Assistant.class)
                    .chatModel(new ScriptedModel())
                    .chatMemoryProvider(new ThreadStoreChatMemoryProvider(store, 20))
                    .tools(new WeatherTool())
                    .build();
            String conversation = "user-42";
            for (String question : List.of("Hello!", "What is the weather in Paris?", "Thanks, bye.")) {
                out.println("user:      " + question);
                out.println("assistant: " + assistant.chat(conversation, question));
            }
            List<ChatMessage> history = new ThreadStoreChatMemoryStore(store).getMessages(conversation);
            out.println();
            out.println("Thread " + conversation + " holds " + history.size() + " messages:");
            for (ChatMessage message : history) {
                out.println("  " + message.type() + " " + describe(message));
            }
        }
    }

    private static String describe(ChatMessage message) {
        if (message instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
            ToolExecutionRequest request = ai.toolExecutionRequests().get(0);
            return "calls " + request.name() + request.arguments();
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return result.toolName() + " -> " + result.text();
        }
        if (message instanceof UserMessage user) {
            return user.singleText();
        }
        if (message instanceof AiMessage ai) {
            return ai.text();
        }
        return ((dev.langchain4j.data.message.SystemMessage) message).text();
    }

    /** A model without a network, so the example runs anywhere. */
    static final class ScriptedModel implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            List<ChatMessage> messages = request.messages();
            ChatMessage last = messages.get(messages.size() - 1);
            if (last instanceof ToolExecutionResultMessage result) {
                return answer(AiMessage.from("It is " + result.text() + "."));
            }
            String question = ((UserMessage) last).singleText();
            if (question.contains("weather") && !request.toolSpecifications().isEmpty()) {
                return answer(AiMessage.from(ToolExecutionRequest.builder().id("call-" + messages.size())
                        .name(request.toolSpecifications().get(0).name()).arguments("{\"city\":\"Paris\"}").build()));
            }
            long asked = messages.stream().filter(UserMessage.class::isInstance).count();
            return answer(AiMessage.from("You have asked me " + asked + " question(s) so far."));
        }

        private static ChatResponse answer(AiMessage message) {
            return ChatResponse.builder().aiMessage(message).build();
        }
    }
}
