package dev.threadstore.postgres;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.MapperXml;
import dev.threadstore.sql.ThreadMapper;
import dev.threadstore.sql.testkit.AbstractMapperXmlTest;
import java.io.IOException;
import java.util.List;
import org.apache.ibatis.session.Configuration;

/**
 * The PostgreSQL mapper as the store loads it equals MyBatis' parse of it, {@code ${schema}} replaced by a configured
 * schema: see {@link AbstractMapperXmlTest}. Needs no server: with the {@code schema} option the dialect configures
 * MyBatis offline.
 */
class PostgresMapperXmlTest extends AbstractMapperXmlTest {

    private final PostgresDialect dialect = new PostgresDialect();

    PostgresMapperXmlTest() {
        dialect.configure(new HikariConfig(), StoreUri.parse("postgresql://app@localhost/threads?schema=tenant_a"));
    }

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
