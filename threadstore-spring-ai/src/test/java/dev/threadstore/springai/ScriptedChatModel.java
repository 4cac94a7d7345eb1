package dev.threadstore.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A chat model that needs no API key: every third call it asks for two tool calls, otherwise it answers with text.
 * It records every prompt it receives, so a test can check what the chat memory gave it.
 */
final class ScriptedChatModel implements ChatModel {

    private final List<List<Message>> prompts = new ArrayList<>();
    private int calls;

    @Override
    public synchronized ChatResponse call(Prompt prompt) {
        prompts.add(List.copyOf(prompt.getInstructions()));
        int turn = ++calls;
        return new ChatResponse(List.of(new Generation(answer(turn))));
    }

    /** @return the reply for a turn: text with metadata, or tool calls on every third turn */
    static AssistantMessage answer(int turn) {
        Map<String, Object> properties = Map.of("turn", turn, "finishReason", "STOP",
                "usage", Map.of("promptTokens", 10L * turn, "ratio", 0.5));
        if (turn % 3 == 0) {
            return AssistantMessage.builder().content(null).properties(properties).toolCalls(List.of(
                    new AssistantMessage.ToolCall("call-" + turn + "-a", "function", "weather",
                            "{\"city\":\"Paris\",\"turn\":" + turn + "}"),
                    new AssistantMessage.ToolCall("call-" + turn + "-b", "function", "time", "{}"))).build();
        }
        return AssistantMessage.builder().content("answer " + turn + " \u00e9\u4e2d\ud83d\ude00").properties(properties)
                .build();
    }

    /** @return the prompts received, oldest first */
    synchronized List<List<Message>> prompts() {
        return List.copyOf(prompts);
    }
}
