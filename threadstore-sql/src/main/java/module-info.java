/**
 * What the SQL backends share: the {@link dev.threadstore.ThreadStore} implementation over a
 * {@link dev.threadstore.sql.Dialect}, with MyBatis, HikariCP, Liquibase, Gson and Caffeine. Exported only
 * to the backend modules built on it.
 */
module dev.threadstore.sql {
    requires transitive dev.threadstore;
    requires transitive org.mybatis;
    requires transitive com.zaxxer.hikari;
    requires liquibase.core;
    requires com.google.gson;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
    requires static org.jspecify;

    exports dev.threadstore.sql to dev.threadstore.sqlite, dev.threadstore.postgres;
    // Open to all, not only to MyBatis: the mapper XML Rows.xml lives in this package and is read through
    // a ClassLoader, which finds a named module's resources only in unconditionally open packages.
    opens dev.threadstore.sql;
}
