package dev.threadstore.postgres;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.sql.testkit.AbstractMapperXmlTest;

/**
 * The PostgreSQL mapper as the store loads it equals MyBatis' parse of it, {@code ${schema}} replaced by a configured
 * schema: see {@link AbstractMapperXmlTest}. Needs no server: with the {@code schema} option the dialect configures
 * MyBatis offline.
 */
class PostgresMapperXmlTest extends AbstractMapperXmlTest {

    PostgresMapperXmlTest() {
        super(withSchema());
    }

    /** @return a dialect configured with the {@code schema} option, so that it configures MyBatis offline */
    private static PostgresDialect withSchema() {
        PostgresDialect dialect = new PostgresDialect();
        dialect.configure(new HikariConfig(), StoreUri.parse("postgresql://app@localhost/threads?schema=tenant_a"));
        return dialect;
    }
}
