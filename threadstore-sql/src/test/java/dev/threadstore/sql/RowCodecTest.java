package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The message digest that incremental save and append compare instead of whole rows. */
class RowCodecTest {

    private final Message message = Message.user("hello").withSequence(3);

    @Test
    void equalMessagesHaveEqualDigestsWhateverTheirMapKeyOrder() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1L);
        ab.put("b", Map.of("x", "y"));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", Map.of("x", "y"));
        ba.put("a", 1L);
        Message first = message.toBuilder().attributes(ab).build();
        Message second = message.toBuilder().attributes(ba).build();
        assertThat(first).isEqualTo(second);
        assertThat(RowCodec.digest(first)).isEqualTo(RowCodec.digest(second)).hasSize(MessageFingerprint.VERSION.length() + 64);
    }

    @Test
    void anyChangeThatMakesMessagesUnequalChangesTheDigest() {
        String digest = RowCodec.digest(message);
        assertThat(RowCodec.digest(message.withSequence(4))).isNotEqualTo(digest);
        assertThat(RowCodec.digest(message.withAttribute("n", 1L)))
                .isNotEqualTo(RowCodec.digest(message.withAttribute("n", 1.0)));
        assertThat(RowCodec.digest(message.toBuilder().content("hello!").build())).isNotEqualTo(digest);
        assertThat(RowCodec.digest(message.toBuilder().timestamp(message.timestamp().plusNanos(1000)).build()))
                .isNotEqualTo(digest);
    }

    @Test
    void aNumberAndAStringThatPrintAlikeHaveDifferentDigests() {
        assertThat(RowCodec.digest(message.withAttribute("x", 1.0)))
                .isNotEqualTo(RowCodec.digest(message.withAttribute("x", "d:1.0")));
        assertThat(RowCodec.digest(message.withAttribute("x", true)))
                .isNotEqualTo(RowCodec.digest(message.withAttribute("x", "true")));
    }

    @Test
    void digestsCarryTheirSchemeVersion() {
        assertThat(RowCodec.digest(message)).startsWith(MessageFingerprint.VERSION);
        assertThat(MessageFingerprint.isCurrent(RowCodec.digest(message))).isTrue();
        assertThat(MessageFingerprint.isCurrent("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")).isFalse();
        assertThat(MessageFingerprint.isCurrent("")).isFalse();
    }

    /** Thousands of generated pairs of messages, edited or with map keys reordered, whose values print alike. */
    @Test
    void digestsAreEqualExactlyWhenMessagesAreEqual() {
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        AlikeMessages generate = new AlikeMessages(seed);
        int equal = 0;
        int unequal = 0;
        for (int i = 0; i < 5_000; i++) {
            Message a = generate.message();
            Message b = i % 4 == 0 ? AlikeMessages.reordered(a) : generate.edit(i % 3 == 0 ? generate.edit(a) : a);
            boolean sameDigest = RowCodec.digest(a).equals(RowCodec.digest(b));
            if (sameDigest != a.equals(b)) {
                throw new AssertionFailedError("Case " + i + " of seed " + seed + " (rerun with -Dthreadstore.seed="
                        + seed + "): equal=" + a.equals(b) + " but same digest=" + sameDigest + "\n a=" + a + "\n b=" + b);
            }
            if (a.equals(b)) {
                equal++;
            } else {
                unequal++;
            }
        }
        assertThat(equal).as("equal pairs, seed " + seed).isGreaterThan(1_000);
        assertThat(unequal).as("unequal pairs, seed " + seed).isGreaterThan(1_000);
    }
}
