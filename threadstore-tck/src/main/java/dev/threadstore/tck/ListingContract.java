package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.LIST_ORDER;
import static dev.threadstore.tck.Samples.ids;
import static dev.threadstore.tck.Samples.letClockAdvance;
import static dev.threadstore.tck.Samples.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadStore#list(int, int)}, {@link ThreadStore#list()}, {@link ThreadStore#listRecent(int)} and
 * {@link ThreadStore#listRecent()}: most recently updated first, ties broken by {@code createdAt}
 * descending and then id ascending in Unicode code point order, so pages never overlap or skip. Threads
 * stamped in the same microsecond need a store that takes a clock: those tie-break tests are in
 * {@link TieBreakContract}.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface ListingContract extends StoreFixture {

    @Test
    default void anEmptyStoreListsNothing() {
        try (ThreadStore store = newStore()) {
            assertThat(store.list(10, 0)).isEmpty();
            assertThat(store.list()).isEmpty();
            assertThat(store.listRecent()).isEmpty();
            assertThat(store.listRecent(5)).isEmpty();
        }
    }

    @Test
    default void listShowsTheMostRecentlyUpdatedThreadFirst() {
        try (ThreadStore store = newStore()) {
            for (String id : List.of("one", "two", "three")) {
                store.save(thread(id, id));
                letClockAdvance();
            }

            assertThat(ids(store.list(10, 0))).containsExactly("three", "two", "one");
            assertThat(ids(store.listRecent())).containsExactly("three", "two", "one");
        }
    }

    @Test
    default void anUpdateMovesTheThreadToTheFront() {
        try (ThreadStore store = newStore()) {
            for (String id : List.of("one", "two", "three")) {
                store.save(thread(id, id));
                letClockAdvance();
            }

            store.save(store.get("one").orElseThrow().withTitle("edited"));

            assertThat(ids(store.list(10, 0))).containsExactly("one", "three", "two");
        }
    }

    @Test
    default void ordersAreSortedByUpdatedAtThenCreatedAtThenId() {
        try (ThreadStore store = newStore()) {
            Instant[] created = {Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z")};
            List<String> saveOrder = List.of("tie-q", "tie-c", "tie-x", "tie-a", "tie-m", "tie-b", "tie-z", "tie-d");
            int i = 0;
            for (String id : saveOrder) {
                store.save(ChatThread.builder().id(id).createdAt(created[i++ % 2]).build());
            }

            for (List<ChatThread> listing : List.of(store.list(100, 0), store.listRecent(), store.listRecent(100),
                    store.findByAttributes(java.util.Map.of()))) {
                assertThat(listing).hasSize(saveOrder.size());
                assertThat(listing).as("sorted by updatedAt desc, then createdAt desc, then id asc; got %s",
                        describe(listing)).isSortedAccordingTo(LIST_ORDER);
            }
        }
    }

    @Test
    default void pagesConcatenateToTheWholeListWithoutDuplicatesOrGaps() {
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < 23; i++) {
                store.save(ChatThread.builder().id(String.format("page-%02d", i))
                        .createdAt(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i % 3)).build());
            }

            List<String> all = ids(store.list(100, 0));
            List<String> paged = new ArrayList<>();
            for (int offset = 0; offset < 30; offset += 5) {
                paged.addAll(ids(store.list(5, offset)));
            }

            assertThat(all).hasSize(23);
            assertThat(new HashSet<>(paged)).as("no thread appears on two pages").hasSize(paged.size());
            assertThat(paged).as("pages of 5, concatenated").isEqualTo(all);
        }
    }

    @Test
    default void limitZeroReturnsAnEmptyList() {
        try (ThreadStore store = newStore()) {
            store.save(thread("x", "x"));

            assertThat(store.list(0, 0)).isEmpty();
            assertThat(store.listRecent(0)).isEmpty();
        }
    }

    @Test
    default void anOffsetPastTheEndReturnsAnEmptyList() {
        try (ThreadStore store = newStore()) {
            store.save(thread("x", "x"));
            store.save(thread("y", "y"));

            assertThat(store.list(10, 2)).isEmpty();
            assertThat(store.list(10, 1000)).isEmpty();
            assertThat(store.list(10, 1)).hasSize(1);
        }
    }

    @Test
    default void extremeLimitsAndOffsetsDoNotOverflow() {
        try (ThreadStore store = newStore()) {
            store.save(thread("x", "x"));
            store.save(thread("y", "y"));

            assertThat(store.list(Integer.MAX_VALUE, 0)).hasSize(2);
            assertThat(store.list(Integer.MAX_VALUE, 1)).hasSize(1);
            assertThat(store.list(1, Integer.MAX_VALUE)).isEmpty();
            assertThat(store.listRecent(Integer.MAX_VALUE)).hasSize(2);
        }
    }

    @Test
    default void aNegativeLimitIsRejected() {
        try (ThreadStore store = newStore()) {
            assertThatThrownBy(() -> store.list(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
            assertThatThrownBy(() -> store.listRecent(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.list(Integer.MIN_VALUE, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    default void aNegativeOffsetIsRejected() {
        try (ThreadStore store = newStore()) {
            assertThatThrownBy(() -> store.list(10, -1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
            assertThatThrownBy(() -> store.list(0, -5)).as("even with limit 0").isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    default void listWithoutArgumentsReturnsTheFirstHundredAndListRecentReturnsAll() {
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < 120; i++) {
                store.save(thread(String.format("many-%03d", i), "t"));
            }

            assertThat(store.list()).as("list() is list(100, 0)").hasSize(100);
            assertThat(ids(store.list())).isEqualTo(ids(store.list(100, 0)));
            assertThat(store.listRecent()).as("listRecent() has no limit").hasSize(120);
        }
    }

    @Test
    default void listRecentWithALimitReturnsTheNewestThreads() {
        try (ThreadStore store = newStore()) {
            for (String id : List.of("a", "b", "c", "d")) {
                store.save(thread(id, id));
                letClockAdvance();
            }

            assertThat(ids(store.listRecent(2))).containsExactly("d", "c");
            assertThat(ids(store.listRecent(10))).containsExactly("d", "c", "b", "a");
            assertThat(ids(store.listRecent(3))).isEqualTo(ids(store.list(3, 0)));
        }
    }

    @Test
    default void listedThreadsAreWholeThreadsWithTheirMessages() {
        try (ThreadStore store = newStore()) {
            ChatThread saved = store.save(thread("whole", Message.system("s"), Message.user("u"))
                    .withAttribute("k", List.of(1L, 2.5)));

            assertThat(store.list(1, 0)).containsExactly(saved);
            assertThat(store.listRecent()).containsExactly(saved);
            assertThat(store.listRecent(1)).containsExactly(saved);
        }
    }

    @Test
    default void deletedThreadsLeaveTheListing() {
        try (ThreadStore store = newStore()) {
            store.save(thread("a", "a"));
            store.save(thread("b", "b"));
            store.delete("a");

            assertThat(ids(store.list(10, 0))).containsExactly("b");
            assertThat(ids(store.listRecent())).containsExactly("b");
        }
    }

    private static String describe(List<ChatThread> threads) {
        StringBuilder b = new StringBuilder();
        for (ChatThread t : threads) {
            b.append("\n  ").append(t.id()).append(" updatedAt=").append(t.updatedAt()).append(" createdAt=").append(t.createdAt());
        }
        return b.toString();
    }
}
