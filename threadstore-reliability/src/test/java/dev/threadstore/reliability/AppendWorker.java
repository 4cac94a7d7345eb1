package dev.threadstore.reliability;

import dev.threadstore.Message;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import java.util.List;

/**
 * Child-JVM main for the two-JVM scenario: appends {@code count} messages (ids {@code <worker>-<i>}) to one
 * thread, one per call, retrying a call that fails with a transient {@link StoreUnavailableException}
 * (a retried append of the same message is a no-op by contract). Prints {@code DONE <retries>}.
 *
 * <p>Arguments: url threadId worker count startAtEpochMillis.
 */
public final class AppendWorker {

    private AppendWorker() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String threadId = args[1];
        String worker = args[2];
        int count = Integer.parseInt(args[3]);
        long startAt = Long.parseLong(args[4]);
        int retries = 0;
        try (ThreadStore store = ThreadStore.create(url)) {
            System.out.println("READY");
            System.out.flush();
            while (System.currentTimeMillis() < startAt) {
                Thread.sleep(1);
            }
            for (int i = 0; i < count; i++) {
                Message m = Message.builder(dev.threadstore.Role.USER).id(worker + "-" + i).content(worker + " " + i).build();
                for (int attempt = 0; ; attempt++) {
                    try {
                        store.append(threadId, List.of(m));
                        break;
                    } catch (StoreUnavailableException e) {
                        if (attempt >= 20) {
                            throw e;
                        }
                        retries++;
                    }
                }
            }
        }
        System.out.println("DONE " + retries);
        System.out.flush();
    }
}
