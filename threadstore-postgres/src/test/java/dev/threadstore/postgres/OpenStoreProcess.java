package dev.threadstore.postgres;

import dev.threadstore.ChatThread;
import dev.threadstore.ThreadStore;

/**
 * A separate JVM that opens a store, saves one thread and exits 0; any failure exits 1 with the stack
 * trace on stderr. {@link PostgresThreadStoreTest} starts two of them at once against an empty schema.
 */
final class OpenStoreProcess {

    private OpenStoreProcess() {
    }

    public static void main(String[] args) {
        try (ThreadStore store = ThreadStore.create(args[0])) {
            store.save(ChatThread.create());
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
