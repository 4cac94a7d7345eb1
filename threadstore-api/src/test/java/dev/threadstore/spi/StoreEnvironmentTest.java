package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.StoreConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreEnvironmentTest {

    @Test
    void noDatabaseTypeMeansMemory() {
        assertThat(StoreEnvironment.threadStoreUri(Map.of()).scheme()).isEqualTo("memory");
        assertThat(StoreEnvironment.threadStoreUri(Map.of("TYLER_DB_TYPE", " ")).scheme()).isEqualTo("memory");
        assertThat(StoreEnvironment.threadStoreUri(Map.of("TYLER_DB_TYPE", "memory")).options()).isEmpty();
    }

    @Test
    void postgresVariablesBecomeAUrlWithPoolOptions() {
        StoreUri uri = StoreEnvironment.threadStoreUri(Map.of(
                "TYLER_DB_TYPE", "postgresql", "TYLER_DB_HOST", "db", "TYLER_DB_PORT", "5433",
                "TYLER_DB_NAME", "tyler", "TYLER_DB_USER", "tyler_user", "TYLER_DB_PASSWORD", "p@ss:/word",
                "TYLER_DB_ECHO", "true", "TYLER_DB_POOL_SIZE", "10", "TYLER_DB_MAX_OVERFLOW", "20"));

        assertThat(uri.scheme()).isEqualTo("postgresql");
        assertThat(uri.host()).contains("db");
        assertThat(uri.port()).hasValue(5433);
        assertThat(uri.database()).isEqualTo("tyler");
        assertThat(uri.user()).contains("tyler_user");
        assertThat(uri.password()).contains("p@ss:/word");
        assertThat(uri.options()).containsEntry("echo", "true").containsEntry("poolSize", "10").containsEntry("maxOverflow", "20");
        assertThat(uri.toString()).doesNotContain("p@ss");
    }

    @Test
    void everyMissingPostgresVariableIsNamedAtOnce() {
        assertThatThrownBy(() -> StoreEnvironment.threadStoreUri(Map.of("TYLER_DB_TYPE", "postgres", "TYLER_DB_HOST", "db")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("TYLER_DB_PORT")
                .hasMessageContaining("TYLER_DB_NAME")
                .hasMessageContaining("TYLER_DB_USER")
                .hasMessageContaining("TYLER_DB_PASSWORD")
                .hasMessageNotContaining("TYLER_DB_HOST,");
    }

    @Test
    void aBadPortIsRejected() {
        assertThatThrownBy(() -> StoreEnvironment.threadStoreUri(Map.of("TYLER_DB_TYPE", "postgresql", "TYLER_DB_HOST", "db",
                "TYLER_DB_PORT", "five", "TYLER_DB_NAME", "n", "TYLER_DB_USER", "u", "TYLER_DB_PASSWORD", "secret")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("TYLER_DB_PORT")
                .hasMessageNotContaining("secret");
    }

    @Test
    void sqliteNeedsAPath() {
        assertThat(StoreEnvironment.threadStoreUri(Map.of("TYLER_DB_TYPE", "sqlite", "TYLER_DB_PATH", "/tmp/my db?.sqlite")).path())
                .isEqualTo("/tmp/my db?.sqlite");
        assertThatThrownBy(() -> StoreEnvironment.threadStoreUri(Map.of("TYLER_DB_TYPE", "sqlite")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("TYLER_DB_PATH");
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> StoreEnvironment.threadStoreUri(Map.of("TYLER_DB_TYPE", "mysql")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("mysql")
                .hasMessageContaining("postgresql, postgres, sqlite, memory");
    }

    @Test
    void fileStoreLimitsComeFromTheUrlThenTheEnvironment() {
        Map<String, String> env = Map.of("TYLER_FILE_STORAGE_PATH", "/data/files", "TYLER_MAX_FILE_SIZE", "100",
                "TYLER_MAX_STORAGE_SIZE", "1000", "TYLER_ALLOWED_MIME_TYPES", "text/plain");

        StoreUri fromEnv = StoreEnvironment.fileStoreUri(env, null);
        assertThat(fromEnv.scheme()).isEqualTo("file");
        assertThat(fromEnv.path()).isEqualTo("/data/files");
        assertThat(fromEnv.options()).containsEntry("maxFileSize", "100").containsEntry("maxStorageSize", "1000")
                .containsEntry("allowedMimeTypes", "text/plain");

        StoreUri fromUrl = StoreEnvironment.fileStoreUri(env, "file:///other?maxFileSize=5");
        assertThat(fromUrl.path()).isEqualTo("/other");
        assertThat(fromUrl.options()).containsEntry("maxFileSize", "5").containsEntry("maxStorageSize", "1000");
    }

    @Test
    void fileStoreDefaultsToTheHomeDirectory() {
        assertThat(StoreEnvironment.fileStoreUri(Map.of(), null).path())
                .isEqualTo(System.getProperty("user.home") + "/.threadstore/files");
    }
}
