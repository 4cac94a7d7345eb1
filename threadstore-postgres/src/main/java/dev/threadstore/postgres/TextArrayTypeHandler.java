package dev.threadstore.postgres;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedJdbcTypes;
import org.apache.ibatis.type.MappedTypes;
import org.jspecify.annotations.Nullable;

/**
 * Binds a {@code List<String>} as one {@code text[]} parameter, so that {@code id = ANY(#{ids})} takes
 * any number of ids in a single bound parameter (an {@code IN} list of placeholders stops at pgjdbc's
 * 32767 parameters). Each element is encoded like every other string ({@link NulSafeStringTypeHandler}).
 * Only parameters use it; the mapper names it explicitly.
 */
@MappedTypes(List.class)
@MappedJdbcTypes(value = JdbcType.ARRAY, includeNullJdbcType = false)
final class TextArrayTypeHandler extends BaseTypeHandler<List<String>> {

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, List<String> parameter, @Nullable JdbcType jdbcType)
            throws SQLException {
        Object[] encoded = parameter.stream().map(NulSafeText::encode).toArray();
        Array array = ps.getConnection().createArrayOf("text", encoded);
        ps.setArray(i, array);
    }

    @Override
    public @Nullable List<String> getNullableResult(ResultSet rs, String columnName) {
        throw new UnsupportedOperationException("text[] is only bound as a parameter");
    }

    @Override
    public @Nullable List<String> getNullableResult(ResultSet rs, int columnIndex) {
        throw new UnsupportedOperationException("text[] is only bound as a parameter");
    }

    @Override
    public @Nullable List<String> getNullableResult(CallableStatement cs, int columnIndex) {
        throw new UnsupportedOperationException("text[] is only bound as a parameter");
    }
}
