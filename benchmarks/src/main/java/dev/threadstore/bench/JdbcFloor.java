package dev.threadstore.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.Role;
import dev.threadstore.ThreadSource;
import dev.threadstore.ThreadStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The floor: hand-written JDBC on threadstore's own tables doing the least work each operation needs, to
 * measure threadstore's overhead against. An append is one transaction holding one batched insert of the
 * new message row and one update of the thread row (its version and {@code updatedAt}, which the same
 * semantics need); the writer already knows the next sequence. A read is one query joining the thread
 * row to its message rows, decoded into the same records threadstore returns (JSON columns parsed with
 * Gson). Conversations are created through threadstore, so the floor reads and extends exactly the rows
 * threadstore writes. Single writer per conversation; no retries, no concurrency checks.
 */
final class JdbcFloor implements Contender {

    private static final Gson GSON = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

    private final @Nullable ThreadStore store;
    private final DataSource dataSource;
    private final SqlKind kind;
    private final String insertMessage;
    private final String touchThread;
    private final String selectThread;

    JdbcFloor(ThreadStore store, DataSource dataSource, SqlKind kind) {
        this(Objects.requireNonNull(store, "store"), kind, dataSource);
    }

    /** A floor that only reads ({@link #read}), as the {@code cold-open} floor does: no store to start conversations. */
    JdbcFloor(DataSource dataSource, SqlKind kind) {
        this(null, kind, dataSource);
    }

    private JdbcFloor(@Nullable ThreadStore store, SqlKind kind, DataSource dataSource) {
        this.store = store;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.kind = Objects.requireNonNull(kind, "kind");
        String json = kind == SqlKind.POSTGRESQL ? "CAST(? AS jsonb)" : "?";
        insertMessage = "INSERT INTO messages (thread_id, id, sequence, role, content, parts, name, tool_call_id, "
                + "tool_calls, attributes, \"timestamp\", source, reactions, metrics, digest) "
                + "VALUES (?, ?, ?, ?, ?, " + json + ", NULL, NULL, " + json + ", " + json + ", ?, NULL, "
                + json + ", " + json + ", ?)";
        touchThread = "UPDATE threads SET updated_at = ?, version = version + 1 WHERE id = ?";
        selectThread = "SELECT t.id, t.title, t.attributes, t.source_name, t.source, t.created_at, t.updated_at, "
                + "t.version, m.id, m.sequence, m.role, m.content, m.attributes, m.\"timestamp\", m.metrics, "
                + "m.reactions, m.parts, m.tool_calls "
                + "FROM threads t LEFT JOIN messages m ON m.thread_id = t.id WHERE t.id = ? ORDER BY m.sequence";
    }

    @Override
    public String store() {
        return Result.JDBC_FLOOR;
    }

    @Override
    public Conversation start(int messages) {
        ChatThread thread = ChatThread.create("Benchmark").withAttribute("benchmark", true);
        List<Message> list = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            list.add(ThreadstoreContender.message(i));
        }
        ChatThread saved = Objects.requireNonNull(store, "a reading floor starts no conversation")
                .save(thread.withMessages(list));
        return new FloorConversation(saved.id(), saved.maxSequence());
    }

    /** Appends one message to the thread at the given sequence: one transaction, one batched insert, one update. */
    void append(String threadId, int sequence, Message m) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement insert = c.prepareStatement(insertMessage)) {
                    bindMessage(insert, threadId, sequence, m);
                    insert.addBatch();
                    insert.executeBatch();
                }
                try (PreparedStatement touch = c.prepareStatement(touchThread)) {
                    setInstant(touch, 1, Instant.now().truncatedTo(ChronoUnit.MICROS));
                    touch.setString(2, threadId);
                    if (touch.executeUpdate() != 1) {
                        throw new SQLException("no thread " + threadId);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void bindMessage(PreparedStatement ps, String threadId, int sequence, Message m) throws SQLException {
        String attributes = GSON.toJson(m.attributes());
        String metrics = GSON.toJson(m.metrics());
        String reactions = GSON.toJson(m.reactions());
        ps.setString(1, threadId);
        ps.setString(2, m.id());
        ps.setInt(3, sequence);
        ps.setString(4, m.role().name());
        ps.setString(5, m.content());
        ps.setString(6, "[]");
        ps.setString(7, "[]");
        ps.setString(8, attributes);
        setInstant(ps, 9, m.timestamp());
        ps.setString(10, reactions);
        ps.setString(11, metrics);
        ps.setString(12, digest(m.role().name(), m.content(), attributes, metrics));
    }

    /** Reads a thread with one query. */
    ChatThread read(String threadId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(selectThread)) {
            ps.setString(1, threadId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no thread " + threadId);
                }
                ChatThread.Builder thread = ChatThread.builder().id(rs.getString(1)).title(rs.getString(2))
                        .attributes(map(rs.getString(3)))
                        .createdAt(instant(rs, 6)).updatedAt(instant(rs, 7)).version(rs.getLong(8));
                String sourceName = rs.getString(4);
                if (sourceName != null) {
                    thread.source(new ThreadSource(sourceName, map(rs.getString(5))));
                }
                List<Message> messages = new ArrayList<>();
                do {
                    String id = rs.getString(9);
                    if (id == null) {
                        break;
                    }
                    requireEmptyList(rs.getString(17));
                    requireEmptyList(rs.getString(18));
                    messages.add(Message.builder(Role.valueOf(rs.getString(11))).id(id).sequence(rs.getInt(10))
                            .content(rs.getString(12)).attributes(map(rs.getString(13))).timestamp(instant(rs, 14))
                            .metrics(map(rs.getString(15))).reactions(reactions(rs.getString(16))).build());
                } while (rs.next());
                return thread.messages(messages).build();
            }
        }
    }

    private void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (kind == SqlKind.POSTGRESQL) {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        } else {
            ps.setLong(index, SqliteTime.micros(value));
        }
    }

    private Instant instant(ResultSet rs, int index) throws SQLException {
        if (kind == SqlKind.POSTGRESQL) {
            return rs.getObject(index, OffsetDateTime.class).toInstant();
        }
        return SqliteTime.instant(rs.getLong(index));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(@Nullable String json) {
        return json == null ? Map.of() : GSON.fromJson(json, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> reactions(String json) {
        return GSON.fromJson(json, Map.class);
    }

    /** The benchmark's messages have no parts or tool calls; the floor parses the column but maps nothing. */
    private static void requireEmptyList(String json) {
        if (!GSON.fromJson(json, List.class).isEmpty()) {
            throw new IllegalStateException("the floor reads only the columns the benchmark writes, got " + json);
        }
    }

    private static String digest(String role, @Nullable String content, String attributes, String metrics) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(role.getBytes(StandardCharsets.UTF_8));
            if (content != null) {
                sha.update(content.getBytes(StandardCharsets.UTF_8));
            }
            sha.update(attributes.getBytes(StandardCharsets.UTF_8));
            sha.update(metrics.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private final class FloorConversation implements Conversation {
        private final String threadId;
        private int sequence;
        private @Nullable String lastId;

        FloorConversation(String threadId, int maxSequence) {
            this.threadId = threadId;
            this.sequence = maxSequence;
        }

        @Override
        public void add() throws SQLException {
            Message m = ThreadstoreContender.message(sequence);
            append(threadId, sequence + 1, m);
            sequence++;
            lastId = m.id();
        }

        @Override
        public void undoAdd() throws SQLException {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("DELETE FROM messages WHERE thread_id = ? AND id = ?")) {
                ps.setString(1, threadId);
                ps.setString(2, lastId);
                ps.executeUpdate();
            }
            sequence--;
        }

        @Override
        public void read() throws SQLException {
            JdbcFloor.this.read(threadId);
        }

        @Override
        public void delete() {
            Objects.requireNonNull(store, "a reading floor starts no conversation").delete(threadId);
        }
    }
}
