package dev.threadstore.sql;

import java.util.logging.Level;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Liquibase's logging for one migration run, installed in that run's Liquibase scope only: every line goes to
 * SLF4J under the Liquibase class's name, warnings and errors as such and everything else (Liquibase narrates
 * each step at INFO) at DEBUG, so opening a store prints nothing and nothing global, such as a
 * {@code java.util.logging} level, is changed.
 */
final class LiquibaseLogService extends AbstractLogService {

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public Logger getLog(Class clazz) {
        return new Slf4jLogger(LoggerFactory.getLogger(clazz));
    }

    private static final class Slf4jLogger extends AbstractLogger {
        private final org.slf4j.Logger log;

        Slf4jLogger(org.slf4j.Logger log) {
            this.log = log;
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            if (level.equals(Level.OFF)) {
                return;     // Liquibase logs "analytics disabled" at OFF, its default analytics log level: not an error
            }
            if (level.intValue() >= Level.SEVERE.intValue()) {
                log.error(message, e);
            } else if (level.intValue() >= Level.WARNING.intValue()) {
                log.warn(message, e);
            } else if (level.intValue() >= Level.CONFIG.intValue()) {
                log.debug(message, e);
            } else {
                log.trace(message, e);
            }
        }
    }
}
