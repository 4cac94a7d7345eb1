package dev.threadstore.sql;

import dev.threadstore.sql.Rows.MessageRow;
import dev.threadstore.sql.ThreadMapper.ThreadAdvance;
import dev.threadstore.sql.ThreadMapper.ThreadWrite;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.scripting.xmltags.XMLLanguageDriver;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeException;
import org.apache.ibatis.type.TypeHandler;
import org.jspecify.annotations.Nullable;

/**
 * The MyBatis language ({@code lang="dev.threadstore.sql.RowBinding"}) of the write statements every append or save
 * runs: the statement is parsed exactly as any mapper XML statement, and each parameter is set through the type
 * handler MyBatis chose for it, but the values of a write's row record ({@link MessageRow}, {@link ThreadWrite},
 * {@link ThreadAdvance}) are read with a plain accessor call per column instead of MyBatis' reflective property
 * access ({@code MetaObject}: a wrapper, a getter lookup and a reflective call per column, about a quarter of the
 * Java time of an append). Only for static SQL whose parameters are all properties of the record: any other
 * parameter object goes to MyBatis' own handler.
 */
public final class RowBinding extends XMLLanguageDriver {

    /** Created by MyBatis when it parses a statement that names this language. */
    public RowBinding() {
    }

    @Override
    public ParameterHandler createParameterHandler(MappedStatement statement, Object parameter, BoundSql sql) {
        if (parameter instanceof MessageRow || parameter instanceof ThreadWrite || parameter instanceof ThreadAdvance) {
            return new Parameters(statement.getConfiguration(), parameter, sql);
        }
        return super.createParameterHandler(statement, parameter, sql);
    }

    /** @return the row's value of a property the statement names */
    static @Nullable Object property(Object row, String name) {
        if (row instanceof MessageRow m) {
            return message(m, name);
        }
        if (row instanceof ThreadWrite w) {
            return thread(w, name);
        }
        return advance((ThreadAdvance) row, name);
    }

    private static @Nullable Object message(MessageRow m, String name) {
        return switch (name) {
            case "threadId" -> m.threadId();
            case "id" -> m.id();
            case "sequence" -> m.sequence();
            case "role" -> m.role();
            case "content" -> m.content();
            case "parts" -> m.parts();
            case "name" -> m.name();
            case "toolCallId" -> m.toolCallId();
            case "toolCalls" -> m.toolCalls();
            case "attributes" -> m.attributes();
            case "timestamp" -> m.timestamp();
            case "source" -> m.source();
            case "reactions" -> m.reactions();
            case "metrics" -> m.metrics();
            case "digest" -> m.digest();
            default -> throw unknown(m, name);
        };
    }

    private static @Nullable Object thread(ThreadWrite w, String name) {
        return switch (name) {
            case "id" -> w.id();
            case "title" -> w.title();
            case "attributes" -> w.attributes();
            case "sourceName" -> w.sourceName();
            case "source" -> w.source();
            case "createdAt" -> w.createdAt();
            case "updatedAt" -> w.updatedAt();
            case "version" -> w.version();
            case "expiresAt" -> w.expiresAt();
            case "messageCount" -> w.messageCount();
            case "lastSequence" -> w.lastSequence();
            case "previousUpdatedAt" -> w.previousUpdatedAt();
            case "now" -> w.now();
            default -> throw unknown(w, name);
        };
    }

    private static @Nullable Object advance(ThreadAdvance a, String name) {
        return switch (name) {
            case "id" -> a.id();
            case "version" -> a.version();
            case "previousUpdatedAt" -> a.previousUpdatedAt();
            case "now" -> a.now();
            case "updatedAt" -> a.updatedAt();
            case "renewedExpiry" -> a.renewedExpiry();
            case "added" -> a.added();
            case "lastSequence" -> a.lastSequence();
            default -> throw unknown(a, name);
        };
    }

    private static IllegalArgumentException unknown(Object row, String name) {
        return new IllegalArgumentException("A statement names '" + name + "', which " + row.getClass().getSimpleName()
                + " does not have");
    }

    /** Sets a statement's parameters from a row record, each through the type handler of its mapping. */
    private record Parameters(Configuration configuration, Object row, BoundSql sql) implements ParameterHandler {

        @Override
        public Object getParameterObject() {
            return row;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void setParameters(PreparedStatement statement) {
            List<ParameterMapping> mappings = sql.getParameterMappings();
            for (int i = 0; i < mappings.size(); i++) {
                ParameterMapping mapping = mappings.get(i);
                Object value = property(row, mapping.getProperty());
                JdbcType jdbcType = mapping.getJdbcType();
                if (value == null && jdbcType == null) {
                    jdbcType = configuration.getJdbcTypeForNull();
                }
                try {
                    ((TypeHandler<Object>) mapping.getTypeHandler()).setParameter(statement, i + 1, value, jdbcType);
                } catch (TypeException | SQLException e) {
                    throw new TypeException("Could not set parameter " + mapping.getProperty() + " of "
                            + row.getClass().getSimpleName() + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
