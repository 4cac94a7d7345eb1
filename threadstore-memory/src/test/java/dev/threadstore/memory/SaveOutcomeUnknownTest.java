package dev.threadstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.StorageException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import dev.threadstore.tck.FileStoreContract.FileSamples;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code save(thread, fileStore)} when the database cannot say whether the save committed (the connection
 * broke during the commit): a fault no real database here can be made to produce on demand, so a wrapper
 * around the memory store throws from {@code save} after (or instead of) delegating.
 */
class SaveOutcomeUnknownTest {

    @TempDir
    Path dir;

    /** What the wrapper does on {@code save(ChatThread)}. */
    private enum Fault { COMMIT_THEN_FAIL, FAIL_BEFORE_COMMIT }

    /** A store whose {@code save(ChatThread)} fails with the exception; gets fail too when {@code getFails}. */
    private static ThreadStore faulty(ThreadStore real, Fault fault, Supplier<RuntimeException> failure, boolean getFails) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (isSave(method) && args.length == 1) {
                if (fault == Fault.COMMIT_THEN_FAIL) {
                    real.save((ChatThread) args[0]);
                }
                throw failure.get();
            }
            if (method.isDefault() && isSave(method)) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (getFails && method.getName().equals("get")) {
                throw new StoreUnavailableException("connection refused");
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (ThreadStore) Proxy.newProxyInstance(ThreadStore.class.getClassLoader(), new Class<?>[] {ThreadStore.class},
                handler);
    }

    private static boolean isSave(Method method) {
        return method.getName().equals("save");
    }

    private static StoreUnavailableException connectionLost() {
        return new StoreUnavailableException("I/O error during commit: connection reset");
    }

    private static StorageException brokenConnection() {
        return new StorageException("Could not save", new SQLException("An I/O error occurred", "08006"));
    }

    private FileStore files() {
        return FileStore.create(dir.resolve("files").toString());
    }

    private static ChatThread withFile() {
        return ChatThread.create().withMessage(Message.user("file").withAttachment(FileSamples.pdf(), "a.pdf"));
    }

    @Test
    void aSaveThatCommittedBeforeTheConnectionBrokeReturnsTheStoredThreadAndKeepsItsFile() {
        try (ThreadStore real = ThreadStore.create("memory:"); FileStore files = files()) {
            ThreadStore store = faulty(real, Fault.COMMIT_THEN_FAIL, SaveOutcomeUnknownTest::connectionLost, false);

            ChatThread saved = store.save(withFile(), files);

            Attachment a = saved.messages().get(0).attachments().get(0);
            assertThat(files.get(a.fileId(), a.storagePath())).as("the committed row's file").isEqualTo(FileSamples.pdf());
            assertThat(real.get(saved.id())).contains(saved);
        }
    }

    @Test
    void aBrokenConnectionReportedAsAStorageErrorIsCheckedTheSameWay() {
        try (ThreadStore real = ThreadStore.create("memory:"); FileStore files = files()) {
            ThreadStore store = faulty(real, Fault.COMMIT_THEN_FAIL, SaveOutcomeUnknownTest::brokenConnection, false);

            ChatThread saved = store.save(withFile(), files);

            Attachment a = saved.messages().get(0).attachments().get(0);
            assertThat(files.get(a.fileId(), a.storagePath())).isEqualTo(FileSamples.pdf());
        }
    }

    @Test
    void aSaveThatDidNotCommitDeletesItsFilesAndRethrows() {
        try (ThreadStore real = ThreadStore.create("memory:"); FileStore files = files()) {
            ThreadStore store = faulty(real, Fault.FAIL_BEFORE_COMMIT, SaveOutcomeUnknownTest::brokenConnection, false);
            ChatThread thread = withFile();

            assertThatThrownBy(() -> store.save(thread, files)).isInstanceOf(StorageException.class)
                    .hasMessage("Could not save");

            assertThat(real.get(thread.id())).isEmpty();
            assertThat(files.fileCount()).isZero();
        }
    }

    @Test
    void whenTheOutcomeCannotBeToldTheFilesAreKeptAndTheErrorSaysSo() {
        try (ThreadStore real = ThreadStore.create("memory:"); FileStore files = files()) {
            ThreadStore store = faulty(real, Fault.COMMIT_THEN_FAIL, SaveOutcomeUnknownTest::connectionLost, true);
            ChatThread thread = withFile();

            assertThatThrownBy(() -> store.save(thread, files)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("may or may not have committed").hasMessageContaining("were kept")
                    .hasMessageContaining(files.listFiles().get(0));

            assertThat(files.fileCount()).as("the committed row still finds its file").isEqualTo(1);
            Attachment a = real.get(thread.id()).orElseThrow().messages().get(0).attachments().get(0);
            assertThat(files.get(a.fileId(), a.storagePath())).isEqualTo(FileSamples.pdf());
        }
    }

    @Test
    void aFailureThatIsNotAboutTheConnectionDeletesTheFilesAtOnce() {
        try (ThreadStore real = ThreadStore.create("memory:"); FileStore files = files()) {
            ThreadStore store = faulty(real, Fault.FAIL_BEFORE_COMMIT,
                    () -> new StorageException("value too long for column", new SQLException("too long", "22001")), true);

            assertThatThrownBy(() -> store.save(withFile(), files)).isInstanceOf(StorageException.class)
                    .hasMessage("value too long for column");

            assertThat(files.fileCount()).isZero();
        }
    }
}
