package dev.threadstore.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A model without a network: asked about the weather it calls the first tool it is offered; given a tool
 * result it answers with it; otherwise it echoes the question, with some thinking. It records every request's
 * messages, so a test can check what the model was shown.
 */
final class ScriptedChatModel implements ChatModel {

    private final List<List<ChatMessage>> requests = new ArrayList<>();
    private int calls;

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
        requests.add(List.copyOf(request.messages()));
        calls++;
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        AiMessage answer;
        if (last instanceof ToolExecutionResultMessage result) {
            answer = AiMessage.from("The tool says: " + result.text());
        } else if (last instanceof UserMessage user && user.hasSingleText() && user.singleText().contains("weather")
                && !request.toolSpecifications().isEmpty()) {
            ToolSpecification tool = request.toolSpecifications().get(0);
            String parameter = tool.parameters().properties().keySet().iterator().next();
            answer = AiMessage.from(ToolExecutionRequest.builder().id("call-" + calls).name(tool.name())
                    .arguments("{\"" + parameter + "\":\"Paris\"}").build());
        } else {
            answer = AiMessage.builder().text("echo " + calls).thinking(calls % 2 == 0 ? "thought " + calls : null)
                    .build();
        }
        return ChatResponse.builder().aiMessage(answer).build();
    }

    /** @return the messages of every request so far, in order */
    synchronized List<List<ChatMessage>> requests() {
        return List.copyOf(requests);
    }
}
