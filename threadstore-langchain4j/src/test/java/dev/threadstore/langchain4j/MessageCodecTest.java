package dev.threadstore.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.threadstore.ContentPart;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadStore;
import dev.threadstore.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec(null);

    @Test
    void messagesWrittenWithoutTheAdapterAreReadFromTheirOwnFields() {
        assertThat(codec.decode(Message.system("be brief"))).isEqualTo(SystemMessage.from("be brief"));
        assertThat(codec.decode(Message.user("hi"))).isEqualTo(UserMessage.from("hi"));
        assertThat(codec.decode(Message.builder(Role.USER).name("ann")
                .parts(List.of(ContentPart.text("look"), ContentPart.imageUrl("https://example.com/a.png"))).build()))
                .isEqualTo(UserMessage.from("ann", List.of(TextContent.from("look"),
                        ImageContent.from("https://example.com/a.png"))));
        assertThat(codec.decode(Message.builder(Role.ASSISTANT)
                .toolCalls(List.of(ToolCall.function("c1", "weather", "{}"))).build()))
                .isEqualTo(AiMessage.from(ToolExecutionRequest.builder().id("c1").name("weather").arguments("{}")
                        .build()));
        assertThat(codec.decode(Message.tool("c1", "weather", "rain")))
                .isEqualTo(ToolExecutionResultMessage.from("c1", "weather", "rain"));
    }

    @Test
    void theCommonMessagesUseThreadstoresOwnFieldsSoOtherReadersSeeAPlainConversation() {
        Message user = codec.encode(UserMessage.from("bob", "hello")).message();
        assertThat(user.role()).isEqualTo(Role.USER);
        assertThat(user.content()).isEqualTo("hello");
        assertThat(user.name()).isEqualTo("bob");

        Message call = codec.encode(AiMessage.from(ToolExecutionRequest.builder().id("c1").name("weather")
                .arguments("{\"city\":\"Oslo\"}").build())).message();
        assertThat(call.toolCalls()).containsExactly(ToolCall.function("c1", "weather", "{\"city\":\"Oslo\"}"));

        Message result = codec.encode(ToolExecutionResultMessage.from("c1", "weather", "snow")).message();
        assertThat(result.role()).isEqualTo(Role.TOOL);
        assertThat(result.toolCallId()).isEqualTo("c1");
        assertThat(result.name()).isEqualTo("weather");
        assertThat(result.content()).isEqualTo("snow");
    }

    @Test
    void base64DataWithoutAFileStoreIsAClearError() {
        assertThatThrownBy(() -> codec.encode(UserMessage.from(ImageContent.from(Conversation.PNG_BASE64,
                "image/png")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FileStore is required");
    }

    @Test
    void builderSettingsAreCheckedWhereTheyAreGiven() {
        try (ThreadStore store = ThreadStore.create("memory:")) {
            assertThatThrownBy(() -> ThreadStoreChatMemory.builder(store).maxMessages(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessages");
            assertThatThrownBy(() -> ThreadStoreChatMemory.builder(store).build())
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("id");
            assertThatThrownBy(() -> new ThreadStoreChatMemoryProvider(store, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            ChatMessage none = null;
            assertThatThrownBy(() -> ThreadStoreChatMemory.builder(store).id("t").build().add(none))
                    .isInstanceOf(NullPointerException.class);
        }
    }
}
