package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.LIST_ORDER;
import static dev.threadstore.tck.Samples.ids;
import static dev.threadstore.tck.Samples.letClockAdvance;
import static dev.threadstore.tck.Samples.mapOf;
import static dev.threadstore.tck.Samples.thread;
import static dev.threadstore.tck.Samples.threadWithAttributes;
import static dev.threadstore.tck.Samples.threadWithSource;
import static dev.threadstore.tck.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadStore#findByAttributes}, {@link ThreadStore#findBySource} and
 * {@link ThreadStore#getThreadByMessageId}: typed JSON equality ({@code 42} is {@code 42L} is
 * {@code 42.0} but never {@code "42"}; {@code true} is not {@code 1}; {@code null} is "missing or JSON
 * null"; maps and lists structural), AND over keys, hostile keys that are data and never SQL, and
 * results in list order.
 *
 * <p>The reference for every match is {@link dev.threadstore.spi.JsonValues#matches}; a backend that
 * narrows candidates with an index and then verifies with it passes these tests.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface QueryContract extends StoreFixture {

    /** Saves one thread per value, with id {@code prefix-i} and attribute {@code key} set to value i. */
    private static void saveEach(ThreadStore store, String key, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            store.save(threadWithAttributes("v" + i, mapOf(key, values.get(i))));
        }
    }

    private static List<String> found(ThreadStore store, String key, Object value) {
        return ids(store.findByAttributes(mapOf(key, value)));
    }

    @Test
    default void anIntegerQueryMatchesEqualLongsAndWholeDoublesButNotStrings() {
        try (ThreadStore store = newStore()) {
            saveEach(store, "n", List.of(42L, 42.0, "42", 42.5, 43L, true));
            // v0 = 42L, v1 = 42.0, v2 = "42", v3 = 42.5, v4 = 43, v5 = true

            for (Object query : List.of(42, 42L, 42.0, (short) 42, new java.math.BigDecimal("42.000"))) {
                assertThat(found(store, "n", query)).as("query n = %s (%s)", query, query.getClass().getSimpleName())
                        .containsExactlyInAnyOrder("v0", "v1");
            }
        }
    }

    @Test
    default void aStringQueryNeverMatchesANumber() {
        try (ThreadStore store = newStore()) {
            saveEach(store, "n", List.of(42L, 42.0, "42", "42.0"));

            assertThat(found(store, "n", "42")).as("\"42\" matches only the string \"42\"").containsExactly("v2");
            assertThat(found(store, "n", "42.0")).containsExactly("v3");
        }
    }

    @Test
    default void aDecimalQueryMatchesOnlyThatValue() {
        try (ThreadStore store = newStore()) {
            saveEach(store, "x", List.of(42.5, 42L, 42.50000001, 0.1));

            assertThat(found(store, "x", 42.5)).containsExactly("v0");
            assertThat(found(store, "x", 0.1)).as("0.1 compares equal to itself after a round trip").containsExactly("v3");
        }
    }

    @Test
    default void booleansAreNotNumbersOrStrings() {
        try (ThreadStore store = newStore()) {
            saveEach(store, "b", List.of(true, false, 1L, 0L, "true", "false"));

            assertThat(found(store, "b", true)).as("true matches only true, not 1 or \"true\"").containsExactly("v0");
            assertThat(found(store, "b", false)).as("false matches only false, not 0").containsExactly("v1");
            assertThat(found(store, "b", 1)).as("1 does not match true").containsExactly("v2");
            assertThat(found(store, "b", 0)).containsExactly("v3");
        }
    }

    @Test
    default void aNullQueryValueMatchesAMissingKeyOrAJsonNull() {
        try (ThreadStore store = newStore()) {
            store.save(threadWithAttributes("missing", mapOf("other", 1L)));
            store.save(threadWithAttributes("json-null", mapOf("k", null)));
            store.save(threadWithAttributes("empty-string", mapOf("k", "")));
            store.save(threadWithAttributes("false", mapOf("k", false)));
            store.save(threadWithAttributes("zero", mapOf("k", 0L)));
            store.save(threadWithAttributes("null-text", mapOf("k", "null")));
            store.save(threadWithAttributes("empty-list", mapOf("k", List.of())));

            assertThat(ids(store.findByAttributes(mapOf("k", null)))).as("k = null")
                    .containsExactlyInAnyOrder("missing", "json-null");
        }
    }

    @Test
    default void nestedMapsCompareStructurally() {
        try (ThreadStore store = newStore()) {
            saveEach(store, "m", List.of(mapOf("a", 1L, "b", mapOf("c", List.of("x"))), mapOf("a", 1L),
                    mapOf("a", 1L, "b", mapOf("c", List.of("x")), "extra", true), mapOf("b", mapOf("c", List.of("x")), "a", 1.0)));

            assertThat(found(store, "m", mapOf("b", mapOf("c", List.of("x")), "a", 1)))
                    .as("equal maps match whatever their key order; a subset or superset does not")
                    .containsExactlyInAnyOrder("v0", "v3");
            assertThat(found(store, "m", mapOf("a", 1L))).as("a map query is equality, not containment")
                    .containsExactly("v1");
        }
    }

    @Test
    default void listsCompareElementByElementInOrder() {
        try (ThreadStore store = newStore()) {
            saveEach(store, "l", List.of(List.of(1L, 2L), List.of(2L, 1L), List.of(1L, 2L, 3L), List.of(1.0, 2.0),
                    List.of(), List.of(mapOf("k", "v"))));

            assertThat(found(store, "l", List.of(1, 2))).containsExactlyInAnyOrder("v0", "v3");
            assertThat(found(store, "l", List.of(1L))).as("a list query is equality, not containment").isEmpty();
            assertThat(found(store, "l", List.of())).containsExactly("v4");
            assertThat(found(store, "l", List.of(mapOf("k", "v")))).containsExactly("v5");
        }
    }

    @Test
    default void aMultiKeyQueryMatchesOnlyThreadsMatchingEveryKey() {
        try (ThreadStore store = newStore()) {
            store.save(threadWithAttributes("both", mapOf("team", "red", "priority", 1L, "x", "y")));
            store.save(threadWithAttributes("team-only", mapOf("team", "red", "priority", 2L)));
            store.save(threadWithAttributes("priority-only", mapOf("team", "blue", "priority", 1L)));
            store.save(threadWithAttributes("neither", mapOf("other", true)));

            assertThat(ids(store.findByAttributes(mapOf("team", "red", "priority", 1)))).containsExactly("both");
            assertThat(ids(store.findByAttributes(mapOf("team", "red", "priority", 1, "absent", null))))
                    .as("with a null condition too").containsExactly("both");
        }
    }

    @Test
    default void anEmptyQueryReturnsEveryThreadInListOrder() {
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < 5; i++) {
                store.save(threadWithAttributes("t" + i, i % 2 == 0 ? mapOf("even", true) : Map.of()));
            }

            List<ChatThread> all = store.findByAttributes(Map.of());

            assertThat(ids(all)).isEqualTo(ids(store.listRecent()));
            assertThat(all).hasSize(5);
        }
    }

    @Test
    default void matchesComeInListOrder() {
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < 6; i++) {
                store.save(threadWithAttributes("o" + i, mapOf("group", "g")));
                letClockAdvance();
            }
            store.save(store.get("o2").orElseThrow().withTitle("touched"));

            List<ChatThread> found = store.findByAttributes(mapOf("group", "g"));

            assertThat(ids(found)).as("most recently updated first").startsWith("o2", "o5", "o4");
            assertThat(found).isSortedAccordingTo(LIST_ORDER);
            assertThat(found.get(0)).as("results are whole threads").isEqualTo(store.get("o2").orElseThrow());
        }
    }

    @Test
    default void aQueryValueThatIsNotJsonIsRejected() {
        try (ThreadStore store = newStore()) {
            store.save(threadWithAttributes("t", mapOf("k", "v")));

            assertThatThrownBy(() -> store.findByAttributes(mapOf("k", Instant.EPOCH)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.findBySource("slack", mapOf("k", new Object())))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    default void aDottedKeyIsALiteralKeyNotAPath() {
        try (ThreadStore store = newStore()) {
            store.save(threadWithAttributes("nested", mapOf("a", mapOf("b", 1L))));
            store.save(threadWithAttributes("dotted", mapOf("a.b", 1L)));
            store.save(threadWithAttributes("array", mapOf("a[0]", 1L, "a", List.of(1L))));

            assertThat(ids(store.findByAttributes(mapOf("a.b", 1)))).containsExactly("dotted");
            assertThat(ids(store.findByAttributes(mapOf("a[0]", 1)))).containsExactly("array");
            assertThat(ids(store.findByAttributes(mapOf("a", mapOf("b", 1))))).containsExactly("nested");
        }
    }

    @Test
    default void hostileKeysAreMatchedAsDataAndHarmNothing() {
        List<String> keys = List.of("'", "\"", "'; DROP TABLE threads; --", "\"; DROP TABLE messages; --",
                "a.b.c", "$", "$.a", "$[0]", "", " ", "%", "_", "\\", "\\\\'", "{a}", "?", ":k", "key with spaces",
                "\u0000", "#{x}", "${x}", "-- comment", "/* c */", "k'); DELETE FROM threads; --",
                Samples.repeat('k', 1000));
        try (ThreadStore store = newStore()) {
            for (int i = 0; i < keys.size(); i++) {
                store.save(threadWithAttributes("h" + i, mapOf(keys.get(i), "value " + i)));
            }

            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                assertThat(found(store, key, "value " + i)).as("key %s", Samples.abbreviate(key)).containsExactly("h" + i);
                assertThat(found(store, key, "value " + ((i + 1) % keys.size()))).as("key %s, another value",
                        Samples.abbreviate(key)).isEmpty();
            }
            assertThat(store.listRecent()).as("every thread is still there").hasSize(keys.size());
            assertThat(store.get("h2").orElseThrow().attributes()).containsEntry("'; DROP TABLE threads; --", "value 2");
        }
    }

    @Test
    default void wildcardAndQuoteCharactersInValuesAreLiteral() {
        try (ThreadStore store = newStore()) {
            saveEach(store, "v", List.of("abc", "a%", "a_c", "it's", "say \"hi\"", "back\\slash", "*", ".*"));

            assertThat(found(store, "v", "a%")).as("%% is not a LIKE wildcard", "").containsExactly("v1");
            assertThat(found(store, "v", "a_c")).as("_ is not a LIKE wildcard").containsExactly("v2");
            assertThat(found(store, "v", "it's")).containsExactly("v3");
            assertThat(found(store, "v", "say \"hi\"")).containsExactly("v4");
            assertThat(found(store, "v", "back\\slash")).containsExactly("v5");
            assertThat(found(store, "v", "*")).containsExactly("v6");
            assertThat(found(store, "v", ".*")).as("not a regular expression").containsExactly("v7");
            assertThat(found(store, "v", "ABC")).as("string matches are case-sensitive").isEmpty();
        }
    }

    @Test
    default void queriesSeeTheLatestSavedAttributes() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(threadWithAttributes("moving", mapOf("status", "open")));

            store.save(v1.withAttribute("status", "closed"));

            assertThat(ids(store.findByAttributes(mapOf("status", "open")))).as("the old value no longer matches").isEmpty();
            assertThat(ids(store.findByAttributes(mapOf("status", "closed")))).containsExactly("moving");
        }
    }

    @Test
    default void findBySourceMatchesTheNameAndEveryGivenProperty() {
        try (ThreadStore store = newStore()) {
            store.save(threadWithSource("s1", new ThreadSource("slack", mapOf("channel", "C1", "thread_ts", "1.5"))));
            store.save(threadWithSource("s2", new ThreadSource("slack", mapOf("channel", "C2", "thread_ts", "1.5"))));
            store.save(threadWithSource("e1", new ThreadSource("email", mapOf("channel", "C1"))));
            store.save(threadWithAttributes("plain", mapOf("channel", "C1")));

            assertThat(ids(store.findBySource("slack", mapOf("channel", "C1")))).containsExactly("s1");
            assertThat(ids(store.findBySource("slack", mapOf("channel", "C1", "thread_ts", "1.5")))).containsExactly("s1");
            assertThat(ids(store.findBySource("email", mapOf("channel", "C1")))).containsExactly("e1");
            assertThat(ids(store.findBySource("slack", mapOf("channel", "C3")))).isEmpty();
            assertThat(ids(store.findBySource("discord", Map.of()))).isEmpty();
            assertThat(ids(store.findBySource("SLACK", Map.of()))).as("source names are case-sensitive").isEmpty();
        }
    }

    @Test
    default void findBySourceWithNoPropertiesReturnsEveryThreadOfThatSourceInListOrder() {
        try (ThreadStore store = newStore()) {
            store.save(threadWithSource("a", new ThreadSource("slack", mapOf("channel", "C1"))));
            letClockAdvance();
            store.save(threadWithSource("b", ThreadSource.of("slack")));
            letClockAdvance();
            store.save(threadWithSource("c", ThreadSource.of("email")));
            store.save(thread("d", "no source"));

            List<ChatThread> slack = store.findBySource("slack", Map.of());

            assertThat(ids(slack)).containsExactly("b", "a");
        }
    }

    @Test
    default void threadsWithoutASourceNeverMatchFindBySource() {
        try (ThreadStore store = newStore()) {
            store.save(thread("none", "n").withAttribute("name", "slack"));

            assertThat(store.findBySource("slack", Map.of())).isEmpty();
            assertThat(store.findBySource("slack", mapOf("channel", null)))
                    .as("a null property does not make a source-less thread match").isEmpty();
        }
    }

    @Test
    default void findBySourcePropertiesAreTypedLikeAttributes() {
        try (ThreadStore store = newStore()) {
            store.save(threadWithSource("num", new ThreadSource("slack", mapOf("ts", 123.456, "n", 7L))));
            store.save(threadWithSource("text", new ThreadSource("slack", mapOf("ts", "123.456", "n", "7"))));

            assertThat(ids(store.findBySource("slack", mapOf("ts", 123.456)))).containsExactly("num");
            assertThat(ids(store.findBySource("slack", mapOf("ts", "123.456")))).containsExactly("text");
            assertThat(ids(store.findBySource("slack", mapOf("n", 7.0)))).containsExactly("num");
            assertThat(ids(store.findBySource("slack", mapOf("missing", null)))).containsExactlyInAnyOrder("num", "text");
        }
    }

    @Test
    default void findBySourceSeesSourceChanges() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(threadWithSource("moved", ThreadSource.of("slack")));

            store.save(v1.withSource(new ThreadSource("teams", mapOf("chat", "19:abc"))));

            assertThat(store.findBySource("slack", Map.of())).isEmpty();
            assertThat(ids(store.findBySource("teams", mapOf("chat", "19:abc")))).containsExactly("moved");
        }
    }

    @Test
    default void getThreadByMessageIdFindsTheThreadHoldingTheMessage() {
        try (ThreadStore store = newStore()) {
            ChatThread a = store.save(thread("a", user("a1", "x"), user("a2", "y")));
            store.save(thread("b", user("b1", "z")));

            assertThat(store.getThreadByMessageId("a2")).contains(a);
            assertThat(store.getThreadByMessageId("b1")).map(ChatThread::id).contains("b");
            assertThat(store.getThreadByMessageId("c1")).isEmpty();
            assertThat(store.getThreadByMessageId("a")).as("a thread id is not a message id").isEmpty();
        }
    }

    @Test
    default void theSameMessageIdInTwoThreadsFindsTheMostRecentlyUpdatedOne() {
        try (ThreadStore store = newStore()) {
            ChatThread first = store.save(thread("first", user("shared", "1")));
            letClockAdvance();
            store.save(thread("second", user("shared", "2")));

            assertThat(store.getThreadByMessageId("shared")).map(ChatThread::id).contains("second");

            letClockAdvance();
            store.save(first.withTitle("touched"));
            assertThat(store.getThreadByMessageId("shared")).as("after first is updated again").map(ChatThread::id)
                    .contains("first");
        }
    }

    @Test
    default void aRemovedMessageNoLongerFindsItsThread() {
        try (ThreadStore store = newStore()) {
            ChatThread v1 = store.save(thread("rm", user("keep", "k"), user("drop", "d")));

            store.save(v1.toBuilder().messages(List.of(v1.messages().get(0))).build());

            assertThat(store.getThreadByMessageId("drop")).isEmpty();
            assertThat(store.getThreadByMessageId("keep")).map(ChatThread::id).contains("rm");
        }
    }

    @Test
    default void longsBeyondDoublePrecisionAreComparedExactly() {
        long twoTo53 = 1L << 53;
        try (ThreadStore store = newStore()) {
            List<Object> values = List.of(twoTo53, twoTo53 + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, (double) twoTo53);
            for (int i = 0; i < values.size(); i++) {
                store.save(threadWithAttributes("v" + i, mapOf("n", values.get(i)))
                        .withSource(new ThreadSource("big", mapOf("n", values.get(i)))));
            }

            assertThat(found(store, "n", twoTo53 + 1)).as("2^53 + 1 is not 2^53, though both are the same double")
                    .containsExactly("v1");
            assertThat(found(store, "n", Long.MAX_VALUE)).as("Long.MAX_VALUE is not Long.MAX_VALUE - 1").containsExactly("v2");
            assertThat(found(store, "n", Long.MAX_VALUE - 1)).containsExactly("v3");
            assertThat(found(store, "n", twoTo53)).as("2^53 as a long and as a double are the same number")
                    .containsExactlyInAnyOrder("v0", "v4");
            assertThat(ids(store.findBySource("big", mapOf("n", twoTo53 + 1)))).as("findBySource, 2^53 + 1").containsExactly("v1");
            assertThat(ids(store.findBySource("big", mapOf("n", Long.MAX_VALUE - 1)))).as("findBySource, Long.MAX_VALUE - 1")
                    .containsExactly("v3");
            assertThat(ids(store.findBySource("big", mapOf("n", List.of(twoTo53 + 1))))).isEmpty();
        }
    }

    @Test
    default void findBySourceComparesMapAndListPropertiesStructurallyNotByContainment() {
        try (ThreadStore store = newStore()) {
            store.save(threadWithSource("both", new ThreadSource("slack", mapOf("team", mapOf("id", "T1", "name", "core"),
                    "members", List.of("U1", "U2")))));
            store.save(threadWithSource("small", new ThreadSource("slack", mapOf("team", mapOf("id", "T1"),
                    "members", List.of("U1")))));

            assertThat(ids(store.findBySource("slack", mapOf("team", mapOf("id", "T1"))))).as("a map property is equality, "
                    + "not containment: {id: T1} does not match {id: T1, name: core}").containsExactly("small");
            assertThat(ids(store.findBySource("slack", mapOf("members", List.of("U1"))))).as("a list property is equality, "
                    + "not containment").containsExactly("small");
            assertThat(ids(store.findBySource("slack", mapOf("members", List.of("U2", "U1"))))).as("order matters in a list")
                    .isEmpty();
            assertThat(ids(store.findBySource("slack", mapOf("team", mapOf("name", "core", "id", "T1")))))
                    .as("equal maps match whatever their key order").containsExactly("both");
        }
    }

    @Test
    default void aMessageIdHeldByTwoThreadsIsFoundInTheOtherWhenOneLetsGoOfIt() {
        try (ThreadStore store = newStore()) {
            ChatThread first = store.save(thread("first", user("shared", "1"), user("own-1", "x")));
            letClockAdvance();
            ChatThread second = store.save(thread("second", user("shared", "2")));
            letClockAdvance();
            store.save(thread("third", user("shared", "3")));
            assertThat(store.getThreadByMessageId("shared")).map(ChatThread::id).contains("third");

            store.delete("third");
            assertThat(store.getThreadByMessageId("shared")).as("after the newest holder was deleted")
                    .map(ChatThread::id).contains("second");

            letClockAdvance();
            store.save(second.toBuilder().messages(List.of(user("other", "no longer shared"))).build());
            assertThat(store.getThreadByMessageId("shared")).as("after the next holder removed the message")
                    .contains(store.get("first").orElseThrow());
            assertThat(store.getThreadByMessageId("own-1")).map(ChatThread::id).contains("first");
            assertThat(first.version()).isEqualTo(1);
        }
    }

    @Test
    default void theMessageIdLookupSeesAppendsAndEdits() {
        try (ThreadStore store = newStore()) {
            store.save(thread("looked-up", user("m1", "first")));
            assertThat(store.getThreadByMessageId("m1")).map(ChatThread::version).contains(1L);

            store.append("looked-up", List.of(user("m2", "appended")));
            assertThat(store.getThreadByMessageId("m1")).as("the lookup after an append returns the thread as it is now")
                    .contains(store.get("looked-up").orElseThrow());
            assertThat(store.getThreadByMessageId("m2")).map(ChatThread::version).contains(2L);

            ChatThread current = store.get("looked-up").orElseThrow();
            store.save(current.withTitle("renamed"));
            assertThat(store.getThreadByMessageId("m1")).as("the lookup after a save").map(ChatThread::title).contains("renamed");
            store.append("looked-up", List.of(user("m3", "again")));
            assertThat(store.getThreadByMessageId("m2")).as("the lookup after a second append")
                    .contains(store.get("looked-up").orElseThrow());
        }
    }

    @Test
    default void queryArgumentsAreNotKeptOrModified() {
        try (ThreadStore store = newStore()) {
            store.save(threadWithAttributes("q", mapOf("k", "v")));
            Map<String, Object> query = new LinkedHashMap<>(mapOf("k", "v"));
            List<Message> batch = new ArrayList<>(List.of(Message.user("x")));

            store.findByAttributes(query);
            store.append("q", batch);
            query.put("k", "changed");
            batch.clear();

            assertThat(store.get("q").orElseThrow().messages()).hasSize(1);
            assertThat(ids(store.findByAttributes(mapOf("k", "v")))).containsExactly("q");
        }
    }
}
