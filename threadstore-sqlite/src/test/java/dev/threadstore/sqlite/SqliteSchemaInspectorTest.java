package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ThreadStore;
import dev.threadstore.spi.SchemaStatus;
import dev.threadstore.spi.StoreUri;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's schema status: read without migrating or creating anything. */
class SqliteSchemaInspectorTest {

    @TempDir
    Path dir;

    private final SqliteThreadStoreProvider provider = new SqliteThreadStoreProvider();

    @Test
    void aMissingFileHasEveryChangesetPendingAndIsNotCreated() {
        Path file = dir.resolve("new.db");

        SchemaStatus status = provider.schemaStatus(StoreUri.parse("sqlite:" + file));

        assertThat(status.applied()).isEmpty();
        assertThat(status.version()).isEmpty();
        assertThat(status.pending()).isNotEmpty().first().isEqualTo("1-threads");
        assertThat(status.upToDate()).isFalse();
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void aMigratedDatabaseIsUpToDateWithEveryChangesetApplied() {
        String url = "sqlite:" + dir.resolve("t.db");
        SchemaStatus before = provider.schemaStatus(StoreUri.parse(url));
        ThreadStore.create(url).close();

        SchemaStatus after = provider.schemaStatus(StoreUri.parse(url));

        assertThat(after.upToDate()).isTrue();
        assertThat(after.applied()).isEqualTo(before.pending());
        assertThat(after.version()).contains(before.pending().get(before.pending().size() - 1));
        assertThat(after.changelog()).isEqualTo("dev/threadstore/sqlite/changelog.xml");
    }

    @Test
    void anOpenStoresPoolAndMaskedUrlGiveTheSameStatusAsItsUrlAndThePoolStaysOpen() throws Exception {
        String url = "sqlite:" + dir.resolve("open.db");
        try (ThreadStore store = ThreadStore.create(url)) {
            javax.sql.DataSource pool = store.dataSource().orElseThrow();
            SchemaStatus throughPool = provider.schemaStatus(pool, StoreUri.parse(store.databaseUrl().orElseThrow()));

            assertThat(throughPool).isEqualTo(provider.schemaStatus(StoreUri.parse(url)));
            assertThat(throughPool.upToDate()).isTrue();
            try (java.sql.Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(5)).as("the caller's pool after the status read").isTrue();
            }
        }
    }
}
