package dev.threadstore.sql.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.util.List;

/**
 * Write-memo scenarios that need two stores on one database, shared by the SQLite and PostgreSQL write-path tests:
 * each backend opens the stores its own way and runs the same scenario.
 */
public final class RememberedWriteScenarios {

    private RememberedWriteScenarios() {
    }

    /**
     * A write by another store sends the remembering store to the locking path: a save of a copy the other store
     * has overtaken is refused, an append is placed after the other store's, and a title the other store set is kept.
     *
     * @param first the store that writes the thread first and remembers it
     * @param second another store on the same database
     */
    public static void aWriteByAnotherStoreSendsTheRememberingStoreToTheLockingPath(ThreadStore first,
                                                                                    ThreadStore second) {
        ChatThread saved = first.save(ChatThread.create().withMessage(Message.user("a")));
        second.append(saved.id(), List.of(Message.user("b")));
        first.append(saved.id(), List.of(Message.user("c")));
        assertThatThrownBy(() -> first.save(saved.withMessage(Message.user("stale"))))
                .isInstanceOf(ConcurrentUpdateException.class);
        ChatThread current = second.get(saved.id()).orElseThrow();
        assertThat(current.messages()).extracting(Message::content).containsExactly("a", "b", "c");
        assertThat(current.messages()).extracting(Message::sequence).containsExactly(1, 2, 3);
        ChatThread again = first.save(current.withMessage(Message.user("d")));
        second.save(second.get(saved.id()).orElseThrow().withTitle("renamed"));
        assertThatThrownBy(() -> first.save(again.withMessage(Message.user("stale too"))))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(first.get(saved.id()).orElseThrow().title()).isEqualTo("renamed");
    }
}
