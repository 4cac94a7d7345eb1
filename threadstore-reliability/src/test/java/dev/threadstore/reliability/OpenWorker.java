package dev.threadstore.reliability;

import dev.threadstore.ChatThread;
import dev.threadstore.ThreadStore;

/**
 * Child-JVM main for the concurrent-start scenario: waits for a shared instant, opens the store (which
 * migrates the empty schema), saves one thread and prints {@code OK <thread id>}. Arguments: url name startAtEpochMillis.
 */
public final class OpenWorker {

    private OpenWorker() {
    }

    public static void main(String[] args) throws Exception {
        ChatThread thread = ChatThread.create(args[1]);
        long startAt = Long.parseLong(args[2]);
        System.out.println("READY");
        System.out.flush();
        while (System.currentTimeMillis() < startAt) {
            Thread.sleep(1);
        }
        try (ThreadStore store = ThreadStore.create(args[0])) {
            ChatThread saved = store.save(thread);
            System.out.println("OK " + saved.id());
            System.out.flush();
        }
    }
}
