package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.Attachment;
import dev.threadstore.AttachmentStatus;
import dev.threadstore.Message;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The buffered {@link MessageFingerprint} digests exactly the bytes the unbuffered scheme did, so every digest
 * already stored stays valid: generated messages, and messages long enough to fill its buffer many times over.
 */
class MessageFingerprintTest {

    @Test
    void generatedMessagesDigestAsBefore() {
        for (long seed = 0; seed < 200; seed++) {
            AlikeMessages messages = new AlikeMessages(seed);
            for (int i = 0; i < 25; i++) {
                Message m = messages.message();
                assertThat(MessageFingerprint.of(m)).as("seed %d, message %s", seed, m)
                        .isEqualTo(MessageFingerprintReference.of(m));
                Message edited = messages.edit(m);
                assertThat(MessageFingerprint.of(edited)).isEqualTo(MessageFingerprintReference.of(edited));
            }
        }
    }

    @Test
    void longValuesThatCrossTheBufferDigestAsBefore() {
        Random random = new Random(13);
        for (int length : List.of(0, 1, 255, 508, 509, 510, 511, 512, 513, 1023, 1024, 1025, 5000)) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append((char) random.nextInt(0x3000));
            }
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            Message m = Message.user(text.toString()).toBuilder()
                    .attributes(Map.of("k" + text, text.toString(), "n", (long) length))
                    .attachments(List.of(new Attachment("f", bytes, "text/plain", Map.of(), null, null, null,
                            AttachmentStatus.PENDING, length, null)))
                    .build();
            assertThat(MessageFingerprint.of(m)).as("length %d", length).isEqualTo(MessageFingerprintReference.of(m));
        }
    }
}
