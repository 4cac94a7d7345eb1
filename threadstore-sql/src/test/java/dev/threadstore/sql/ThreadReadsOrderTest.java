package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A dialect may return the rows of a get unordered (PostgreSQL does, to spare its server a sort): whatever order the
 * rows come in, the thread's messages end in sequence order. Generated from a seeded random (rerun with
 * {@code -Dthreadstore.seed=…}).
 */
class ThreadReadsOrderTest {

    private final long seed = Long.getLong("threadstore.seed", System.nanoTime());
    private final SplittableRandom random = new SplittableRandom(seed);

    @Test
    void messagesEndInSequenceOrderWhateverOrderTheRowsCameIn() {
        for (int run = 0; run < 200; run++) {
            int n = random.nextInt(40);
            List<Message> expected = new ArrayList<>();
            int sequence = 0;
            for (int i = 0; i < n; i++) {
                sequence += 1 + random.nextInt(3); // gaps are kept, never renumbered
                expected.add(Message.user("m" + i).withSequence(sequence));
            }
            List<Message> rows = new ArrayList<>(expected);
            if (random.nextBoolean()) {
                Collections.shuffle(rows, new java.util.Random(random.nextLong()));
            }

            ThreadReads.inSequenceOrder(rows);

            assertThat(rows).as("seed %d", seed).containsExactlyElementsOf(expected);
        }
    }
}
