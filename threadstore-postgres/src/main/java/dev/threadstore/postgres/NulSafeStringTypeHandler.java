package dev.threadstore.postgres;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code String} the mapper binds or reads goes through {@link NulSafeText}, so that ids, source
 * names, content and every other text column can hold U+0000. Doing it at the one place where strings
 * meet JDBC covers the key columns too, which the core's {@code encodeText} hook leaves alone; the
 * hook is therefore the identity in {@link PostgresDialect}. JSON text never holds a raw U+0000 or
 * U+0001 (JSON escapes control characters), so this is a no-op on JSON columns.
 */
final class NulSafeStringTypeHandler extends BaseTypeHandler<String> {

    /** The JDBC types MyBatis may ask a {@code String} handler for when it reads a PostgreSQL column. */
    static final JdbcType[] JDBC_TYPES = {
        JdbcType.CHAR, JdbcType.VARCHAR, JdbcType.LONGVARCHAR, JdbcType.NCHAR, JdbcType.NVARCHAR,
        JdbcType.LONGNVARCHAR, JdbcType.CLOB, JdbcType.NCLOB, JdbcType.OTHER
    };

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, String parameter, @Nullable JdbcType jdbcType)
            throws SQLException {
        ps.setString(i, NulSafeText.encode(parameter));
    }

    @Override
    public @Nullable String getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return decode(rs.getString(columnName));
    }

    @Override
    public @Nullable String getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return decode(rs.getString(columnIndex));
    }

    @Override
    public @Nullable String getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return decode(cs.getString(columnIndex));
    }

    private static @Nullable String decode(@Nullable String column) {
        return column == null ? null : NulSafeText.decode(column);
    }
}
