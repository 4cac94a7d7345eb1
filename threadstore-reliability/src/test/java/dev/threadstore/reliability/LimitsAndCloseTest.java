package dev.threadstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.ThreadStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Negative and huge limits and offsets, and every method called after close. */
@Order(7)
@ExtendWith(ReliabilityReport.class)
class LimitsAndCloseTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void negativeLimitsAreRejectedAndHugeOnesAreHarmless(Backend backend, Scenario scenario) {
        scenario.describe(Area.LIMITS_AND_CLOSE, "Negative or huge limits and offsets", backend.label());
        try (Stores stores = new Stores(dir)) {
            ThreadStore store = stores.open(backend);
            for (int i = 0; i < 3; i++) {
                store.save(ChatThread.create("t" + i));
            }
            Map<String, Runnable> negative = new LinkedHashMap<>();
            negative.put("list(-1, 0)", () -> store.list(-1, 0));
            negative.put("list(0, -1)", () -> store.list(0, -1));
            negative.put("list(MIN, 0)", () -> store.list(Integer.MIN_VALUE, 0));
            negative.put("list(0, MIN)", () -> store.list(0, Integer.MIN_VALUE));
            negative.put("list(MIN, MIN)", () -> store.list(Integer.MIN_VALUE, Integer.MIN_VALUE));
            negative.put("listRecent(-1)", () -> store.listRecent(-1));
            negative.put("listRecent(MIN)", () -> store.listRecent(Integer.MIN_VALUE));
            scenario.tried("%d negative calls (-1, Integer.MIN_VALUE); 7 calls with Integer.MAX_VALUE or 0 limits/offsets on 3 threads",
                    negative.size());
            negative.forEach((call, r) -> assertThat(catchThrowable(r::run)).as(call).isInstanceOf(IllegalArgumentException.class));
            assertThat(store.list(Integer.MAX_VALUE, 0)).hasSize(3);
            assertThat(store.list(Integer.MAX_VALUE, 2)).hasSize(1);
            assertThat(store.list(1, Integer.MAX_VALUE)).isEmpty();
            assertThat(store.list(Integer.MAX_VALUE, Integer.MAX_VALUE)).isEmpty();
            assertThat(store.list(0, 0)).isEmpty();
            assertThat(store.listRecent(Integer.MAX_VALUE)).hasSize(3);
            assertThat(store.listRecent(0)).isEmpty();
            scenario.found("%d IllegalArgumentException; huge limits returned all 3, huge offsets none, 0 none", negative.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyMethodAfterCloseThrowsIllegalState(Backend backend, Scenario scenario) throws Exception {
        scenario.describe(Area.LIMITS_AND_CLOSE, "Use after close", backend.label());
        try (Stores stores = new Stores(dir);
             FileStore files = FileStore.create(dir.resolve("files").toString())) {
            ThreadStore store = stores.open(backend);
            ChatThread thread = store.save(ChatThread.create().withMessage(Message.user("hi")));
            store.close();
            store.close();
            Map<String, Consumer<ThreadStore>> calls = new LinkedHashMap<>();
            calls.put("save", s -> s.save(thread));
            calls.put("save(fileStore)", s -> s.save(thread, files));
            calls.put("get", s -> s.get(thread.id()));
            calls.put("delete", s -> s.delete(thread.id()));
            calls.put("delete(fileStore)", s -> s.delete(thread.id(), files));
            calls.put("list", s -> s.list(10, 0));
            calls.put("list()", ThreadStore::list);
            calls.put("findByAttributes", s -> s.findByAttributes(Map.of()));
            calls.put("findBySource", s -> s.findBySource("x", Map.of()));
            calls.put("listRecent(n)", s -> s.listRecent(5));
            calls.put("listRecent()", ThreadStore::listRecent);
            calls.put("getThreadByMessageId", s -> s.getThreadByMessageId("m"));
            calls.put("append", s -> s.append(thread.id(), List.of(Message.user("late"))));
            calls.put("databaseUrl", ThreadStore::databaseUrl);
            calls.put("dataSource", ThreadStore::dataSource);
            calls.put("unwrap", s -> s.unwrap(Object.class));
            scenario.tried("%d methods called on a closed store (close() called twice first), plus async().get", calls.size());
            calls.forEach((name, call) -> assertThat(catchThrowable(() -> call.accept(store))).as(name)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed"));
            Throwable async = catchThrowable(() -> store.async().get(thread.id()).get(30, TimeUnit.SECONDS));
            if (async instanceof ExecutionException || async instanceof CompletionException) {
                async = async.getCause();
            }
            assertThat(async).as("async().get").isInstanceOf(IllegalStateException.class);
            store.close();
            scenario.found("%d IllegalStateException (\"ThreadStore is closed\"); close() idempotent", calls.size() + 1);
        }
    }
}
