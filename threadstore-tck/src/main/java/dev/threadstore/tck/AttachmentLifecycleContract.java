package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.Objects.requireNonNull;

import dev.threadstore.Attachment;
import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.StoredFile;
import dev.threadstore.StoredFileNotFoundException;
import dev.threadstore.ThreadStore;
import dev.threadstore.tck.FileStoreContract.FileSamples;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The life of attachment files across threads: a file is deleted only when no thread references it any
 * more. A stored {@link Attachment} copied into another thread ({@link Message#withAttachment(Attachment)},
 * and {@code fork}) shares its file, so {@link ThreadStore#delete(String, FileStore)} keeps it while the
 * other thread holds it; a save that drops an attachment deletes its file once the save has committed; and
 * {@link ThreadStore#collectOrphans(FileStore, Duration)} removes files no thread references.
 *
 * <p>File stores come from {@link #newFileStore()}; files are counted through the {@link FileStore} API.
 * Part of {@link ThreadStoreContract}.
 */
public interface AttachmentLifecycleContract extends StoreFixture {

    private static Attachment firstAttachment(ChatThread thread) {
        return thread.messages().get(0).attachments().get(0);
    }

    @Test
    default void deletingAThreadKeepsAFileAnotherThreadStillReferences() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread original = store.save(thread("original", Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf")), files);
            Attachment shared = firstAttachment(original);
            store.save(thread("copy", Message.user("forwarded").withAttachment(shared)), files);

            assertThat(store.delete("original", files)).isTrue();

            Attachment copied = firstAttachment(store.get("copy").orElseThrow());
            assertThat(copied).isEqualTo(shared);
            assertThat(files.get(requireNonNull(copied.fileId()), requireNonNull(copied.storagePath())))
                    .as("the file the copy references survives deleting the original").isEqualTo(FileSamples.pdf());
            assertThat(files.listFiles()).containsExactly(shared.storagePath());

            assertThat(store.delete("copy", files)).isTrue();

            assertThat(files.fileCount()).as("deleting the last thread that references it deletes the file").isZero();
            assertThatThrownBy(() -> files.get(requireNonNull(shared.fileId()), requireNonNull(shared.storagePath())))
                    .isInstanceOf(StoredFileNotFoundException.class);
        }
    }

    @Test
    default void deletingAThreadDeletesItsUnsharedFilesAndKeepsTheSharedOnes() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread original = store.save(thread("two", Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf"),
                    Message.user("b").withAttachment(FileSamples.png(), "b.png")), files);
            Attachment shared = firstAttachment(original);
            store.save(thread("holder", Message.user("c").withAttachment(shared)));

            store.delete("two", files);

            assertThat(files.listFiles()).containsExactly(shared.storagePath());
        }
    }

    @Test
    default void aSaveThatRemovesAMessageDeletesItsFileAfterTheCommit() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread saved = store.save(thread("drop", Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf"),
                    Message.user("b").withAttachment(FileSamples.png(), "b.png")), files);
            Attachment kept = saved.messages().get(1).attachments().get(0);

            ChatThread shorter = store.save(saved.toBuilder().messages(List.of(saved.messages().get(1))).build(), files);

            assertThat(shorter.messages()).hasSize(1);
            assertThat(files.listFiles()).as("the removed message's file is gone, the other kept")
                    .containsExactly(kept.storagePath());
        }
    }

    @Test
    default void aSaveThatReplacesAnAttachmentDeletesTheReplacedFile() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread saved = store.save(thread("replace", Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf")), files);
            Message edited = saved.messages().get(0).toBuilder()
                    .attachments(List.of(Attachment.of(FileSamples.png(), "b.png"))).build();

            ChatThread replaced = store.save(saved.toBuilder().messages(List.of(edited)).build(), files);

            assertThat(files.listFiles()).containsExactly(firstAttachment(replaced).storagePath());
            assertThat(store.get("replace")).contains(replaced);
        }
    }

    @Test
    default void aSaveThatDropsAFileAnotherThreadReferencesKeepsIt() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread saved = store.save(thread("dropper", Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf")), files);
            Attachment shared = firstAttachment(saved);
            store.save(thread("keeper", Message.user("k").withAttachment(shared)), files);

            store.save(saved.toBuilder().messages(List.of(Message.user("no more files"))).build(), files);

            assertThat(files.get(requireNonNull(shared.fileId()), requireNonNull(shared.storagePath()))).isEqualTo(FileSamples.pdf());
        }
    }

    @Test
    default void aFailedSaveDeletesNoFileOfTheStoredVersion() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread v1 = store.save(thread("stale", Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf")), files);
            store.save(v1.withTitle("moved on"));

            assertThatThrownBy(() -> store.save(v1.toBuilder().messages(List.of()).build(), files))
                    .isInstanceOf(ConcurrentUpdateException.class);

            Attachment kept = firstAttachment(v1);
            assertThat(files.get(requireNonNull(kept.fileId()), requireNonNull(kept.storagePath()))).isEqualTo(FileSamples.pdf());
        }
    }

    /**
     * A delete with the file store racing a save that adds a file: whichever wins, no file is left behind.
     * (Reading the thread's files before the delete, outside its transaction, missed the file the save added.)
     */
    @Test
    default void deletingWhileASaveAddsAFileLeavesNoFileBehind() throws Exception {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            for (int round = 0; round < 20; round++) {
                String id = "race-" + round;
                ChatThread saved = store.save(thread(id, Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf")), files);
                ChatThread grown = saved.withMessage(Message.user("b").withAttachment(FileSamples.png(), "b.png"));
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<Void> save = CompletableFuture.runAsync(() -> {
                    await(start);
                    try {
                        store.save(grown, files);
                    } catch (ConcurrentUpdateException deletedFirst) {
                        // the delete won: the save's own file was removed by the save
                    }
                });
                CompletableFuture<Boolean> delete = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return store.delete(id, files);
                });
                start.countDown();
                save.get(2, TimeUnit.MINUTES);
                assertThat(delete.get(2, TimeUnit.MINUTES)).isTrue();

                assertThat(store.get(id)).isEmpty();
                assertThat(files.listFiles()).as("round %d: every file of the deleted thread is gone", round).isEmpty();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    default void collectOrphansDeletesOnlyFilesNoThreadReferences() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            ChatThread saved = store.save(thread("owner", Message.user("a").withAttachment(FileSamples.pdf(), "a.pdf")), files);
            StoredFile orphan = files.save(FileSamples.png(), "lost.png", null);
            store.save(thread("unowned", Message.user("b").withAttachment(FileSamples.gif(), "c.gif")), files);
            store.delete("unowned");

            List<String> removed = store.collectOrphans(files, Duration.ZERO);

            assertThat(removed).as("the file stored alone and the file of the thread deleted without its file store")
                    .hasSize(2).contains(orphan.storagePath()).isSorted();
            assertThat(files.listFiles()).containsExactly(firstAttachment(saved).storagePath());
            assertThat(store.collectOrphans(files, Duration.ZERO)).as("nothing left to collect").isEmpty();
        }
    }

    @Test
    default void collectOrphansLeavesFilesYoungerThanTheMinimumAge() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            StoredFile young = files.save(FileSamples.png(), "in-flight.png", null);

            assertThat(store.collectOrphans(files, Duration.ofHours(1)))
                    .as("a file a save may still be about to reference is not taken").isEmpty();
            assertThat(files.listFiles()).containsExactly(young.storagePath());
        }
    }

    @Test
    // Passes null on purpose: the contract is a NullPointerException naming the argument.
    @SuppressWarnings("NullAway")
    default void collectOrphansRejectsANegativeAge() {
        try (ThreadStore store = newStore(); FileStore files = newFileStore()) {
            assertThatThrownBy(() -> store.collectOrphans(files, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minAge");
            assertThatThrownBy(() -> store.collectOrphans(null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        }
    }
}
