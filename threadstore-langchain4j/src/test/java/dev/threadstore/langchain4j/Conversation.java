package dev.threadstore.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted 50-turn conversation using every field the mapping carries: names, several contents, image URL
 * and base64 image, audio and PDF contents, thinking, tool execution requests (one or two per call, one with
 * a null id), results with {@code isError}, attributes, Unicode.
 */
final class Conversation {

    /** A 1x1 PNG, so that the FileStore's content sniffing accepts it as image/png. */
    static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private Conversation() {
    }

    /** @return the messages of {@code turns} turns, in order, starting with a system message */
    static List<ChatMessage> script(int turns) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from("You are a terse assistant. ✓"));
        for (int turn = 1; turn <= turns; turn++) {
            messages.add(user(turn));
            if (turn % 4 == 0) {
                messages.addAll(toolRound(turn));
            }
            messages.add(AiMessage.builder().text("answer " + turn + " \u00e9\u4e2d")
                    .thinking(turn % 3 == 0 ? "thinking about " + turn : null)
                    .attributes(turn % 5 == 0 ? attributes(turn) : new LinkedHashMap<>()).build());
        }
        return messages;
    }

    private static UserMessage user(int turn) {
        if (turn == 10) {
            return UserMessage.builder().name("alice").contents(List.of(TextContent.from("what is in this image?"),
                    ImageContent.from("https://example.com/cat.png", ImageContent.DetailLevel.HIGH))).build();
        }
        if (turn == 20) {
            return UserMessage.from(TextContent.from("and this one, with the manual?"),
                    ImageContent.from(PNG_BASE64, "image/png"),
                    PdfFileContent.from("https://example.com/manual.pdf"),
                    AudioContent.from("https://example.com/question.mp3"));
        }
        UserMessage.Builder builder = UserMessage.builder().contents(List.of(TextContent.from("question " + turn)));
        if (turn % 7 == 0) {
            builder.name("bob");
        }
        if (turn % 5 == 0) {
            builder.attributes(attributes(turn));
        }
        return builder.build();
    }

    private static Map<String, Object> attributes(int turn) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("turn", (long) turn);
        attributes.put("nested", Map.of("ok", true, "list", List.of("a", 1.5)));
        return attributes;
    }

    private static List<ChatMessage> toolRound(int turn) {
        ToolExecutionRequest first = ToolExecutionRequest.builder().id("call-" + turn + "-a").name("weather")
                .arguments("{\"city\":\"Paris\"}").build();
        List<ChatMessage> round = new ArrayList<>();
        if (turn % 8 == 0) {
            ToolExecutionRequest second = ToolExecutionRequest.builder().id(turn == 16 ? null : "call-" + turn + "-b")
                    .name("clock").arguments("{}").build();
            round.add(AiMessage.from("let me check", List.of(first, second)));
            round.add(ToolExecutionResultMessage.from(first, "sunny, 21\u00b0C"));
            round.add(ToolExecutionResultMessage.builder().id(second.id()).toolName("clock")
                    .text("clock is broken").isError(true).build());
        } else {
            round.add(AiMessage.from(first));
            round.add(ToolExecutionResultMessage.builder().id(first.id()).toolName("weather").text("rain")
                    .isError(false).build());
        }
        return round;
    }
}
