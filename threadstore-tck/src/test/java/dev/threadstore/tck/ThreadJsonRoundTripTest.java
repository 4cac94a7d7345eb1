package dev.threadstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadJson} over the TCK's generated threads (awkward JSON values, characters beyond U+FFFF, {@code \u0000},
 * instants from year 1 to 9999, every role, tool calls, sources, attachments, reactions): write then read gives an
 * equal thread, and writing it again gives the same characters. Lives here because the generators do.
 */
class ThreadJsonRoundTripTest {

    private static final int THREADS = 500;

    @Test
    void everyGeneratedThreadReadsBackEqualAndWritesTheSameBytes() {
        RandomThreads random = new RandomThreads(20261130L);
        for (int i = 0; i < THREADS; i++) {
            ChatThread thread = withSomeAttachmentBytes(random, random.thread(random.id("t"), 6)
                    .toBuilder().version(random.random().nextInt(1000))
                    .expiresAt(random.chance(30) ? random.instant() : null).build());
            String line = ThreadJson.write(thread);

            ChatThread read = ThreadJson.read(line);

            assertThat(read).as("thread %d: %s", i, line).isEqualTo(thread);
            assertThat(ThreadJson.write(read)).as("thread %d", i).isEqualTo(line);
            assertThat(line).doesNotContain("\n", "\r");
        }
    }

    @Test
    void mapKeyOrderDoesNotChangeTheBytes() {
        RandomThreads random = new RandomThreads(7L);
        for (int i = 0; i < 200; i++) {
            ChatThread thread = random.thread(random.id("t"), 3);
            Map<String, Object> reversed = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>(thread.attributes().keySet());
            for (int k = keys.size() - 1; k >= 0; k--) {
                reversed.put(keys.get(k), thread.attributes().get(keys.get(k)));
            }
            ChatThread reordered = thread.toBuilder().attributes(reversed).build();

            assertThat(ThreadJson.write(reordered)).isEqualTo(ThreadJson.write(thread));
        }
    }

    /** The generators give attachments by reference only; a pending one carries bytes, which the format base64-encodes. */
    private static ChatThread withSomeAttachmentBytes(RandomThreads random, ChatThread thread) {
        List<Message> messages = new ArrayList<>();
        for (Message m : thread.messages()) {
            if (random.chance(10)) {
                byte[] bytes = new byte[random.random().nextInt(64)];
                random.random().nextBytes(bytes);
                m = m.withAttachment(Attachment.of(bytes, "blob.bin"));
            }
            messages.add(m);
        }
        return thread.toBuilder().messages(messages).build();
    }
}
