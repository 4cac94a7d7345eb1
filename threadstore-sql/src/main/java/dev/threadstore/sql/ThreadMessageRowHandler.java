package dev.threadstore.sql;

import dev.threadstore.sql.Rows.ThreadMessageRow;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.Objects;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.StringTypeHandler;
import org.apache.ibatis.type.TypeHandler;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Reads a whole row of {@link ThreadMapper#selectThreadWithMessages}, the statement behind every {@code get}, by
 * column position, with the dialect's own type handlers for text and times. Registered for {@link ThreadMessageRow},
 * it makes MyBatis hand the row to one call instead of mapping 24 constructor arguments by name through
 * reflection, which cost more than the JDBC reads themselves. The statement's columns are, in this order (both
 * dialects' {@code ThreadMapper.xml} say so): the thread's {@code id, title, attributes, source_name, source,
 * created_at, updated_at, version, expires_at}, the message's {@code id, sequence, role, content, parts, name,
 * tool_call_id, tool_calls, attributes, timestamp, source, reactions, metrics}, {@code has_attachments}, and the
 * message's {@code m_present} mask (see {@link #PARTS} and the bits after it).
 *
 * <p>The statement returns one thread, so the thread's columns are read from the first row only; later rows carry
 * the thread id alone (see {@link ThreadMessageRow}), which is all a message row needs.
 */
final class ThreadMessageRowHandler implements TypeHandler<ThreadMessageRow> {

    /*
     * The bits of m_present (column 24): which of the message's optional columns hold more than their empty value
     * ('[]', '{}' or NULL). Both dialects' selectThreadWithMessages compute it as a sum of these weights.
     */
    static final int PARTS = 1;
    static final int NAME = 2;
    static final int TOOL_CALL_ID = 4;
    static final int TOOL_CALLS = 8;
    static final int ATTRIBUTES = 16;
    static final int SOURCE = 32;
    static final int REACTIONS = 64;
    static final int METRICS = 128;
    private static final String EMPTY_ARRAY = "[]";
    private static final String EMPTY_OBJECT = "{}";

    private final TypeHandler<String> text;
    private final TypeHandler<Instant> time;
    /** Whether the dialect reads text with the driver's plain {@code getString} (no decoding of its own). */
    private final boolean plainText;

    ThreadMessageRowHandler(TypeHandlerRegistry registry) {
        this.text = registry.getTypeHandler(String.class);
        this.time = registry.getTypeHandler(Instant.class);
        this.plainText = text.getClass() == StringTypeHandler.class;
    }

    /** Registers the handler with the configuration's registry, once per session factory. */
    static void register(TypeHandlerRegistry registry) {
        if (!(registry.getTypeHandler(ThreadMessageRow.class) instanceof ThreadMessageRowHandler)) {
            registry.register(ThreadMessageRow.class, new ThreadMessageRowHandler(registry));
        }
    }

    @Override
    public ThreadMessageRow getResult(ResultSet rs, String columnName) throws SQLException {
        return read(rs);
    }

    @Override
    public ThreadMessageRow getResult(ResultSet rs, int columnIndex) throws SQLException {
        return read(rs);
    }

    private ThreadMessageRow read(ResultSet rs) throws SQLException {
        return read(rs, null);
    }

    /**
     * Reads the row the cursor is on.
     *
     * @param rs the result set of {@link ThreadMapper#selectThreadWithMessages}
     * @param threadId the thread id when an earlier row of the same result set gave it (the statement reads one
     *     thread), so that this row's id column is not read again; null to read it
     * @return the row
     * @throws SQLException if the driver fails
     */
    ThreadMessageRow read(ResultSet rs, @Nullable String threadId) throws SQLException {
        return read(rs, threadId, false);
    }

    /**
     * Reads the row the cursor is on, as {@link #read(ResultSet, String)} does.
     *
     * @param utf8 whether to read text columns as their bytes, decoded as UTF-8: only what {@link #textIsUtf8Bytes}
     *     said of the first row of the same result set
     */
    ThreadMessageRow read(ResultSet rs, @Nullable String threadId, boolean utf8) throws SQLException {
        boolean first = threadId == null && isFirstRow(rs); // a caller that knows the thread id is past the first row
        if (threadId == null) {
            threadId = Objects.requireNonNull(text(rs, 1, utf8), "threads.id is NOT NULL");
        }
        String messageId = text(rs, 10, utf8);
        boolean message = messageId != null;
        Integer sequence = null;
        int present = -1; // no message: every column null
        if (message) {
            int s = rs.getInt(11);
            sequence = s == 0 && rs.wasNull() ? null : s; // getInt reads NULL as 0: only then ask the driver again
            present = rs.getInt(24);
        }
        return new ThreadMessageRow(threadId,
                first ? text(rs, 2, utf8) : null,
                first ? text(rs, 3, utf8) : null,
                first ? text(rs, 4, utf8) : null,
                first ? text(rs, 5, utf8) : null,
                first ? time.getResult(rs, 6) : null,
                first ? time.getResult(rs, 7) : null,
                first ? rs.getLong(8) : 0,
                first ? time.getResult(rs, 9) : null,
                messageId, sequence,
                message ? text(rs, 12, utf8) : null,
                message ? text(rs, 13, utf8) : null,
                column(rs, present, PARTS, 14, EMPTY_ARRAY, utf8),
                column(rs, present, NAME, 15, null, utf8),
                column(rs, present, TOOL_CALL_ID, 16, null, utf8),
                column(rs, present, TOOL_CALLS, 17, EMPTY_ARRAY, utf8),
                column(rs, present, ATTRIBUTES, 18, EMPTY_OBJECT, utf8),
                message ? time.getResult(rs, 19) : null,
                column(rs, present, SOURCE, 20, null, utf8),
                column(rs, present, REACTIONS, 21, EMPTY_OBJECT, utf8),
                column(rs, present, METRICS, 22, EMPTY_OBJECT, utf8),
                null,
                first && rs.getBoolean(23)); // the same on every row: loadOne looks at the first
    }

    /**
     * One of the message's optional columns, read only when the row's {@code m_present} mask says it holds more than
     * its empty value: a column left unread costs no driver call (on SQLite each is a native call and a string).
     *
     * @param present the row's mask, or -1 on a row without a message
     * @return the column's text, or {@code otherwise} (the empty JSON text, or null) when the mask says it is empty;
     *     null on a row without a message
     */
    private @Nullable String column(ResultSet rs, int present, int bit, int position, @Nullable String otherwise,
                                    boolean utf8) throws SQLException {
        if (present < 0) {
            return null;
        }
        return (present & bit) != 0 ? text(rs, position, utf8) : otherwise;
    }

    /**
     * Whether the text columns of this result set can be read as their bytes, decoded as UTF-8, and give exactly what
     * the dialect's {@code getString} gives: the dialect must read text plainly, and the first row's thread id, read
     * as bytes before anything else reads it, must decode to the id {@code getString} reads. sqlite-jdbc hands out a
     * text column's bytes in one native call where {@code getString} wraps them in a direct buffer first and copies
     * them twice (about a third of the Java time of a get); the bytes are the database's text encoding, UTF-8 unless
     * the file was created UTF-16, and one encoding holds for every value of a database, so one witness settles it.
     * Any failure answers false.
     *
     * @param rs the result set, on its first row, no column read yet
     * @return whether {@link #read(ResultSet, String, boolean)} may read this result set's text as UTF-8 bytes
     */
    boolean textIsUtf8Bytes(ResultSet rs) {
        if (!plainText) {
            return false;
        }
        try {
            byte[] raw = rs.getBytes(1);
            return raw != null && raw.length > 0 && new String(raw, StandardCharsets.UTF_8).equals(rs.getString(1));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private @Nullable String text(ResultSet rs, int position, boolean utf8) throws SQLException {
        if (!utf8) {
            return text.getResult(rs, position);
        }
        byte[] raw = rs.getBytes(position);
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /**
     * @return false only when the driver says the cursor is past the first row: the thread's columns were read then.
     *     A driver that cannot tell gets every row read whole.
     */
    private static boolean isFirstRow(ResultSet rs) throws SQLException {
        try {
            return rs.getRow() <= 1;
        } catch (SQLFeatureNotSupportedException e) {
            return true;
        }
    }

    @Override
    public @Nullable ThreadMessageRow getResult(CallableStatement cs, int columnIndex) {
        throw new UnsupportedOperationException("a thread row is never an OUT parameter");
    }

    @Override
    public void setParameter(PreparedStatement ps, int i, ThreadMessageRow parameter, JdbcType jdbcType) {
        throw new UnsupportedOperationException("a thread row is never a parameter");
    }
}
