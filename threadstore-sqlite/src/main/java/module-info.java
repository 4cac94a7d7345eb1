/**
 * The SQLite backend: scheme {@code sqlite} (also {@code sqlite+aiosqlite:}, {@code jdbc:sqlite:} and
 * {@code :memory:}). Only the provider is public; the package is open so that Liquibase and MyBatis can read
 * the changelog and mapper XML it holds.
 */
open module dev.threadstore.sqlite {
    requires dev.threadstore.sql;
    requires org.xerial.sqlitejdbc;
    requires org.slf4j;
    requires static org.jspecify;

    provides dev.threadstore.spi.ThreadStoreProvider with dev.threadstore.sqlite.SqliteThreadStoreProvider;
}
