package dev.threadstore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
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
 * Spring AI's {@link JdbcChatMemoryRepository}, the closest Java peer, driven as its
 * {@link MessageWindowChatMemory} drives it: {@code add} reads the conversation, appends the new
 * message and {@code saveAll}s the full list (which deletes the conversation's rows and inserts them all
 * again). The window is set larger than any conversation here, so nothing is evicted. Its table
 * {@code SPRING_AI_CHAT_MEMORY} is created by Spring AI's own schema script, in the same database (and
 * PostgreSQL schema) as threadstore's tables, through the same connection pool.
 */
final class SpringAiContender implements Contender {

    private static final String SCRIPTS = "org/springframework/ai/chat/memory/repository/jdbc/";

    private final JdbcChatMemoryRepository repository;
    private final MessageWindowChatMemory memory;

    SpringAiContender(DataSource dataSource, SqlKind kind) {
        Objects.requireNonNull(dataSource, "dataSource");
        String script = kind == SqlKind.POSTGRESQL ? "schema-postgresql.sql" : "schema-sqlite.sql";
        new ResourceDatabasePopulator(new ClassPathResource(SCRIPTS + script)).execute(dataSource);
        JdbcChatMemoryRepositoryDialect dialect = kind == SqlKind.POSTGRESQL
                ? new PostgresChatMemoryRepositoryDialect() : new SqliteChatMemoryRepositoryDialect();
        repository = JdbcChatMemoryRepository.builder()
                .jdbcTemplate(new JdbcTemplate(dataSource))
                .dialect(dialect)
                .build();
        memory = MessageWindowChatMemory.builder()
                .chatMemoryRepository(repository)
                .maxMessages(Integer.MAX_VALUE)
                .build();
    }

    @Override
    public String store() {
        return Result.SPRING_AI;
    }

    @Override
    public Conversation start(int messages) {
        String id = UUID.randomUUID().toString();
        List<Message> list = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            list.add(message(i));
        }
        if (!list.isEmpty()) {
            memory.add(id, list);
        }
        return new SpringConversation(id, list);
    }

    private static Message message(int i) {
        return Texts.isUser(i) ? new UserMessage(Texts.text(i)) : new AssistantMessage(Texts.text(i));
    }

    private final class SpringConversation implements Conversation {
        private final String id;
        private final List<Message> messages;

        SpringConversation(String id, List<Message> messages) {
            this.id = id;
            this.messages = new ArrayList<>(messages);
        }

        @Override
        public void add() {
            Message m = message(messages.size());
            memory.add(id, m);
            messages.add(m);
        }

        @Override
        public void undoAdd() {
            messages.remove(messages.size() - 1);
            repository.saveAll(id, messages);
        }

        @Override
        public void read() {
            if (memory.get(id).isEmpty()) {
                throw new IllegalStateException("Spring AI conversation " + id + " vanished");
            }
        }

        @Override
        public void delete() {
            memory.clear(id);
        }
    }
}
