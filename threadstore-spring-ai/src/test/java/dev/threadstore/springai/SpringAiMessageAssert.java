package dev.threadstore.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.content.MediaContent;

/**
 * Field-by-field equality of Spring AI messages: Spring AI's own {@code equals} compares type, text and metadata
 * (and tool calls), but not media, which it compares by identity; this compares media by mime type, id, name and data.
 */
final class SpringAiMessageAssert {

    private SpringAiMessageAssert() {
    }

    static void assertSameMessages(List<? extends Message> actual, List<? extends Message> expected) {
        assertThat(actual).as("message count").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSameMessage(actual.get(i), expected.get(i), "message " + i);
        }
    }

    static void assertSameMessage(Message actual, Message expected, String what) {
        assertThat(actual.getClass()).as(what + " class").isEqualTo(expected.getClass());
        assertThat(actual.getMessageType()).as(what + " type").isEqualTo(expected.getMessageType());
        assertThat(actual.getText()).as(what + " text").isEqualTo(expected.getText());
        assertThat(actual.getMetadata()).as(what + " metadata").isEqualTo(expected.getMetadata());
        if (expected instanceof AssistantMessage e) {
            assertThat(((AssistantMessage) actual).getToolCalls()).as(what + " tool calls").isEqualTo(e.getToolCalls());
        }
        if (expected instanceof ToolResponseMessage e) {
            assertThat(((ToolResponseMessage) actual).getResponses()).as(what + " responses").isEqualTo(e.getResponses());
        }
        if (expected instanceof MediaContent e) {
            List<Media> media = ((MediaContent) actual).getMedia();
            assertThat(media).as(what + " media count").hasSize(e.getMedia().size());
            for (int j = 0; j < media.size(); j++) {
                Media a = media.get(j);
                Media x = e.getMedia().get(j);
                String m = what + " media " + j;
                assertThat(a.getMimeType()).as(m + " mime type").isEqualTo(x.getMimeType());
                assertThat(a.getId()).as(m + " id").isEqualTo(x.getId());
                assertThat(a.getName()).as(m + " name").isEqualTo(x.getName());
                assertThat(a.getData().getClass()).as(m + " data type").isEqualTo(x.getData().getClass());
                if (x.getData() instanceof byte[] bytes) {
                    assertThat((byte[]) a.getData()).as(m + " bytes").isEqualTo(bytes);
                } else {
                    assertThat(a.getData()).as(m + " data").isEqualTo(x.getData());
                }
            }
        }
        if (!(expected instanceof MediaContent)) {
            assertThat(actual).as(what).isEqualTo(expected);
        } else if (((MediaContent) expected).getMedia().isEmpty()) {
            assertThat(actual).as(what + " (Spring AI equals)").isEqualTo(expected);
        }
    }
}
