package dev.threadstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordsTest {

    @Test
    void aNewThreadHasAnIdADefaultTitleAndVersionZero() {
        ChatThread thread = ChatThread.create();

        assertThat(UUID.fromString(thread.id())).isNotNull();
        assertThat(thread.title()).isEqualTo("Untitled Thread");
        assertThat(thread.version()).isZero();
        assertThat(thread.createdAt()).isEqualTo(thread.updatedAt());
        assertThat(thread.messages()).isEmpty();
    }

    @Test
    void withMessagePlacesMessagesAfterTheHighestSequence() {
        ChatThread thread = ChatThread.create()
                .withMessage(Message.system("be brief"))
                .withMessage(Message.user("hi"))
                .withMessage(Message.builder(Role.ASSISTANT).content("hello").sequence(10).build())
                .withMessage(Message.user("again"));

        assertThat(thread.messages()).extracting(Message::sequence).containsExactly(1, 2, 10, 11);
        assertThat(thread.messages().get(0).role()).isEqualTo(Role.SYSTEM);
    }

    @Test
    void withMessageMovesUpdatedAtAndKeepsTheOriginalUntouched() throws InterruptedException {
        ChatThread thread = ChatThread.builder().updatedAt(Instant.parse("2020-01-01T00:00:00Z"))
                .createdAt(Instant.parse("2020-01-01T00:00:00Z")).build();
        ChatThread next = thread.withMessage(Message.user("hi"));

        assertThat(next.updatedAt()).isAfter(thread.updatedAt());
        assertThat(thread.messages()).isEmpty();
    }

    @Test
    void messageIdsAreTimeOrderedUuidV7() {
        Message first = Message.user("a");
        UUID id = UUID.fromString(first.id());
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void aToolMessageNeedsAToolCallId() {
        assertThatThrownBy(() -> Message.builder(Role.TOOL).content("42").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("toolCallId");
        assertThat(Message.tool("call_1", "calc", "42").toolCallId()).isEqualTo("call_1");
    }

    @Test
    void instantsAreTruncatedToMicroseconds() {
        Instant nanos = Instant.parse("2024-01-01T00:00:00.123456789Z");
        Message m = Message.builder(Role.USER).content("x").timestamp(nanos).build();
        ChatThread t = ChatThread.builder().createdAt(nanos).updatedAt(nanos).build();

        assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-01-01T00:00:00.123456Z"));
        assertThat(t.createdAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00.123456Z"));
    }

    @Test
    void recordsCopyTheirCollectionsDefensively() {
        List<Message> messages = new ArrayList<>(List.of(Message.user("a")));
        ChatThread thread = ChatThread.builder().messages(messages).build();
        messages.add(Message.user("b"));

        assertThat(thread.messages()).hasSize(1);
        assertThatThrownBy(() -> thread.messages().add(Message.user("c"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void attributeValuesMustBeJsonAndTheErrorNamesTheKey() {
        assertThatThrownBy(() -> ChatThread.create().withAttribute("owner", new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thread attributes.owner")
                .hasMessageContaining("java.lang.Object");
        assertThat(ChatThread.create().withAttribute("n", 42).attributes().get("n")).isEqualTo(42L);
    }

    @Test
    void duplicateMessageIdsOrSequencesInOneThreadAreRejected() {
        Message m = Message.user("a");
        assertThatThrownBy(() -> ChatThread.builder().messages(List.of(m, m)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(m.id());
        assertThatThrownBy(() -> ChatThread.builder().messages(List.of(
                        Message.builder(Role.USER).content("a").sequence(1).build(),
                        Message.builder(Role.USER).content("b").sequence(1).build())).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence 1");
    }

    @Test
    void aDuplicateSequenceIsFoundWhateverTheOrderOfTheMessages() {
        Message five = Message.builder(Role.USER).content("a").sequence(5).build();
        Message two = Message.builder(Role.USER).content("b").sequence(2).build();
        Message fiveAgain = Message.builder(Role.USER).content("c").sequence(5).build();

        assertThatThrownBy(() -> ChatThread.builder().messages(List.of(five, two, fiveAgain)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence 5");
        assertThat(ChatThread.builder().messages(List.of(five, two, Message.user("unplaced"))).build().messages())
                .hasSize(3);
    }

    @Test
    void attachmentsCompareTheirBytesByValueAndCopyThem() {
        byte[] bytes = {1, 2, 3};
        Attachment a = Attachment.of(bytes, "a.bin");
        bytes[0] = 9;

        assertThat(a).isEqualTo(Attachment.of(new byte[] {1, 2, 3}, "a.bin"));
        assertThat(a.hashCode()).isEqualTo(Attachment.of(new byte[] {1, 2, 3}, "a.bin").hashCode());
        a.content()[1] = 9;
        assertThat(a.content()).containsExactly(1, 2, 3);
        assertThat(a.status()).isEqualTo(AttachmentStatus.PENDING);
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.toString()).contains("3 bytes");
    }

    @Test
    void withAttachmentMakesThePendingAttachmentVisibleToTheThread() {
        ChatThread thread = ChatThread.create().withMessage(Message.user("see file").withAttachment(new byte[] {1}, "f.bin"));
        assertThat(thread.hasPendingAttachments()).isTrue();
    }

    @Test
    void negativeOrBlankComponentsAreRejected() {
        assertThatThrownBy(() -> ChatThread.builder().id(" ").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatThread.builder().version(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Message.builder(Role.USER).sequence(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThreadSource(" ", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToolCall.function("", "f", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Message.user(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("text");
    }

    @Test
    void exceptionsAreTypedAndTransientOnlyWhenRetryingHelps() {
        assertThat(new StoreUnavailableException("down").isTransient()).isTrue();
        assertThat(new StorageException("broken").isTransient()).isFalse();
        assertThat(ConcurrentUpdateException.versionConflict("t1", 3, 4).getMessage())
                .contains("t1").contains("version 3").contains("get() it again");
        assertThat(new FileTooLargeException("x")).isInstanceOf(StorageException.class).isInstanceOf(ThreadStoreException.class);
    }
}
