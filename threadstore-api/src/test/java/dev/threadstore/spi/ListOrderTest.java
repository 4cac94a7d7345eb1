package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListOrderTest {

    private static final String[] PIECES = {"a", "z", "\u00E9", "\uD7FF", "\uE000", "\uFFFD", "\uFFFF",
            "\uD800\uDC00", "\uD83D\uDE00", "\uDBFF\uDFFF", ""};

    @Test
    void idsCompareByCodePointLikeTheirUtf8Bytes() {
        long seed = Long.getLong("threadstore.seed", 9L);
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String a = randomId(random);
            String b = randomId(random);
            int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                    b.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(ListOrder.compareCodePoints(a, b)))
                    .as("seed %d: %s vs %s", seed, escape(a), escape(b)).isEqualTo(expected);
        }
    }

    @Test
    void aCharacterAboveTheBasicPlaneSortsAfterEveryBasicOne() {
        assertThat(ListOrder.CODE_POINT.compare("\uFFFD", "\uD83D\uDE00")).isNegative();
        assertThat("\uFFFD".compareTo("\uD83D\uDE00")).as("UTF-16 order differs").isPositive();
    }

    @Test
    void threadsWithEqualTimesSortByIdInCodePointOrder() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        List<ChatThread> threads = new ArrayList<>();
        for (String id : List.of("\uD83D\uDE00", "\uFFFD", "a")) {
            threads.add(ChatThread.builder().id(id).createdAt(t).updatedAt(t).build());
        }
        threads.sort(ListOrder.THREADS);
        assertThat(threads).extracting(ChatThread::id).containsExactly("a", "\uFFFD", "\uD83D\uDE00");
    }

    private static String randomId(Random random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(String.format("\\u%04X", c)));
        return b.toString();
    }
}
