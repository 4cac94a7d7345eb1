package dev.threadstore.reliability;

import dev.threadstore.ChatThread;
import dev.threadstore.ConcurrentUpdateException;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Child-JVM main for the SQLite crash scenario; the parent kills it with SIGKILL at a random moment. Two
 * threads write until then, each write designed so that a partial one is visible:
 * <ul>
 *   <li>a saver: get "crash-save", add batch n of k messages (each carrying {@code batch=n, size=k}) and set
 *       the thread attribute {@code saves=n}, save; then print {@code ACK save n}.</li>
 *   <li>an appender: append batch b of k messages to "crash-append" (ids {@code a<round>-<b>-<j>}, each
 *       carrying {@code batch, size}); then print {@code ACK append <round>-<b> <k>}.</li>
 * </ul>
 * Arguments: url round seed. Prints {@code OPENING} before it opens the store and {@code READY} once both
 * threads exist.
 */
public final class SqliteCrashWorker {

    static final String SAVED = "crash-save";
    static final String APPENDED = "crash-append";

    private SqliteCrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int round = Integer.parseInt(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        System.out.println("OPENING");
        System.out.flush();
        ThreadStore store = ThreadStore.create(url);
        for (String id : List.of(SAVED, APPENDED)) {
            if (store.get(id).isEmpty()) {
                store.save(ChatThread.builder().id(id).attributes(Map.of("saves", 0L)).build());
            }
        }
        System.out.println("READY");
        System.out.flush();
        Thread saver = new Thread(() -> {
            Random r = new Random(random.nextLong());
            while (true) {
                ChatThread current = store.get(SAVED).orElseThrow();
                long n = ((Number) current.attributes().get("saves")).longValue() + 1;
                int k = 1 + r.nextInt(20);
                ChatThread next = current.withAttribute("saves", n);
                for (int j = 0; j < k; j++) {
                    next = next.withMessage(Message.builder(Role.ASSISTANT).id("s" + n + "-" + j).content(text(r))
                            .attributes(Map.of("batch", n, "size", (long) k)).build());
                }
                try {
                    store.save(next);
                } catch (ConcurrentUpdateException | StoreUnavailableException e) {
                    continue;
                }
                System.out.println("ACK save " + n);
                System.out.flush();
            }
        }, "saver");
        Thread appender = new Thread(() -> {
            Random r = new Random(random.nextLong());
            for (int b = 1; ; b++) {
                int k = 1 + r.nextInt(20);
                List<Message> batch = new ArrayList<>();
                String tag = round + "-" + b;
                for (int j = 0; j < k; j++) {
                    batch.add(Message.builder(Role.USER).id("a" + tag + "-" + j).content(text(r))
                            .attributes(Map.of("batch", tag, "size", (long) k)).build());
                }
                try {
                    store.append(APPENDED, batch);
                } catch (StoreUnavailableException e) {
                    continue;
                }
                System.out.println("ACK append " + tag + " " + k);
                System.out.flush();
            }
        }, "appender");
        saver.start();
        appender.start();
        saver.join();
        appender.join();
    }

    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int n = 50 + r.nextInt(600);
        while (b.length() < n) {
            b.append("lorem ipsum ").append(r.nextInt()).append(' ');
        }
        return b.toString();
    }
}
