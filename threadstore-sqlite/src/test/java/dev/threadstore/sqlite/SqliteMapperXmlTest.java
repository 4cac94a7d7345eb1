package dev.threadstore.sqlite;

import dev.threadstore.sql.MapperXml;
import dev.threadstore.sql.ThreadMapper;
import dev.threadstore.sql.testkit.AbstractMapperXmlTest;
import java.io.IOException;
import java.util.List;
import org.apache.ibatis.session.Configuration;

/** The SQLite mapper as the store loads it equals MyBatis' parse of it: see {@link AbstractMapperXmlTest}. */
class SqliteMapperXmlTest extends AbstractMapperXmlTest {

    private final SqliteDialect dialect = new SqliteDialect();

    @Override
    protected Configuration loadedByTheStore() throws IOException {
        return MapperXml.configure(MapperXml.bareConfiguration(), dialect);
    }

    @Override
    protected Configuration withoutMappers() {
        Configuration configuration = MapperXml.bareConfiguration();
        dialect.configure(configuration);
        return configuration;
    }

    @Override
    protected List<String> mapperFiles() {
        return List.of(MapperXml.ROWS, dialect.mapperXml());
    }

    @Override
    protected Class<?> mapperInterface() {
        return ThreadMapper.class;
    }
}
