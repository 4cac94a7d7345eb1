package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The difference a save writes, checked without a database. */
class MessageDifferenceTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private final MessageDigests digests = new MessageDigests();

    private static Message message(String id, int sequence, String content) {
        return Message.user(content).toBuilder().id(id).sequence(sequence).timestamp(T).build();
    }

    private Map<String, StoredMessage> asRows(List<Message> messages) {
        Map<String, StoredMessage> rows = new HashMap<>();
        for (Message m : messages) {
            rows.put(m.id(), new StoredMessage(null, m.sequence(), digests.of(m)));
        }
        return rows;
    }

    @Test
    void insertsNewUpdatesChangedMovesResequencedAndDeletesDropped() {
        Message kept = message("a", 1, "same");
        List<Message> stored = List.of(kept, message("b", 2, "old"), message("c", 3, "moves"), message("d", 4, "dropped"));
        List<Message> given = List.of(message("a", 1, "same"), message("b", 2, "new"), message("e", 3, "fresh"),
                message("c", 4, "moves"));

        MessageDifference difference = MessageDifference.between(asRows(stored), given, digests);

        assertThat(difference.updates()).extracting(d -> d.message().id()).containsExactly("b");
        assertThat(difference.moved()).containsExactly("c");
        assertThat(difference.inserts()).extracting(d -> d.message().id()).containsExactly("e", "c");
        assertThat(difference.removed()).containsExactly("d");
        assertThat(difference.inserts()).allSatisfy(d -> assertThat(d.digest()).isEqualTo(digests.of(d.message())));
    }

    @Test
    void theVeryInstancesTheMemoRemembersAreNotWritten() {
        Message a = message("a", 1, "x");
        Message b = message("b", 2, "y");
        MessageDifference difference = MessageDifference.between(
                Map.of("a", StoredMessage.remembered(a), "b", StoredMessage.remembered(b)), List.of(a, b), digests);

        assertThat(difference).isEqualTo(new MessageDifference(List.of(), List.of(), List.of(), List.of()));
    }

    /** Applying the difference to the stored rows gives exactly the messages saved, whatever the edit. */
    @Test
    void applyingTheDifferenceToGeneratedThreadsGivesTheSavedMessages() {
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            List<Message> stored = thread(random);
            List<Message> given = edited(stored, random);
            MessageDifference difference = MessageDifference.between(asRows(stored), given, digests);

            Map<String, Message> rows = new LinkedHashMap<>();
            stored.forEach(m -> rows.put(m.id(), m));
            Set<Integer> sequences = new HashSet<>();
            difference.moved().forEach(rows::remove);
            difference.removed().forEach(rows::remove);
            for (MessageDifference.Digested u : difference.updates()) {
                assertThat(rows.get(u.message().id()).sequence()).as("an update keeps its sequence").isEqualTo(u.message().sequence());
                rows.put(u.message().id(), u.message());
            }
            rows.values().forEach(m -> sequences.add(m.sequence()));
            for (MessageDifference.Digested n : difference.inserts()) {
                assertThat(rows).as("seed %d case %d: insert of a present id", seed, i).doesNotContainKey(n.message().id());
                rows.put(n.message().id(), n.message());
            }
            assertThat(new HashSet<>(rows.values())).as("seed %d case %d", seed, i).isEqualTo(new HashSet<>(given));
            int written = difference.moved().size() + difference.removed().size() + difference.updates().size()
                    + difference.inserts().size();
            if (stored.equals(given)) {
                assertThat(written).as("seed %d case %d: nothing changed", seed, i).isZero();
            }
        }
    }

    private static List<Message> thread(Random random) {
        List<Message> messages = new ArrayList<>();
        int n = random.nextInt(6);
        for (int s = 1; s <= n; s++) {
            messages.add(message("m" + random.nextInt(8) + "-" + s, s, "c" + random.nextInt(2)));
        }
        return messages;
    }

    private static List<Message> edited(List<Message> stored, Random random) {
        List<Message> kept = new ArrayList<>();
        for (Message m : stored) {
            switch (random.nextInt(4)) {
                case 0 -> { } // dropped
                case 1 -> kept.add(m.toBuilder().content("c" + random.nextInt(2)).build());
                default -> kept.add(m);
            }
        }
        if (random.nextBoolean()) {
            kept.add(random.nextInt(kept.size() + 1), message("new" + random.nextInt(3), 0, "n"));
        }
        List<Message> given = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Message m : kept) {
            if (ids.add(m.id())) {
                given.add(m.withSequence(given.size() + 1));
            }
        }
        return given;
    }
}
