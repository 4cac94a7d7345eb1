package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.everyField;
import static dev.threadstore.tck.Samples.ids;
import static dev.threadstore.tck.Samples.letClockAdvance;
import static dev.threadstore.tck.Samples.mapOf;
import static dev.threadstore.tck.Samples.thread;
import static dev.threadstore.tck.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What a store writes is still there after it is closed and opened again at the same URL: threads saved,
 * edited, appended to and deleted, with their versions, timestamps, sequences and every index a query uses.
 * The store is opened with {@link StoreFixture#reopen(String)} at a URL from {@link StoreFixture#uri()}, both
 * times; a backend that keeps nothing across a close (memory, SQLite {@code :memory:}) skips these tests.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface DurabilityContract extends StoreFixture {

    private ThreadStore openAt(String url) {
        return reopen(url).orElseGet(() -> {
            Assumptions.abort("the fixture's reopen(uri) is not implemented: the backend keeps nothing across a close, "
                    + "so nothing checks that data survives closing and reopening the store");
            throw new AssertionError("unreachable");
        });
    }

    @Test
    default void everythingWrittenIsThereAfterReopening() {
        String url = uri();
        List<ChatThread> before;
        ChatThread edited;
        try (ThreadStore store = openAt(url)) {
            ChatThread full = store.save(thread("full", everyField(Role.SYSTEM, "s"), everyField(Role.USER, "u"),
                    everyField(Role.ASSISTANT, "a"), everyField(Role.TOOL, "t"))
                    .withAttribute("team", "red").withSource(new ThreadSource("slack", mapOf("channel", "C1"))));
            letClockAdvance();
            List<Message> messages = new ArrayList<>(full.messages());
            messages.remove(0);
            messages.set(0, messages.get(0).toBuilder().content("edited").attributes(mapOf("n", 1.0)).build());
            edited = store.save(full.toBuilder().messages(messages).title(null).build());
            letClockAdvance();
            store.append("full", List.of(user("appended", "after the edit")));
            store.save(thread("doomed", user("d1", "to be deleted")).withAttribute("team", "red"));
            letClockAdvance();
            store.save(thread("other", user("o1", "stays")).withAttribute("team", "blue"));
            assertThat(store.delete("doomed")).isTrue();
            before = store.listRecent();
        }

        try (ThreadStore reopened = openAt(url)) {
            assertThat(reopened.listRecent()).as("every thread, field by field, in the same order").isEqualTo(before);
            ChatThread full = reopened.get("full").orElseThrow();
            assertThat(full.version()).as("save, save, append").isEqualTo(3);
            assertThat(full.title()).isNull();
            assertThat(full.messages()).as("the edit and the append").hasSize(4).startsWith(edited.messages().toArray(new Message[0]));
            assertThat(full.message("s")).as("the removed message").isEmpty();
            assertThat(reopened.get("doomed")).as("the deleted thread").isEmpty();
            assertThat(reopened.getThreadByMessageId("d1")).isEmpty();
            assertThat(reopened.getThreadByMessageId("appended")).map(ChatThread::id).contains("full");
            assertThat(ids(reopened.findByAttributes(mapOf("team", "red")))).containsExactly("full");
            assertThat(ids(reopened.findBySource("slack", mapOf("channel", "C1")))).containsExactly("full");
        }
    }

    @Test
    default void versionsAndSequencesContinueAfterReopening() {
        String url = uri();
        ChatThread stale;
        try (ThreadStore store = openAt(url)) {
            stale = store.save(thread("cont", user("a", "a"), user("b", "b")));
            store.append("cont", List.of(user("c", "c")));
        }

        try (ThreadStore reopened = openAt(url)) {
            assertThatThrownBy(() -> reopened.save(stale.withTitle("stale"))).as("a copy from before the append")
                    .isInstanceOf(ConcurrentUpdateException.class);
            assertThatThrownBy(() -> reopened.save(thread("cont", "recreate"))).as("a version-0 save of a stored id")
                    .isInstanceOf(ConcurrentUpdateException.class);
            assertThat(reopened.append("cont", List.of(user("c", "c")))).as("a retry is still recognised")
                    .extracting(Message::sequence).containsExactly(3);
            assertThat(reopened.append("cont", List.of(user("d", "d")))).extracting(Message::sequence).containsExactly(4);
            ChatThread current = reopened.get("cont").orElseThrow();
            assertThat(reopened.save(current.withTitle("after reopen")).version()).isEqualTo(current.version() + 1);
        }

        try (ThreadStore again = openAt(url)) {
            ChatThread last = again.get("cont").orElseThrow();
            assertThat(last.title()).as("writes made after a reopen survive the next one").isEqualTo("after reopen");
            assertThat(last.version()).isEqualTo(4);
            assertThat(last.messages()).extracting(Message::id).containsExactly("a", "b", "c", "d");
            assertThat(again.findByAttributes(Map.of())).hasSize(1);
        }
    }
}
