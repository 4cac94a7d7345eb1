package dev.threadstore.examples.springboot;

import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Answers from a script and says how many messages of the conversation it was shown, so a caller can see the chat
 * memory at work. Stands in for a real model; thread-safe (it keeps no state).
 */
final class ScriptedChatModel implements ChatModel {

    @Override
    public ChatResponse call(Prompt prompt) {
        String question = prompt.getUserMessage().getText();
        String answer;
        if (question.contains("order")) {
            answer = "Your order has shipped.";
        } else if (question.contains("arrive")) {
            answer = "Within two days.";
        } else {
            answer = "You're welcome.";
        }
        int shown = prompt.getInstructions().size();
        return new ChatResponse(List.of(new Generation(new AssistantMessage(answer + " (I saw " + shown + " messages.)"))));
    }
}
