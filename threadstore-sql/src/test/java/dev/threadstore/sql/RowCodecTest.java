package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
        assertThat(RowCodec.digest(first)).isEqualTo(RowCodec.digest(second)).hasSize(64);
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
}
