package dev.threadstore.sql;

import java.sql.Connection;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every SQL statement at INFO when the store is opened with {@code echo=true} (the seed's SQLAlchemy
 * {@code echo}). Only the statement text with its {@code ?} placeholders is logged, never the bound values,
 * which may hold user data.
 */
@Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
final class EchoInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger("dev.threadstore.sql.echo");

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        StatementHandler handler = (StatementHandler) invocation.getTarget();
        LOG.info("{}", handler.getBoundSql().getSql().replaceAll("\\s+", " ").strip());
        return invocation.proceed();
    }
}
