package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ThreadStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threads an open starts ahead of time (the native library's, {@link NativeLibraryPreload}, and the MyBatis
 * configuration's, {@code SqlStoreOpener.MapperParse}) change no outcome: a failure in one of them is met again,
 * with the usual typed error, where the open would have met it anyway, and a failed open leaves no thread of its
 * own and no pool behind.
 */
class SqliteOpenThreadsTest {

    @TempDir
    Path dir;

    @Test
    void aFailingPreloadIsSwallowedAndItsThreadEnds() throws Exception {
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.set(e));
        try {
            Thread thread = NativeLibraryPreload.start(() -> {
                throw new UnsatisfiedLinkError("no native library for this test");
            });
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.getName()).isEqualTo(NativeLibraryPreload.THREAD_NAME);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertThat(escaped.get()).as("nothing escapes the preload thread").isNull();
        // the real load still happens where it always did: on the first connection
        try (ThreadStore store = ThreadStore.create("sqlite:" + dir.resolve("after.db"))) {
            assertThat(store.save(ChatThread.create()).version()).isEqualTo(1);
        }
    }

    @Test
    void anOpenRefusedBeforeConnectingLeavesNoThread() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + dir.resolve("missing-dir").resolve("t.db")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + dir.resolve("absent.db") + "?migrate=false"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("migrate=false");
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + dir.resolve("t.db") + "?poolSize=many"))
                .isInstanceOf(StoreConfigurationException.class);
        assertNoNewStoreThreads(before);
    }

    @Test
    void anOpenThatFailsOnTheDatabaseClosesItsPoolAndLeavesNoThread() throws Exception {
        Path notADatabase = dir.resolve("text.db");
        Files.writeString(notADatabase, "this is not a SQLite database, it is a text file long enough to tell. "
                .repeat(20), StandardCharsets.UTF_8);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        assertThatThrownBy(() -> ThreadStore.create("sqlite:" + notADatabase))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining(notADatabase.toString());
        assertNoNewStoreThreads(before);
    }

    /** Waits for every thread started since {@code before} whose name marks it as a store's, then checks it ended. */
    private static void assertNoNewStoreThreads(Set<Thread> before) throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("threadstore-")
                    && !t.getName().equals(NativeLibraryPreload.THREAD_NAME)) {
                started.add(t);
            }
        }
        for (Thread t : started) {
            t.join(10_000);
        }
        assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toList()))
                .as("threads of a failed open still alive").isEmpty();
    }
}
