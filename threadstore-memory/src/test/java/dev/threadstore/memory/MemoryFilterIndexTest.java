package dev.threadstore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Page;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.ThreadQueries;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The memory store's filter index: whatever the writes and evictions, {@code findByAttributes},
 * {@code findBySource}, {@code count} and filtered pages answer exactly what a walk over every thread with the
 * shared matching rule answers. Generated from a seeded random (rerun with {@code -Dthreadstore.seed=…}).
 */
class MemoryFilterIndexTest {

    private final long seed = Long.getLong("threadstore.seed", System.nanoTime());
    private final SplittableRandom random = new SplittableRandom(seed);

    /** Values numerically or textually alike on purpose: 1, 1L, 1.0 and 1.00 are one JSON value; "1" is not. */
    private static final List<@Nullable Object> VALUES = List.of(1, 1L, 1.0, new BigDecimal("1.00"),
            BigInteger.ONE, 2, 2.5, "1", "a", "b", true, false, List.of(1), Map.of("x", 1));
    private static final List<String> KEYS = List.of("tenant", "priority", "flag");
    private static final List<String> SOURCES = List.of("slack", "email");

    @Test
    void queriesAnswerWhatAWalkAnswersAfterRandomWrites() {
        for (String url : List.of("memory:", "memory:?maximumSize=20")) {
            try (MemoryThreadStore store = (MemoryThreadStore) ThreadStore.create(url)) {
                for (int round = 0; round < 40; round++) {
                    for (int w = 0; w < 10; w++) {
                        write(store);
                    }
                    store.unwrap(Cache.class).orElseThrow().cleanUp();
                    for (int q = 0; q < 10; q++) {
                        checkQuery(store, url);
                    }
                }
            }
        }
    }

    @Test
    void deletedAndEvictedThreadsLeaveNoKeys() {
        try (MemoryThreadStore store = (MemoryThreadStore) ThreadStore.create("memory:?maximumSize=3")) {
            for (int i = 0; i < 30; i++) {
                store.save(ChatThread.builder().id("t" + i).attributes(Map.of("tenant", "t" + i)).build());
            }
            store.unwrap(Cache.class).orElseThrow().cleanUp();
            assertThat(store.indexedFilterKeys()).isLessThanOrEqualTo(3);
            store.listRecent().forEach(t -> store.delete(t.id()));
            assertThat(store.indexedFilterKeys()).isZero();
        }
    }

    private void write(MemoryThreadStore store) {
        String id = "t" + random.nextInt(30);
        ChatThread current = store.get(id).orElse(null);
        switch (random.nextInt(5)) {
            case 0 -> store.delete(id);
            case 1 -> {
                if (current != null) {
                    store.append(id, List.of(Message.user("more")));
                }
            }
            default -> {
                ChatThread next = current == null ? ChatThread.builder().id(id).build() : current;
                next = next.withAttributes(randomEntries()).withSource(randomSource());
                store.save(next);
            }
        }
    }

    private void checkQuery(MemoryThreadStore store, String url) {
        Map<String, Object> attributes = randomEntries();
        if (random.nextBoolean()) {
            attributes = Map.of();
        }
        String context = url + ", seed " + seed + ", attributes " + attributes;
        List<ChatThread> all = store.listRecent();

        List<String> byAttributes = ids(store.findByAttributes(attributes));
        assertThat(byAttributes).as(context).isEqualTo(walk(all, ThreadQuery.all().attributes(attributes)));

        ThreadSource source = randomSource();
        if (source != null) {
            ThreadQuery bySource = ThreadQuery.all().source(source.name(), source.properties());
            assertThat(ids(store.findBySource(source.name(), source.properties())))
                    .as(context + ", source " + source).isEqualTo(walk(all, bySource));
        }

        ThreadQuery query = ThreadQuery.all().attributes(attributes).limit(1 + random.nextInt(4));
        List<String> expected = walk(all, query);
        assertThat(store.count(query)).as(context).isEqualTo(expected.size());
        List<String> paged = new ArrayList<>();
        Page<ThreadSummary> page = store.summaries(query);
        paged.addAll(page.items().stream().map(ThreadSummary::id).toList());
        for (int pages = 1; page.nextCursor() != null; pages++) {
            assertThat(pages).as(context + ", pages walked").isLessThanOrEqualTo(expected.size());
            page = store.summaries(query.after(page.nextCursor()));
            paged.addAll(page.items().stream().map(ThreadSummary::id).toList());
        }
        assertThat(paged).as(context + ", pages").isEqualTo(expected);
    }

    private static List<String> walk(List<ChatThread> all, ThreadQuery query) {
        return all.stream()
                .filter(t -> ThreadQueries.matches(query, t.attributes(), t.source(), t.updatedAt()))
                .map(ChatThread::id)
                .toList();
    }

    private static List<String> ids(List<ChatThread> threads) {
        return threads.stream().map(ChatThread::id).toList();
    }

    private Map<String, Object> randomEntries() {
        Map<String, Object> entries = new HashMap<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            Object value = random.nextInt(8) == 0 ? null : VALUES.get(random.nextInt(VALUES.size()));
            entries.put(KEYS.get(random.nextInt(KEYS.size())), value);
        }
        return entries;
    }

    private @Nullable ThreadSource randomSource() {
        if (random.nextInt(4) == 0) {
            return null;
        }
        Map<String, Object> properties = new HashMap<>(randomEntries());
        properties.values().removeIf(v -> v == null);
        return new ThreadSource(SOURCES.get(random.nextInt(SOURCES.size())), properties);
    }
}
