package dev.threadstore.sqlite;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.jspecify.annotations.Nullable;

/**
 * Stores an {@link Instant} as an integer count of microseconds since the epoch, so that SQLite keeps the
 * exact instant (Tyler's SQLite lost the time zone and sub-millisecond digits) and time columns sort as numbers.
 */
final class EpochMicrosTypeHandler extends BaseTypeHandler<Instant> {

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant instant, JdbcType jdbcType) throws SQLException {
        ps.setLong(i, Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000));
    }

    @Override
    public @Nullable Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
        long micros = rs.getLong(columnName);
        return rs.wasNull() ? null : toInstant(micros);
    }

    @Override
    public @Nullable Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        long micros = rs.getLong(columnIndex);
        // getLong reads NULL as 0: only then ask whether it was NULL (on SQLite a native call, on every row of a get)
        return micros == 0 && rs.wasNull() ? null : toInstant(micros);
    }

    @Override
    public @Nullable Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        long micros = cs.getLong(columnIndex);
        return cs.wasNull() ? null : toInstant(micros);
    }

    private static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
