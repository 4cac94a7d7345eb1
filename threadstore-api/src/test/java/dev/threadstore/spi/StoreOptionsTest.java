package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.StoreConfigurationException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The typed options and their catalogue: reading, defaults, errors, and the catalogue's own consistency. */
class StoreOptionsTest {

    private static StoreUri uri(String query) {
        return StoreUri.parse("sqlite:app.db" + query);
    }

    @Test
    void aTypedOptionReadsItsValueOrFallsBackToItsDefault() {
        assertThat(StoreOptions.POOL_SIZE.readOrDefault(uri(""))).isEqualTo(5);
        assertThat(StoreOptions.POOL_SIZE.readOrDefault(uri("?poolSize=12"))).isEqualTo(12);
        assertThat(StoreOptions.POOL_SIZE.read(uri(""))).isEmpty();
        assertThat(StoreOptions.ECHO.readOrDefault(uri("?echo=YES"))).isTrue();
        assertThat(StoreOptions.MIGRATION_LOCK_TIMEOUT.readOrDefault(uri("?migrationLockTimeout=0"))).isZero();
        assertThat(StoreOptions.CACHE.read(uri("").withOptions(Map.of("cache", "maximumSize=10")))).contains("maximumSize=10");
        assertThat(StoreOptions.POOLER.readOrDefault(uri(""))).isEqualTo("none");
    }

    @Test
    void aBadValueIsAConfigurationErrorNamingTheOptionAndWhatItAccepts() {
        assertThatThrownBy(() -> StoreOptions.POOL_SIZE.readOrDefault(uri("?poolSize=0")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessage("Option 'poolSize' must be between 1 and 1000, got 0");
        assertThatThrownBy(() -> StoreOptions.POOL_TIMEOUT.read(uri("?poolTimeout=soon")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessage("Option 'poolTimeout' must be an integer between 1 and 86400, got 'soon'");
        assertThatThrownBy(() -> StoreOptions.MIGRATE.read(uri("?migrate=perhaps")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessage("Option 'migrate' must be true or false, got 'perhaps'");
    }

    @Test
    void anOptionWithoutDefaultSaysSoWhenReadWithOne() {
        assertThat(StoreOptions.MAXIMUM_SIZE.defaultValue()).isEmpty();
        assertThatThrownBy(() -> StoreOptions.MAXIMUM_SIZE.readOrDefault(StoreUri.parse("memory:")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'maximumSize' has no default");
    }

    @Test
    void theUnknownOptionErrorListsTheValidOptionsOfThatBackendOnly() {
        assertThatThrownBy(() -> StoreOptions.requireKnown(uri("?schema=app&poolSize=2"), StoreOptions.SQLITE, "SQLite"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("Unknown option 'schema' for the SQLite store")
                .hasMessageContaining("known options: busyTimeout, cache, echo, maxOverflow, migrate,"
                        + " migrationLockTimeout, poolSize, poolTimeout")
                .hasMessageNotContaining("readUrl");
        StoreOptions.requireKnown(uri("?busyTimeout=5&poolSize=2"), StoreOptions.SQLITE, "SQLite");
    }

    @Test
    void everyCatalogueEntryIsNamedOnceDescribedAndBelongsToABackend() {
        Set<String> names = new HashSet<>();
        Set<String> variables = new HashSet<>();
        for (StoreOption<?> option : StoreOptions.all()) {
            assertThat(names.add(option.name())).as("option %s declared once", option).isTrue();
            assertThat(option.description()).as("description of %s", option).isNotBlank();
            assertThat(option.backends()).as("backends of %s", option)
                    .isNotEmpty()
                    .isSubsetOf(StoreOptions.SQLITE, StoreOptions.POSTGRESQL, StoreOptions.MEMORY, StoreOptions.FILE);
            option.environmentVariable().ifPresent(v ->
                    assertThat(variables.add(v)).as("variable %s supplies one option", v).isTrue());
            option.defaultValue().ifPresent(v -> assertThat(v).isInstanceOf(option.type()));
        }
        assertThat(StoreOptions.all().stream().filter(StoreOption::sensitive)).containsExactly(StoreOptions.READ_URL);
    }

    @Test
    void theSqlBackendsShareTheCoreOptionsAndKeepTheirOwnApart() {
        List<String> core = List.of("poolSize", "maxOverflow", "poolTimeout", "echo", "migrate", "migrationLockTimeout",
                "cache", "timeToLive");
        assertThat(StoreOptions.names(StoreOptions.SQLITE)).containsAll(core).contains("busyTimeout")
                .doesNotContain("schema", "sslmode");
        assertThat(StoreOptions.names(StoreOptions.POSTGRESQL)).containsAll(core)
                .contains("schema", "pooler", "readUrl", "sslmode", "options").doesNotContain("busyTimeout");
        assertThat(StoreOptions.names(StoreOptions.MEMORY))
                .containsExactlyInAnyOrder("timeToLive", "maximumSize", "expireAfterAccess", "expireAfterWrite");
        assertThat(StoreOptions.names("toy")).isEmpty();
    }

    @Test
    void onlyTheOptionsThatConfigureNoPoolApplyToAnApplicationsPool() {
        assertThat(StoreOptions.applicationPoolNames(StoreOptions.SQLITE))
                .containsExactlyInAnyOrder("echo", "migrate", "migrationLockTimeout", "cache", "timeToLive");
        assertThat(StoreOptions.applicationPoolNames(StoreOptions.POSTGRESQL))
                .containsExactlyInAnyOrder("echo", "migrate", "migrationLockTimeout", "cache", "timeToLive", "schema");
        for (StoreOption<?> option : StoreOptions.all()) {
            boolean configuresAPool = option.name().startsWith("pool") || option.name().equals("maxOverflow")
                    || option.name().equals("busyTimeout") || option.name().equals("readUrl")
                    || StoreOptions.PGJDBC_PROPERTIES.contains(option);
            if (configuresAPool) {
                assertThat(option.appliesToApplicationPool()).as("%s configures a pool", option).isFalse();
            }
        }
        StoreOption<Long> marked = StoreOption.ofLong("n", 0, 0, 1).withBackends("sqlite").applyingToApplicationPool();
        assertThat(marked.withDescription("d").asSensitive().withEnvironmentVariable("TYLER_N").withBackends("x")
                .appliesToApplicationPool()).as("the mark survives every copy").isTrue();
        assertThat(StoreOption.ofLong("n", 0, 0, 1).appliesToApplicationPool()).isFalse();
    }

    @Test
    void theEnvironmentSuppliesExactlyTheCataloguedVariablesOfTheBackend() {
        Map<String, String> env = Map.of("TYLER_DB_TYPE", "sqlite", "TYLER_DB_PATH", "/tmp/x.db",
                "TYLER_DB_POOL_SIZE", "7", "TYLER_MAX_FILE_SIZE", "99", "TYLER_DB_ECHO", "true");
        assertThat(StoreEnvironment.threadStoreUri(env).options())
                .containsExactlyInAnyOrderEntriesOf(Map.of("poolSize", "7", "echo", "true"));
        assertThat(StoreEnvironment.fileStoreUri(env, null).options())
                .containsExactlyInAnyOrderEntriesOf(Map.of("maxFileSize", "99"));
    }

    @Test
    void declaringAnOptionChecksWhatADeclarationNeeds() {
        assertThatThrownBy(() -> StoreOption.ofInt("n", 0, 1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default 0 must lie within 1..10");
        assertThatThrownBy(() -> StoreOption.ofText(" ", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreOption.ofText("x", null).withBackends()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreOption.ofText("x", null).withDescription("a | b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreOption.ofText("x", null).withEnvironmentVariable("DB_X"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TYLER_");
        StoreOption<Long> ttl = StoreOption.ofLong("ttl", 0, 0, 10).withDescription("d").withBackends("sqlite");
        assertThat(ttl.backends()).containsExactly("sqlite");
        assertThat(ttl.sensitive()).isFalse();
        assertThat(ttl.asSensitive().sensitive()).isTrue();
        assertThat(ttl.constraint()).isEqualTo("0..10");
    }
}
