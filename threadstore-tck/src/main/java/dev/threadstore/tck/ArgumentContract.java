package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.thread;
import static dev.threadstore.tck.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Programmer errors and lifecycle: a null argument throws {@link NullPointerException} whose message names
 * the argument, every method of a closed store throws {@link IllegalStateException} (whatever its words),
 * {@code close} is idempotent, and no list a store returns can be modified by the caller. (Records are
 * immutable by construction, so nothing here checks them.)
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface ArgumentContract extends StoreFixture {

    private static void assertNullRejected(String argument, ThrowingCallable call) {
        assertThatThrownBy(call).as("null %s", argument).isInstanceOf(NullPointerException.class)
                .hasMessageContaining(argument);
    }

    @Test
    // Passes null on purpose: the contract is a NullPointerException naming the argument.
    @SuppressWarnings("NullAway")
    default void aNullThreadIsRejectedNamingTheArgument() {
        try (ThreadStore store = newStore()) {
            assertNullRejected("thread", () -> store.save(null));
            assertNullRejected("thread", () -> store.save(null, new UnusableFileStore()));
        }
    }

    @Test
    // Passes null on purpose: the contract is a NullPointerException naming the argument.
    @SuppressWarnings("NullAway")
    default void aNullThreadIdIsRejectedNamingTheArgument() {
        try (ThreadStore store = newStore()) {
            assertNullRejected("threadId", () -> store.get(null));
            assertNullRejected("threadId", () -> store.delete(null));
            assertNullRejected("threadId", () -> store.delete(null, new UnusableFileStore()));
            assertNullRejected("threadId", () -> store.append(null, List.of(Message.user("x"))));
        }
    }

    @Test
    default void aLookupKeyThatIsNotValidUnicodeIsRejectedAndReachesNoOtherThread() {
        try (ThreadStore store = newStore()) {
            store.save(thread("?", "a thread whose id a driver's replacement character would hit"));
            String lone = "\uD800";

            for (ThrowingCallable call : List.<ThrowingCallable>of(
                    () -> store.get(lone),
                    () -> store.delete(lone),
                    () -> store.append(lone, List.of(Message.user("smuggled"))),
                    () -> store.getThreadByMessageId(lone),
                    () -> store.findBySource(lone, Map.of()))) {
                assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(store.get("?").orElseThrow().messages()).as("the thread '?' is untouched").isEmpty();
        }
    }

    @Test
    // Passes null on purpose: the contract is a NullPointerException naming the argument.
    @SuppressWarnings("NullAway")
    default void nullMessagesAreRejected() {
        try (ThreadStore store = newStore()) {
            store.save(thread("t", "t"));

            assertNullRejected("messages", () -> store.append("t", null));
            assertThatThrownBy(() -> store.append("t", Arrays.asList(Message.user("ok"), null)))
                    .as("a null element in the messages").isInstanceOf(NullPointerException.class);
            assertThat(store.get("t").orElseThrow().messages()).as("nothing appended").isEmpty();
        }
    }

    @Test
    // Passes null on purpose: the contract is a NullPointerException naming the argument.
    @SuppressWarnings("NullAway")
    default void nullQueryArgumentsAreRejectedNamingTheArgument() {
        try (ThreadStore store = newStore()) {
            assertNullRejected("attributes", () -> store.findByAttributes(null));
            assertNullRejected("sourceName", () -> store.findBySource(null, Map.of()));
            assertNullRejected("properties", () -> store.findBySource("slack", null));
            assertNullRejected("messageId", () -> store.getThreadByMessageId(null));
        }
    }

    @Test
    // Passes null on purpose: the contract is a NullPointerException naming the argument.
    @SuppressWarnings("NullAway")
    default void aNullFileStoreTypeOrExecutorIsRejectedNamingTheArgument() {
        try (ThreadStore store = newStore()) {
            assertNullRejected("fileStore", () -> store.save(thread("t", "t"), (FileStore) null));
            assertNullRejected("fileStore", () -> store.delete("t", null));
            assertNullRejected("type", () -> store.unwrap(null));
            assertNullRejected("executor", () -> store.async(null));
            assertThat(store.get("t")).as("the save with a null file store wrote nothing").isEmpty();
        }
    }

    @Test
    default void everyMethodOfAClosedStoreThrowsIllegalState() {
        ThreadStore store = newStore();
        ChatThread saved = store.save(thread("before-close", user("m", "m")));
        store.close();

        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("save(thread)", () -> store.save(saved));
        calls.put("save(thread, fileStore)", () -> store.save(saved, new UnusableFileStore()));
        calls.put("get", () -> store.get("before-close"));
        calls.put("delete(id)", () -> store.delete("before-close"));
        calls.put("delete(id, fileStore)", () -> store.delete("before-close", new UnusableFileStore()));
        calls.put("list(limit, offset)", () -> store.list(10, 0));
        calls.put("list()", store::list);
        calls.put("findByAttributes", () -> store.findByAttributes(Map.of()));
        calls.put("findBySource", () -> store.findBySource("slack", Map.of()));
        calls.put("listRecent(limit)", () -> store.listRecent(10));
        calls.put("listRecent()", store::listRecent);
        calls.put("getThreadByMessageId", () -> store.getThreadByMessageId("m"));
        calls.put("append", () -> store.append("before-close", List.of(Message.user("late"))));
        calls.put("databaseUrl", store::databaseUrl);
        calls.put("dataSource", store::dataSource);
        calls.put("unwrap", () -> store.unwrap(Object.class));
        calls.forEach((name, call) -> assertThatThrownBy(call).as("%s after close()", name)
                .isInstanceOf(IllegalStateException.class));
    }

    @Test
    default void theAsyncViewOfAClosedStoreFailsItsFutures() {
        ThreadStore store = newStore();
        store.close();

        assertThatThrownBy(() -> store.async().get("x").get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    default void closeIsIdempotent() {
        ThreadStore store = newStore();
        store.save(thread("t", "t"));

        store.close();
        assertThatCode(store::close).as("a second close()").doesNotThrowAnyException();
        assertThatCode(store::close).as("a third close()").doesNotThrowAnyException();
    }

    @Test
    default void listingsAndQueryResultsCannotBeModified() {
        try (ThreadStore store = newStore()) {
            ChatThread t = store.save(thread("imm", user("m", "m")).withAttribute("k", "v"));
            ChatThread other = thread("other", "o");

            assertUnmodifiable("list(limit, offset)", store.list(10, 0), other);
            assertUnmodifiable("list()", store.list(), other);
            assertUnmodifiable("listRecent()", store.listRecent(), other);
            assertUnmodifiable("listRecent(limit)", store.listRecent(5), other);
            assertUnmodifiable("findByAttributes", store.findByAttributes(Map.of("k", "v")), other);
            assertUnmodifiable("findBySource", store.findBySource("none", Map.of()), other);
            assertUnmodifiable("empty list(0, 0)", store.list(0, 0), other);
            assertThat(store.get("imm")).as("the stored thread is unchanged").contains(t);
        }
    }

    @Test
    default void theListAppendReturnsCannotBeModified() {
        try (ThreadStore store = newStore()) {
            store.save(thread("imm", user("m", "m")));

            List<Message> appended = store.append("imm", List.of(Message.user("more")));
            List<Message> retried = store.append("imm", appended);

            assertUnmodifiable("append() result", appended, appended.get(0));
            assertUnmodifiable("append() result of a retry", retried, appended.get(0));
            assertUnmodifiable("append() result of an empty call", store.append("imm", List.of()), appended.get(0));
            assertThat(store.get("imm").orElseThrow().messages()).hasSize(2);
        }
    }

    private static <T> void assertUnmodifiable(String what, List<T> list, T element) {
        assertThatThrownBy(() -> list.add(element)).as("%s must return an unmodifiable list", what)
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
