package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.StoreConfigurationException;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.Dialect;
import dev.threadstore.sql.SqlThreadStore;
import dev.threadstore.sql.testkit.AbstractMapperXmlTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite mapper as the store loads it equals MyBatis' parse of it: see {@link AbstractMapperXmlTest}. */
class SqliteMapperXmlTest extends AbstractMapperXmlTest {

    @TempDir
    Path dir;

    SqliteMapperXmlTest() {
        super(new SqliteDialect());
    }

    /** What MyBatis' DTD allows but the loader does not implement fails the open, naming the file and the line. */
    @Test
    void aMapperTheLoaderDoesNotImplementFailsTheOpenWithTheFileAndLine() {
        String mapper = "dev/threadstore/sqlite/UnknownAttributeMapper.xml";
        Dialect withThatMapper = (Dialect) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Dialect.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("mapperXml")) {
                        return mapper;
                    }
                    try {
                        return method.invoke(dialect(), arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        StoreUri uri = StoreUri.parse("sqlite:" + dir.resolve("threads.db"));

        assertThatThrownBy(() -> SqlThreadStore.open(withThatMapper, uri, Clock.systemUTC()).close())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("Mapper XML " + mapper + ", line 5: <select> has the attribute timeout");
    }
}
