package dev.threadstore.sql;

import dev.threadstore.sql.Rows.ThreadMessageRow;
import java.sql.CallableStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.executor.resultset.ResultSetHandler;

/**
 * Hands the rows of {@link ThreadMapper#selectThreadWithMessages}, the statement behind every {@code get}, to
 * {@link ThreadMessageRowHandler} one by one, in place of MyBatis' {@code DefaultResultSetHandler}. That handler
 * first reads the result set's metadata (every column's label, type and class name: on SQLite three native calls a
 * column, 24 columns, each query) and then works out, row by row, how to build the result object, all to end in
 * the one call the row handler makes anyway: about a sixth of a get's CPU on SQLite. The thread id, the same on
 * every row, is read from the first row only, where the row handler also settles whether this result set's text
 * may be read as UTF-8 bytes ({@link ThreadMessageRowHandler#textIsUtf8Bytes}). Statement, parameters,
 * transaction and plugins stay MyBatis'; {@link StoreConfiguration} picks this handler for statements whose result
 * type is {@link ThreadMessageRow} and no result handler, and MyBatis' own for every other.
 */
final class ThreadRowsResultSetHandler implements ResultSetHandler {

    private final ThreadMessageRowHandler rows;

    ThreadRowsResultSetHandler(ThreadMessageRowHandler rows) {
        this.rows = rows;
    }

    @Override
    @SuppressWarnings("unchecked") // the statement's result type is ThreadMessageRow, which the caller asked for
    public <E> List<E> handleResultSets(Statement statement) throws SQLException {
        List<ThreadMessageRow> read = new ArrayList<>();
        try (ResultSet rs = statement.getResultSet()) {
            if (rs != null) {
                String threadId = null;
                boolean utf8 = false;
                while (rs.next()) {
                    if (threadId == null) {
                        utf8 = rows.textIsUtf8Bytes(rs);
                    }
                    ThreadMessageRow row = rows.read(rs, threadId, utf8);
                    threadId = row.id();
                    read.add(row);
                }
            }
        }
        return (List<E>) read;
    }

    @Override
    public <E> Cursor<E> handleCursorResultSets(Statement statement) {
        throw new UnsupportedOperationException("the rows of a thread are read as a list, never as a cursor");
    }

    @Override
    public void handleOutputParameters(CallableStatement statement) {
        // a select has no OUT parameters
    }
}
