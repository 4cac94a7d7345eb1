package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.CODE_POINT_ORDER;
import static dev.threadstore.tck.Samples.ids;
import static dev.threadstore.tck.Samples.mapOf;
import static dev.threadstore.tck.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The tie-break rule of every listing, which ordinary tests almost never exercise because two saves rarely
 * fall in the same microsecond: threads with the same {@code updatedAt} are ordered by {@code createdAt}
 * descending, and threads equal on both by id ascending in Unicode code point order (not UTF-16 order: an
 * id with a character beyond U+FFFF sorts after one with U+E000). The store is opened with
 * {@link StoreFixture#newStore(java.time.Clock)} and a clock the test sets; a backend that cannot take a
 * clock skips these tests.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface TieBreakContract extends StoreFixture {

    /** The instant every tie test stamps its threads with. */
    Instant TIE = Instant.parse("2025-06-15T10:20:30.123456Z");

    private ThreadStore storeWithClock(SettableClock clock) {
        return newStore(clock).orElseGet(() -> {
            Assumptions.abort("the fixture's newStore(Clock) is not implemented: the backend cannot take a clock, "
                    + "so threads stamped in the same microsecond cannot be made and the tie-break order is not checked");
            throw new AssertionError("unreachable");
        });
    }

    /** Every listing the store offers, by name, over the threads saved with attribute tie=true and source "tie". */
    private static Map<String, List<ChatThread>> listings(ThreadStore store, int size) {
        List<ChatThread> paged = new ArrayList<>();
        for (int offset = 0; offset < size; offset += 2) {
            paged.addAll(store.list(2, offset));
        }
        return Map.of("list(100, 0)", store.list(100, 0), "list() in pages of 2", paged, "listRecent()", store.listRecent(),
                "listRecent(100)", store.listRecent(100), "findByAttributes({tie: true})", store.findByAttributes(mapOf("tie", true)),
                "findBySource(tie, {})", store.findBySource("tie", Map.of()));
    }

    private static ChatThread tieThread(String id, Instant createdAt) {
        return ChatThread.builder().id(id).title("tie " + id).createdAt(createdAt).attributes(mapOf("tie", true))
                .source(ThreadSource.of("tie")).build();
    }

    @Test
    default void theStoreStampsUpdatedAtFromItsClock() {
        SettableClock clock = new SettableClock(TIE);
        try (ThreadStore store = storeWithClock(clock)) {
            ChatThread saved = store.save(tieThread("stamped", Instant.parse("2020-01-01T00:00:00Z")));
            clock.set(TIE.plusSeconds(60));
            store.append("stamped", List.of(Message.user("later")));

            assertThat(saved.updatedAt()).as("save stamps the clock's instant").isEqualTo(TIE);
            assertThat(store.get("stamped").orElseThrow().updatedAt()).as("append stamps the clock's instant")
                    .isEqualTo(TIE.plusSeconds(60));
        }
    }

    @Test
    default void threadsUpdatedAtTheSameInstantAreOrderedByCreatedAtDescending() {
        SettableClock clock = new SettableClock(TIE);
        try (ThreadStore store = storeWithClock(clock)) {
            List<Instant> created = List.of(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"),
                    Instant.parse("2024-05-01T00:00:00.000001Z"), Instant.parse("2024-05-01T00:00:00Z"),
                    Instant.parse("2023-12-31T23:59:59.999999Z"));
            List<String> ids = List.of("c-mar", "a-jan", "e-may-plus", "d-may", "b-dec");
            for (int i = 0; i < ids.size(); i++) {
                store.save(tieThread(ids.get(i), created.get(i)));
            }

            listings(store, ids.size()).forEach((name, listing) -> assertThat(ids(listing))
                    .as("%s: equal updatedAt, so createdAt descending (not ascending, not by id)", name)
                    .containsExactly("e-may-plus", "d-may", "c-mar", "a-jan", "b-dec"));
        }
    }

    @Test
    default void threadsEqualOnBothTimesAreOrderedByIdInCodePointOrder() {
        SettableClock clock = new SettableClock(TIE);
        try (ThreadStore store = storeWithClock(clock)) {
            Instant created = Instant.parse("2024-01-01T00:00:00Z");
            List<String> ids = List.of("m", "b", "x\uE000", "x\uD83D\uDE00", "B", "ab", "a", "é", "x\uFFFD", "z",
                    "x\uD800\uDC00", "a b", "x");
            for (String id : ids) {
                store.save(tieThread(id, created));
            }
            List<String> expected = new ArrayList<>(ids);
            expected.sort(CODE_POINT_ORDER);

            listings(store, ids.size()).forEach((name, listing) -> assertThat(ids(listing))
                    .as("%s: equal updatedAt and createdAt, so id ascending in code point order "
                            + "(U+E000 and U+FFFD before U+10000 and U+1F600)", name)
                    .containsExactlyElementsOf(expected));
        }
    }

    @Test
    default void updatedAtDecidesBeforeCreatedAtAndId() {
        SettableClock clock = new SettableClock(TIE);
        try (ThreadStore store = storeWithClock(clock)) {
            store.save(tieThread("a-old-created-late", Instant.parse("2024-12-01T00:00:00Z")));
            clock.set(TIE.plusNanos(1000));
            store.save(tieThread("z-new-created-early", Instant.parse("2024-01-01T00:00:00Z")));
            clock.set(TIE.plusNanos(2000));
            store.save(tieThread("m-newest", Instant.parse("2024-06-01T00:00:00Z")));
            clock.set(TIE.plusNanos(3000));
            store.append("a-old-created-late", List.of(user("bump", "moves it to the front")));

            listings(store, 3).forEach((name, listing) -> assertThat(ids(listing))
                    .as("%s: updatedAt descending first, one microsecond apart", name)
                    .containsExactly("a-old-created-late", "m-newest", "z-new-created-early"));
        }
    }

    @Test
    default void theMessageIdLookupBreaksTiesLikeTheListings() {
        SettableClock clock = new SettableClock(TIE);
        try (ThreadStore store = storeWithClock(clock)) {
            Instant created = Instant.parse("2024-01-01T00:00:00Z");
            store.save(tieThread("b", created).withMessage(user("shared", "in b")));
            store.save(tieThread("a", created).withMessage(user("shared", "in a")));
            store.save(tieThread("c", Instant.parse("2024-02-01T00:00:00Z")).withMessage(user("other", "in c")));
            store.save(tieThread("d", created).withMessage(user("other", "in d")));

            assertThat(store.getThreadByMessageId("shared")).as("equal times: the lower id, as listed first")
                    .map(ChatThread::id).contains("a");
            assertThat(store.getThreadByMessageId("other")).as("equal updatedAt: the later createdAt, as listed first")
                    .map(ChatThread::id).contains("c");
        }
    }
}
