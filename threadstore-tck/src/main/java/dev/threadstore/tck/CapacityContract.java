package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.sequences;
import static dev.threadstore.tck.Samples.thread;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Sizes a real application reaches: a message of a megabyte, a thread of a thousand messages, wide and
 * deep attribute documents. These check that nothing is truncated or reordered, not how fast it goes
 * (that is the benchmarks' job).
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface CapacityContract extends StoreFixture {

    @Test
    default void aOneMegabyteMessageRoundTripsIntact() {
        try (ThreadStore store = newStore()) {
            StringBuilder b = new StringBuilder(1 << 20);
            while (b.length() < (1 << 20)) {
                b.append("0123456789abcdef é 👍 ").append(b.length()).append('\n');
            }
            String content = b.toString();

            ChatThread saved = store.save(thread("big", Message.user(content)));

            assertThat(store.get("big")).contains(saved);
            assertThat(saved.messages().get(0).content()).as("1 MB content, compared by length then text")
                    .hasSameSizeAs(content).isEqualTo(content);
        }
    }

    @Test
    default void aThreadOfAThousandMessagesRoundTripsInOrder() {
        try (ThreadStore store = newStore()) {
            List<Message> messages = new ArrayList<>();
            for (int i = 1; i <= 1000; i++) {
                messages.add(i % 10 == 0 ? Message.system("system " + i) : Message.user("message " + i));
            }

            ChatThread saved = store.save(thread("long").withMessages(messages));
            ChatThread loaded = store.get("long").orElseThrow();

            assertThat(loaded).isEqualTo(saved);
            assertThat(sequences(loaded.messages())).isEqualTo(IntStream.rangeClosed(1, 1000).boxed().collect(Collectors.toList()));
            assertThat(loaded.messages().get(999).content()).isEqualTo("system 1000");
        }
    }

    @Test
    default void appendingToAThousandMessageThreadPlacesTheMessageAtTheEnd() {
        try (ThreadStore store = newStore()) {
            store.save(thread("long").withMessages(Samples.userMessages("m", 1000)));

            List<Message> appended = store.append("long", List.of(Message.user("one more")));

            assertThat(sequences(appended)).containsExactly(1001);
            assertThat(store.get("long").orElseThrow().messages()).hasSize(1001);
        }
    }

    @Test
    default void aThousandMessageThreadCanBeEditedIncrementally() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("edit").withMessages(Samples.userMessages("m", 1000)));
            List<Message> messages = new ArrayList<>(v1.messages());
            messages.set(500, messages.get(500).toBuilder().content("edited").build());
            messages.remove(10);

            ChatThread v2 = store.save(v1.toBuilder().messages(messages).build());

            assertThat(v2.messages()).hasSize(999);
            assertThat(store.get("edit").orElseThrow()).isEqualTo(v2);
            assertThat(v2.message("m-501").orElseThrow().content()).isEqualTo("edited");
            assertThat(v2.message("m-11")).as("the removed message").isEmpty();
        }
    }

    @Test
    default void wideAndDeepAttributesRoundTrip() {
        try (ThreadStore store = newStore()) {
            Map<String, Object> wide = new LinkedHashMap<>();
            for (int i = 0; i < 500; i++) {
                wide.put("key-" + i, i % 2 == 0 ? (Object) (long) i : "value " + i);
            }
            Object deep = "bottom";
            for (int i = 0; i < 60; i++) {
                deep = i % 2 == 0 ? List.of(deep) : Map.of("d" + i, deep);
            }
            wide.put("deep", deep);

            ChatThread saved = store.save(Samples.threadWithAttributes("wide", wide));

            Map<String, Object> back = store.get("wide").orElseThrow().attributes();
            wide.forEach((key, value) -> {
                if (!key.equals("deep")) {
                    assertThat(back.get(key)).as("attribute %s", key).isEqualTo(value);
                }
            });
            // compared without printing: AssertJ's rendering of 60 nested levels takes exponential time
            assertThat(back.equals(wide) && saved.attributes().equals(wide))
                    .as("the wide and 60-level deep attributes come back equal").isTrue();
            assertThat(Samples.ids(store.findByAttributes(Map.of("key-498", 498L, "deep", deep)))).containsExactly("wide");
        }
    }

    @Test
    default void manyThreadsAreListedAndFoundCorrectly() {
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < 300; i++) {
                store.save(Samples.threadWithAttributes(String.format("n-%03d", i), Map.of("mod", (long) (i % 7))));
            }

            assertThat(store.listRecent()).hasSize(300);
            assertThat(store.findByAttributes(Map.of("mod", 3))).hasSize(43);
            assertThat(store.list(50, 280)).hasSize(20);
        }
    }
}
