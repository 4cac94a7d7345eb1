package dev.threadstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.Objects.requireNonNull;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageSource;
import dev.threadstore.Role;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.ToolCall;
import dev.threadstore.ValueLimits;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values at the edges of what a backend can hold come back exactly, and values past them are refused the
 * same way everywhere, before any I/O ({@link ValueLimits}): instants from year 1 to year 9999, ids, names
 * and storage paths of up to {@value ValueLimits#MAX_KEY_LENGTH} characters (also of four UTF-8 bytes each), and
 * numbers in their canonical JSON form ({@code -0.0} is {@code 0.0}). A lookup by a key longer than any
 * stored one finds nothing.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface ValueLimitsContract extends StoreFixture {

    /** U+1F600, a character of four UTF-8 bytes and two UTF-16 units. */
    String EMOJI = "\uD83D\uDE00";

    private static ChatThread saveAndGet(ThreadStore store, ChatThread thread) {
        ChatThread saved = store.save(thread);
        assertThat(store.get(thread.id())).as("get() after save() returns what save() returned").contains(saved);
        return saved;
    }

    @Test
    default void instantsAtBothEndsOfTheStoredRangeRoundTripExactly() {
        Instant first = ValueLimits.MIN_INSTANT;
        Instant last = ValueLimits.MAX_INSTANT;
        try (ThreadStore store = newStore()) {
            ChatThread oldest = saveAndGet(store, ChatThread.builder().id("year-1").createdAt(first).updatedAt(first)
                    .messages(List.of(
                            Message.builder(Role.USER).id("first").content("a").timestamp(first).sequence(1).build(),
                            Message.builder(Role.USER).id("last").content("b").timestamp(last).sequence(2).build()))
                    .build());
            ChatThread newest = saveAndGet(store,
                    ChatThread.builder().id("year-9999").createdAt(last).updatedAt(last).build());

            assertThat(oldest.createdAt()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
            assertThat(newest.createdAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
            assertThat(oldest.messages()).extracting(Message::timestamp).containsExactly(first, last);
            List<Message> appended = store.append("year-9999", List.of(
                    Message.builder(Role.USER).id("late").content("c").timestamp(last).build()));
            assertThat(store.get("year-9999").orElseThrow().messages()).isEqualTo(appended);
            assertThat(appended.get(0).timestamp()).isEqualTo(last);
            assertThat(store.listRecent()).as("listings read the extremes back too")
                    .extracting(ChatThread::createdAt).containsExactly(last, first);
        }
    }

    @Test
    default void anInstantOnePastTheRangeIsRejectedBeforeAnyIo() {
        try (ThreadStore store = newStore()) {
            assertThatThrownBy(() -> ChatThread.builder().id("too-old")
                    .createdAt(ValueLimits.MIN_INSTANT.minusNanos(1000)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("createdAt");
            assertThatThrownBy(() -> Message.builder(Role.USER).content("x")
                    .timestamp(ValueLimits.MAX_INSTANT.plusNanos(1000)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp")
                    .hasMessageContaining("9999-12-31T23:59:59.999999Z");
            assertThat(store.listRecent()).isEmpty();
        }
    }

    @Test
    default void negativeZeroReadsBackAsSaveReturnedItAndReappendingTheStoredCopyIsANoOp() {
        Map<String, Object> json = Map.of("z", -0.0, "nested", Map.of("list", List.of(-0.0, 1.5)));
        Attachment attachment = Samples.withoutContent("a.txt", "text/plain", json, "f1", "f/f1.txt", "local",
                AttachmentStatus.STORED, 3, null);
        Message message = Message.builder(Role.ASSISTANT).id("m").content("zero").attributes(json).metrics(json)
                .source(new MessageSource("agent", null, MessageSource.Type.AGENT, json))
                .attachments(List.of(attachment)).build();
        try (ThreadStore store = newStore()) {
            ChatThread saved = saveAndGet(store, ChatThread.builder().id("zeros").attributes(json)
                    .source(new ThreadSource("slack", json)).messages(List.of(message)).build());

            assertThat(Double.doubleToRawLongBits((Double) requireNonNull(saved.attributes().get("z")))).as("-0.0 is stored as 0.0")
                    .isZero();
            Message stored = saved.messages().get(0);
            assertThat(store.append("zeros", List.of(stored))).as("re-appending the stored copy")
                    .containsExactly(stored);
            assertThat(store.get("zeros").orElseThrow().version()).as("the no-op append wrote nothing")
                    .isEqualTo(saved.version());
            assertThat(store.findByAttributes(Map.of("z", -0.0))).extracting(ChatThread::id).containsExactly("zeros");
            assertThat(store.findBySource("slack", Map.of("z", 0.0))).extracting(ChatThread::id)
                    .containsExactly("zeros");
        }
    }

    @Test
    default void idsAndNamesAtTheLengthLimitRoundTripAndAnswerLookups() {
        String threadId = EMOJI.repeat(ValueLimits.MAX_KEY_LENGTH);
        String messageId = "m".repeat(ValueLimits.MAX_KEY_LENGTH - 1) + EMOJI;
        String callId = EMOJI.repeat(ValueLimits.MAX_KEY_LENGTH);
        String sourceName = EMOJI.repeat(ValueLimits.MAX_KEY_LENGTH);
        String storagePath = "f/" + EMOJI.repeat(ValueLimits.MAX_KEY_LENGTH - 2);
        Message call = Message.builder(Role.ASSISTANT).id(messageId)
                .toolCalls(List.of(ToolCall.function(callId, "f", "{}")))
                .attachments(List.of(Samples.withoutContent("a.txt", "text/plain", Map.of(), "f1", storagePath, "local",
                        AttachmentStatus.STORED, 3, null)))
                .build();
        Message answer = Message.builder(Role.TOOL).id(EMOJI.repeat(ValueLimits.MAX_KEY_LENGTH)).toolCallId(callId)
                .content("42").build();
        try (ThreadStore store = newStore()) {
            ChatThread saved = saveAndGet(store, ChatThread.builder().id(threadId).source(ThreadSource.of(sourceName))
                    .messages(List.of(call)).build());
            store.append(threadId, List.of(answer));

            assertThat(store.get(threadId).orElseThrow().messages()).extracting(Message::id)
                    .containsExactly(messageId, answer.id());
            assertThat(store.getThreadByMessageId(messageId)).map(ChatThread::id).contains(threadId);
            assertThat(store.findBySource(sourceName, Map.of())).extracting(ChatThread::id).containsExactly(threadId);
            assertThat(saved.messages().get(0).toolCalls().get(0).id()).isEqualTo(callId);
            assertThat(saved.messages().get(0).attachments().get(0).storagePath()).isEqualTo(storagePath);
            assertThat(store.delete(threadId)).isTrue();
        }
    }

    @Test
    default void idsAndNamesOnePastTheLimitAreRejectedBeforeAnyIo() {
        String tooLong = EMOJI.repeat(ValueLimits.MAX_KEY_LENGTH + 1);
        try (ThreadStore store = newStore()) {
            assertThatThrownBy(() -> ChatThread.builder().id(tooLong).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thread id");
            assertThatThrownBy(() -> Message.builder(Role.USER).id(tooLong).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message id");
            assertThatThrownBy(() -> ToolCall.function(tooLong, "f", "{}"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tool call id");
            assertThatThrownBy(() -> ThreadSource.of(tooLong))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source name");
            assertThatThrownBy(() -> Samples.withoutContent("a.txt", null, Map.of(), "f1", tooLong, "local",
                    AttachmentStatus.STORED, 1, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("storagePath");
            assertThat(store.listRecent()).isEmpty();
        }
    }

    @Test
    default void lookupsByAKeyLongerThanAnyStoredOneFindNothing() {
        try (ThreadStore store = newStore()) {
            store.save(ChatThread.builder().id("t").source(ThreadSource.of("slack"))
                    .messages(List.of(Message.builder(Role.USER).id("m").content("x").build())).build());
            for (String key : List.of(EMOJI.repeat(ValueLimits.MAX_KEY_LENGTH + 1), "k".repeat(3000))) {
                assertThat(store.get(key)).isEmpty();
                assertThat(store.getThreadByMessageId(key)).isEmpty();
                assertThat(store.findBySource(key, Map.of())).isEmpty();
                assertThat(store.delete(key)).isFalse();
                assertThatThrownBy(() -> store.append(key, List.of(Message.user("x"))))
                        .isInstanceOf(ThreadNotFoundException.class);
            }
            assertThat(store.get("t").orElseThrow().messages()).extracting(Message::id).containsExactly("m");
        }
    }
}
