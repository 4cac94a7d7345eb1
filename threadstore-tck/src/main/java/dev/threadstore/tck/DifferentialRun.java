package dev.threadstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** One seeded run: the operations, applied to both stores, and their comparison. */
final class DifferentialRun {

    private static final Instant BLANK = Instant.EPOCH;

    private final RandomThreads random;
    private final ThreadStore reference;
    private final ThreadStore store;
    private final List<String> log;
    private final List<String> threadIds = new ArrayList<>();
    private final List<String> messageIds = new ArrayList<>();
    private final List<ChatThread> oldCopies = new ArrayList<>();

    DifferentialRun(RandomThreads random, ThreadStore reference, ThreadStore store, List<String> log) {
        this.random = random;
        this.reference = reference;
        this.store = store;
        this.log = log;
    }

    void run(int operations) {
        for (int i = 0; i < operations; i++) {
            int kind = threadIds.isEmpty() ? 0 : random.random().nextInt(12);
            switch (kind) {
                case 0, 1 -> saveNew();
                case 2, 3 -> saveEdit();
                case 4 -> saveStaleOrTaken();
                case 5, 6 -> append();
                case 7 -> delete();
                case 8 -> findByAttributes();
                case 9 -> findBySource();
                case 10 -> getThreadByMessageId();
                default -> listAndGet();
            }
        }
    }

    private void saveNew() {
        ChatThread t = adversarial(random.thread(random.id("t"), 4));
        threadIds.add(t.id());
        t.messages().forEach(m -> messageIds.add(m.id()));
        write("save new " + t.id(), s -> s.save(t));
    }

    private void saveEdit() {
        Optional<ChatThread> current = reference.get(random.pick(threadIds));
        if (current.isEmpty()) {
            saveNew();
            return;
        }
        ChatThread t = current.get();
        oldCopies.add(t);
        StringBuilder what = new StringBuilder("save edit of " + t.id() + ":");
        for (int i = random.random().nextInt(3) + 1; i > 0; i--) {
            if (random.chance(30) || t.messages().isEmpty()) {
                Map.Entry<String, ChatThread> edit = random.editThreadField(t);
                t = edit.getValue();
                what.append(" thread ").append(edit.getKey());
            } else if (random.chance(20)) {
                Message added = adversarial(random.message(random.id("m"), random.pick(List.of(Role.values()))));
                messageIds.add(added.id());
                t = t.withMessage(added);
                what.append(" add ").append(added.id());
            } else {
                List<Message> messages = new ArrayList<>(t.messages());
                int at = random.random().nextInt(messages.size());
                if (random.chance(15)) {
                    what.append(" remove ").append(messages.remove(at).id());
                } else {
                    Map.Entry<String, Message> edit = random.editMessage(messages.get(at));
                    messages.set(at, edit.getValue());
                    what.append(' ').append(edit.getKey()).append(" of ").append(edit.getValue().id());
                }
                t = t.toBuilder().messages(messages).build();
            }
        }
        ChatThread edited = t;
        write(what.toString(), s -> s.save(edited));
    }

    private void saveStaleOrTaken() {
        if (!oldCopies.isEmpty() && random.chance(60)) {
            ChatThread stale = random.pick(oldCopies).withTitle("stale");
            write("save a copy at version " + stale.version() + " of " + stale.id(), s -> s.save(stale));
        } else {
            ChatThread taken = random.thread(random.pick(threadIds), 2);
            write("save a new thread under the id " + taken.id(), s -> s.save(taken));
        }
    }

    private void append() {
        String id = random.chance(10) ? random.id("missing") : random.pick(threadIds);
        List<Message> batch = new ArrayList<>();
        Optional<ChatThread> current = reference.get(id);
        for (int i = random.random().nextInt(3) + 1; i > 0; i--) {
            if (current.isPresent() && !current.get().messages().isEmpty() && random.chance(40)) {
                Message stored = random.pick(current.get().messages());
                Message candidate = random.chance(50) ? stored : random.editMessage(stored).getValue();
                if (batch.stream().noneMatch(m -> m.id().equals(candidate.id()))) {
                    batch.add(candidate);
                }
            } else {
                Message m = adversarial(random.message(random.id("m"), random.pick(List.of(Role.values()))));
                messageIds.add(m.id());
                batch.add(m);
            }
        }
        write("append " + batch.size() + " to " + id, s -> s.append(id, batch));
    }

    private void delete() {
        String id = random.pick(threadIds);
        write("delete " + id, s -> s.delete(id));
    }

    private void findByAttributes() {
        Map<String, @Nullable Object> query = new LinkedHashMap<>();
        Optional<ChatThread> sample = reference.get(random.pick(threadIds));
        if (sample.isPresent() && random.chance(70)) {
            sample.get().attributes().forEach((k, v) -> {
                if (random.chance(60)) {
                    query.put(k, random.chance(80) ? v : random.lookalike(v));
                }
            });
        } else {
            query.putAll(random.jsonMap(3, 1));
        }
        if (random.chance(5)) {
            boolean nulls = random.chance(50); // null matches the missing keys; any other value matches nothing
            for (int i = 0; i < 1000; i++) {
                query.put("absent-" + i, nulls ? null : "v" + i);
            }
        }
        compare("findByAttributes with " + query.size() + " keys", s -> s.findByAttributes(query));
    }

    private void findBySource() {
        Optional<ChatThread> sample = reference.get(random.pick(threadIds));
        ThreadSource source = sample.map(ChatThread::source).orElse(null);
        String name = source != null && random.chance(80) ? source.name() : random.threadSource().name();
        Map<String, @Nullable Object> query = new LinkedHashMap<>();
        if (source != null) {
            source.properties().forEach((k, v) -> {
                if (random.chance(50)) {
                    query.put(k, random.chance(80) ? v : random.lookalike(v));
                }
            });
        }
        compare("findBySource " + name + " with " + query.size() + " properties", s -> s.findBySource(name, query));
    }

    private void getThreadByMessageId() {
        String id = messageIds.isEmpty() || random.chance(10) ? random.id("m") : random.pick(messageIds);
        compare("getThreadByMessageId " + id, s -> s.getThreadByMessageId(id));
    }

    private void listAndGet() {
        String id = random.pick(threadIds);
        compare("get " + id, s -> s.get(id));
        int limit = random.random().nextInt(8);
        int offset = random.random().nextInt(6);
        compare("list(" + limit + ", " + offset + ")", s -> s.list(limit, offset));
        compare("listRecent(" + limit + ")", s -> s.listRecent(limit));
        compare("listRecent()", ThreadStore::listRecent);
    }

    /** A thread with one attribute set to -0.0 now and then, and kept within the generators' ranges. */
    private ChatThread adversarial(ChatThread t) {
        return random.chance(15) ? t.withAttribute("negative zero", -0.0) : t;
    }

    private Message adversarial(Message m) {
        return random.chance(10) ? m.withAttribute("negative zero", List.of(-0.0, 0.0)) : m;
    }

    /** A write: waits for the clock to tick, so each store stamps it later than every earlier write. */
    private void write(String what, Function<ThreadStore, Object> operation) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        while (!Instant.now().truncatedTo(ChronoUnit.MICROS).isAfter(start)) {
            Thread.onSpinWait();
        }
        compare(what, operation);
    }

    private void compare(String what, Function<ThreadStore, Object> operation) {
        log.add(what);
        Object expected = outcome(reference, operation);
        Object actual = outcome(store, operation);
        assertThat(actual).as("%s: the backend and the reference differ (updatedAt blanked)", what).isEqualTo(expected);
    }

    private static Object outcome(ThreadStore store, Function<ThreadStore, Object> operation) {
        try {
            return blank(operation.apply(store));
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getName();
        }
    }

    private static Object blank(Object value) {
        if (value instanceof ChatThread) {
            return ((ChatThread) value).toBuilder().updatedAt(BLANK).build();
        }
        if (value instanceof Optional) {
            return ((Optional<?>) value).map(DifferentialRun::blank);
        }
        if (value instanceof List) {
            return ((List<?>) value).stream().map(DifferentialRun::blank).toList();
        }
        return value;
    }
}
