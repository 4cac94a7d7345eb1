package dev.threadstore.bench;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import dev.threadstore.ChatThread;
import dev.threadstore.ThreadStore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.memory.repository.jdbc.JdbcChatMemoryRepository;
import org.springframework.ai.chat.memory.repository.jdbc.JdbcChatMemoryRepositoryDialect;
import org.springframework.ai.chat.memory.repository.jdbc.PostgresChatMemoryRepositoryDialect;
import org.springframework.ai.chat.memory.repository.jdbc.SqliteChatMemoryRepositoryDialect;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The {@code chat-memory} workload: one {@code add} of a message and then one {@code get} of the memory, on a
 * conversation already holding n messages, through each framework's {@code ChatMemory}:
 * <ul>
 *   <li>{@code spring-ai}: Spring AI's {@code MessageWindowChatMemory} over its {@code JdbcChatMemoryRepository}
 *       (the framework's JDBC store). Its window must hold the whole conversation, or its first {@code add}
 *       would delete all but the window from the table; so {@code get} returns all n messages, and every
 *       {@code add} reads them all and {@code saveAll}s them back.</li>
 *   <li>{@code threadstore-spring-ai}: {@code dev.threadstore.springai.ThreadStoreChatMemory}, window 20:
 *       {@code add} appends, {@code get} reads the last 20, the history stays stored.</li>
 *   <li>{@code langchain4j-memory}: LangChain4j's {@code MessageWindowChatMemory} over its
 *       {@code InMemoryChatMemoryStore} (window as large as the conversation, for the same reason). Not durable
 *       and not shared between processes: it is expected to beat any database.</li>
 *   <li>{@code threadstore-langchain4j}: {@code dev.threadstore.langchain4j.ThreadStoreChatMemory}, window 20.</li>
 * </ul>
 * After every timed add-and-get the conversation is put back to n messages, untimed.
 */
final class ChatMemoryWorkloads {

    static final String WORKLOAD = "chat-memory";
    static final String SPRING_AI_JDBC = Result.SPRING_AI;
    static final String OURS_SPRING_AI = "threadstore-spring-ai";
    static final String LANGCHAIN4J_MEMORY = "langchain4j-memory";
    static final String OURS_LANGCHAIN4J = "threadstore-langchain4j";
    static final List<String> STORES = List.of(SPRING_AI_JDBC, OURS_SPRING_AI, LANGCHAIN4J_MEMORY, OURS_LANGCHAIN4J);
    static final int WINDOW = 20;

    private static final String SCRIPTS = "org/springframework/ai/chat/memory/repository/jdbc/";

    private final Sizes sizes;
    private final Consumer<Result> sink;
    private final PrintStream log;

    ChatMemoryWorkloads(Sizes sizes, Consumer<Result> sink, PrintStream log) {
        this.sizes = Objects.requireNonNull(sizes, "sizes");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** One memory under test, holding one conversation. */
    private interface Memory {
        void add(int i);

        int get();

        void truncate(int n);
    }

    void run(BenchBackend backend) throws Exception {
        ThreadStore store = backend.store();
        for (int n : sizes.appendLengths()) {
            if (backend.kind() != null) {
                measure(backend.name(), n, SPRING_AI_JDBC, springAiJdbc(backend.dataSource(), backend.kind()));
            }
            measure(backend.name(), n, OURS_SPRING_AI, oursSpringAi(store));
            measure(backend.name(), n, LANGCHAIN4J_MEMORY, langchain4jMemory());
            measure(backend.name(), n, OURS_LANGCHAIN4J, oursLangchain4j(store));
        }
    }

    private void measure(String backend, int n, String storeName, Memory memory) throws Exception {
        log.printf("  %-18s %-23s %-10s n=%d%n", WORKLOAD, storeName, backend, n);
        for (int i = 0; i < n; i++) {
            memory.add(i);
        }
        int expected = Math.min(n + 1, storeName.startsWith("threadstore") ? WINDOW : Integer.MAX_VALUE);
        Stats stats = Harness.measure(sizes.operation(), () -> {
            memory.add(n);
            int got = memory.get();
            if (got != expected) {
                throw new IllegalStateException(storeName + " returned " + got + " messages, not " + expected);
            }
        }, () -> memory.truncate(n));
        memory.truncate(0);
        sink.accept(Result.of(WORKLOAD, storeName, backend, n, stats));
    }

    private static Message springMessage(int i) {
        return Texts.isUser(i) ? new UserMessage(Texts.text(i)) : new AssistantMessage(Texts.text(i));
    }

    private static ChatMessage langchainMessage(int i) {
        return Texts.isUser(i) ? dev.langchain4j.data.message.UserMessage.from(Texts.text(i))
                : AiMessage.from(Texts.text(i));
    }

    private static Memory springAiJdbc(DataSource dataSource, SqlKind kind) {
        String script = kind == SqlKind.POSTGRESQL ? "schema-postgresql.sql" : "schema-sqlite.sql";
        new ResourceDatabasePopulator(new ClassPathResource(SCRIPTS + script)).execute(dataSource);
        JdbcChatMemoryRepositoryDialect dialect = kind == SqlKind.POSTGRESQL
                ? new PostgresChatMemoryRepositoryDialect() : new SqliteChatMemoryRepositoryDialect();
        JdbcChatMemoryRepository repository = JdbcChatMemoryRepository.builder()
                .jdbcTemplate(new JdbcTemplate(dataSource)).dialect(dialect).build();
        ChatMemory memory = MessageWindowChatMemory.builder()
                .chatMemoryRepository(repository).maxMessages(Integer.MAX_VALUE).build();
        String id = UUID.randomUUID().toString();
        return new Memory() {
            @Override
            public void add(int i) {
                memory.add(id, springMessage(i));
            }

            @Override
            public int get() {
                return memory.get(id).size();
            }

            @Override
            public void truncate(int n) {
                List<Message> kept = new ArrayList<>(repository.findByConversationId(id).subList(0, n));
                if (kept.isEmpty()) {
                    repository.deleteByConversationId(id);
                } else {
                    repository.saveAll(id, kept);
                }
            }
        };
    }

    private static Memory oursSpringAi(ThreadStore store) {
        ChatMemory memory = dev.threadstore.springai.ThreadStoreChatMemory.builder(store).maxMessages(WINDOW).build();
        String id = UUID.randomUUID().toString();
        return new Memory() {
            @Override
            public void add(int i) {
                memory.add(id, springMessage(i));
            }

            @Override
            public int get() {
                return memory.get(id).size();
            }

            @Override
            public void truncate(int n) {
                truncateThread(store, id, n);
            }
        };
    }

    private static Memory langchain4jMemory() {
        InMemoryChatMemoryStore backing = new InMemoryChatMemoryStore();
        String id = UUID.randomUUID().toString();
        dev.langchain4j.memory.ChatMemory memory = dev.langchain4j.memory.chat.MessageWindowChatMemory.builder()
                .id(id).maxMessages(Integer.MAX_VALUE).chatMemoryStore(backing).build();
        return new Memory() {
            @Override
            public void add(int i) {
                memory.add(langchainMessage(i));
            }

            @Override
            public int get() {
                return memory.messages().size();
            }

            @Override
            public void truncate(int n) {
                backing.updateMessages(id, new ArrayList<>(backing.getMessages(id).subList(0, n)));
            }
        };
    }

    private static Memory oursLangchain4j(ThreadStore store) {
        String id = UUID.randomUUID().toString();
        dev.langchain4j.memory.ChatMemory memory = dev.threadstore.langchain4j.ThreadStoreChatMemory.builder(store)
                .id(id).maxMessages(WINDOW).build();
        return new Memory() {
            @Override
            public void add(int i) {
                memory.add(langchainMessage(i));
            }

            @Override
            public int get() {
                return memory.messages().size();
            }

            @Override
            public void truncate(int n) {
                truncateThread(store, id, n);
            }
        };
    }

    /** Saves the adapter's thread back with only its first n messages (n = 0 deletes it). */
    private static void truncateThread(ThreadStore store, String threadId, int n) {
        if (n == 0) {
            store.delete(threadId);
            return;
        }
        ChatThread thread = store.get(threadId).orElseThrow(
                () -> new IllegalStateException("thread " + threadId + " vanished from " + store));
        store.save(thread.toBuilder().messages(thread.messages().subList(0, n)).build());
    }

    /**
     * The chat-memory claims: threadstore's adapters stay flat (p50 at the largest n within 2x of the smallest)
     * and are at least 20x faster than Spring AI's JDBC memory at n = 1000. LangChain4j's in-memory store is
     * shown in the table, not targeted.
     */
    static List<Targets.Check> checks(List<Result> results) {
        List<Targets.Check> checks = new ArrayList<>();
        for (String backend : List.of("sqlite", "postgresql")) {
            for (String ours : List.of(OURS_SPRING_AI, OURS_LANGCHAIN4J)) {
                checks.add(new Targets.Check(WORKLOAD + " p50 n=1000 / n=10, " + ours + ", " + backend,
                        ratio(results, ours, backend, 1000, ours, backend, 10), 2.0, false));
            }
            for (String ours : List.of(OURS_SPRING_AI, OURS_LANGCHAIN4J)) {
                checks.add(new Targets.Check(WORKLOAD + " p50 n=1000, spring-ai jdbc / " + ours + ", " + backend,
                        ratio(results, SPRING_AI_JDBC, backend, 1000, ours, backend, 1000), 20.0, true));
            }
        }
        return checks;
    }

    private static double ratio(List<Result> results, String s1, String b1, int n1, String s2, String b2, int n2) {
        var a = Targets.find(results, WORKLOAD, s1, b1, n1);
        var b = Targets.find(results, WORKLOAD, s2, b2, n2);
        if (a.isEmpty() || b.isEmpty() || b.get().p50Micros() <= 0) {
            return Double.NaN;
        }
        return a.get().p50Micros() / b.get().p50Micros();
    }

    /** @return the chat-memory results as a Markdown table, the four memories side by side; empty if none */
    static String render(List<Result> results) {
        Map<String, List<Result>> rows = new LinkedHashMap<>();
        for (Result r : results) {
            if (r.workload().equals(WORKLOAD)) {
                rows.computeIfAbsent(r.backend() + "|" + r.n(), k -> new ArrayList<>()).add(r);
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("| chat-memory add+get | n");
        for (String store : STORES) {
            out.append(" | ").append(store).append(" p50 / p99");
        }
        out.append(" |\n|---|---:|---:|---:|---:|---:|\n");
        for (List<Result> row : rows.values()) {
            out.append(String.format(Locale.ROOT, "| %s | %,d", row.get(0).backend(), row.get(0).n()));
            for (String store : STORES) {
                out.append(" | ").append(row.stream().filter(r -> r.store().equals(store)).findFirst()
                        .map(r -> AppendCostChart.micros(r.p50Micros()) + " / " + AppendCostChart.micros(r.p99Micros()))
                        .orElse("–"));
            }
            out.append(" |\n");
        }
        return out.toString();
    }
}
