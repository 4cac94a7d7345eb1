package dev.threadstore.sql;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import org.apache.ibatis.binding.MapperProxyFactory;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.executor.resultset.ResultSetHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.apache.ibatis.session.SqlSession;

/**
 * The store's MyBatis {@link Configuration}: MyBatis' own, except that it binds {@link ThreadMapper} without
 * MyBatis' annotation scan of the interface. Parsing a mapper XML whose namespace names an interface makes MyBatis
 * register it through {@code MapperAnnotationBuilder}, which walks every method for statement annotations and,
 * finding none (every statement is in the XML), adds nothing: about a tenth of the parse, on the critical path of
 * a cold open. Here the XML's binding finds the interface already known, and {@link #getMapper} hands out the
 * same proxy MyBatis' registry would ({@link MapperProxyFactory}), which looks each call's statement up by id.
 *
 * <p>The shortcut holds only while {@code ThreadMapper} carries no MyBatis annotation; a class initialiser check
 * makes the configuration fall back to MyBatis' registry (and its scan) as soon as one appears. Every other mapper
 * goes through MyBatis' registry as usual.
 */
final class StoreConfiguration extends Configuration {

    /** Whether {@link ThreadMapper} is free of MyBatis annotations, so that the scan would add nothing. */
    private static final boolean PLAIN_MAPPER = hasNoMyBatisAnnotation(ThreadMapper.class);

    private final MapperProxyFactory<ThreadMapper> threadMapper = new MapperProxyFactory<>(ThreadMapper.class);

    /**
     * MyBatis' result set handler, except for a statement whose result type is {@link Rows.ThreadMessageRow} read
     * without a result handler: {@link ThreadRowsResultSetHandler} hands its rows straight to the registered
     * {@link ThreadMessageRowHandler}.
     */
    @Override
    public ResultSetHandler newResultSetHandler(Executor executor, MappedStatement mappedStatement, RowBounds rowBounds,
                                                ParameterHandler parameterHandler, ResultHandler resultHandler,
                                                BoundSql boundSql) {
        if (resultHandler == null && rowBounds == RowBounds.DEFAULT && mappedStatement.getResultMaps().size() == 1
                && mappedStatement.getResultMaps().get(0).getType() == Rows.ThreadMessageRow.class
                && getTypeHandlerRegistry().getTypeHandler(Rows.ThreadMessageRow.class)
                        instanceof ThreadMessageRowHandler rows) {
            return (ResultSetHandler) interceptorChain.pluginAll(new ThreadRowsResultSetHandler(rows));
        }
        return super.newResultSetHandler(executor, mappedStatement, rowBounds, parameterHandler, resultHandler,
                boundSql);
    }

    @Override
    public boolean hasMapper(Class<?> type) {
        return (PLAIN_MAPPER && type == ThreadMapper.class) || super.hasMapper(type);
    }

    @Override
    public <T> T getMapper(Class<T> type, SqlSession sqlSession) {
        if (PLAIN_MAPPER && type == ThreadMapper.class) {
            return type.cast(threadMapper.newInstance(sqlSession));
        }
        return super.getMapper(type, sqlSession);
    }

    /** @return true when no method of {@code type} (nor the type) carries an annotation from MyBatis' packages */
    static boolean hasNoMyBatisAnnotation(Class<?> type) {
        if (fromMyBatis(type.getAnnotations())) {
            return false;
        }
        for (Method method : type.getMethods()) {
            if (fromMyBatis(method.getAnnotations())) {
                return false;
            }
        }
        return true;
    }

    private static boolean fromMyBatis(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            // @Param is read when a statement runs (ParamNameResolver), not by the scan
            if (annotation.annotationType().getName().startsWith("org.apache.ibatis.")
                    && !(annotation instanceof org.apache.ibatis.annotations.Param)) {
                return true;
            }
        }
        return false;
    }
}
