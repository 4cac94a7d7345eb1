package dev.threadstore.sql;

import dev.threadstore.sql.Rows.ThreadMessageRow;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import org.apache.ibatis.type.JdbcType;
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
 * tool_call_id, tool_calls, attributes, timestamp, source, reactions, metrics}, and {@code has_attachments}.
 *
 * <p>The statement returns one thread, so the thread's columns are read from the first row only; later rows carry
 * the thread id alone (see {@link ThreadMessageRow}), which is all a message row needs.
 */
final class ThreadMessageRowHandler implements TypeHandler<ThreadMessageRow> {

    private final TypeHandler<String> text;
    private final TypeHandler<Instant> time;

    ThreadMessageRowHandler(TypeHandlerRegistry registry) {
        this.text = registry.getTypeHandler(String.class);
        this.time = registry.getTypeHandler(Instant.class);
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
        String threadId = text.getResult(rs, 1);
        boolean first = isFirstRow(rs);
        String messageId = text.getResult(rs, 10);
        boolean message = messageId != null;
        Integer sequence = null;
        if (message) {
            int s = rs.getInt(11);
            sequence = rs.wasNull() ? null : s;
        }
        return new ThreadMessageRow(threadId,
                first ? text.getResult(rs, 2) : null,
                first ? text.getResult(rs, 3) : null,
                first ? text.getResult(rs, 4) : null,
                first ? text.getResult(rs, 5) : null,
                first ? time.getResult(rs, 6) : null,
                first ? time.getResult(rs, 7) : null,
                first ? rs.getLong(8) : 0,
                first ? time.getResult(rs, 9) : null,
                messageId, sequence,
                message ? text.getResult(rs, 12) : null,
                message ? text.getResult(rs, 13) : null,
                message ? text.getResult(rs, 14) : null,
                message ? text.getResult(rs, 15) : null,
                message ? text.getResult(rs, 16) : null,
                message ? text.getResult(rs, 17) : null,
                message ? text.getResult(rs, 18) : null,
                message ? time.getResult(rs, 19) : null,
                message ? text.getResult(rs, 20) : null,
                message ? text.getResult(rs, 21) : null,
                message ? text.getResult(rs, 22) : null,
                null,
                rs.getBoolean(23));
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
