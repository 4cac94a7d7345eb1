package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreEnvironment;
import dev.threadstore.spi.StoreUri;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration the PostgreSQL backend checks before it connects; no server needed. */
class PostgresConfigurationTest {

    @Test
    void providerIsFoundForEverySpellingOfTheScheme() {
        assertThat(java.util.ServiceLoader.load(dev.threadstore.spi.ThreadStoreProvider.class).stream()
                .flatMap(p -> p.get().schemes().stream())).contains("postgresql", "postgres");
        assertThat(StoreUri.parse("postgresql+asyncpg://u:p@h/db").scheme()).isEqualTo("postgresql");
        assertThat(StoreUri.parse("jdbc:postgresql://h:5432/db").scheme()).isEqualTo("postgresql");
    }

    @Test
    void missingEnvironmentVariablesAreAllNamed() {
        assertThatThrownBy(() -> StoreEnvironment.threadStoreUri(Map.of("TYLER_DB_TYPE", "postgresql",
                "TYLER_DB_HOST", "db.example")))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("TYLER_DB_PORT").hasMessageContaining("TYLER_DB_NAME")
                .hasMessageContaining("TYLER_DB_USER").hasMessageContaining("TYLER_DB_PASSWORD");
    }

    @Test
    void schemaThatIsNotAPlainIdentifierIsRejectedNamingTheOption() {
        assertThatThrownBy(() -> ThreadStore.create("postgresql://u:s3cret@127.0.0.1:1/db?schema=Bad%20Name"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("schema").hasMessageContaining("Bad Name")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void unknownOptionIsRejectedAndTheKnownOnesListed() {
        assertThatThrownBy(() -> ThreadStore.create("postgresql://u:s3cret@127.0.0.1:1/db?sslpassword=x"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("sslpassword").hasMessageContaining("sslmode").hasMessageContaining("schema")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void badPoolSizeIsRejected() {
        assertThatThrownBy(() -> ThreadStore.create("postgresql://u:s3cret@127.0.0.1:1/db?poolSize=lots"))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("poolSize");
    }

    @Test
    void unknownPoolerIsRejectedNamingTheValuesItTakes() {
        assertThatThrownBy(() -> ThreadStore.create("postgresql://u:s3cret@127.0.0.1:1/db?pooler=pgpool"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("pooler").hasMessageContaining("pgbouncer").hasMessageContaining("pgpool")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void startupOptionsThatPgBouncerWouldDropAreRejectedWithPoolerPgBouncer() {
        assertThatThrownBy(() -> ThreadStore.create(
                "postgresql://u:s3cret@127.0.0.1:1/db?pooler=pgbouncer&options=-c%20statement_timeout%3D5s"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("options").hasMessageContaining("pooler=pgbouncer");
    }

    @Test
    void everyTableInTheMapperXmlIsNamedWithTheSchemaAndSchemaIsItsOnlySplicedValue() throws java.io.IOException {
        String xml;
        try (var in = PostgresDialect.class.getClassLoader().getResourceAsStream("dev/threadstore/postgres/ThreadMapper.xml")) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
        }
        java.util.Set<String> cteNames = new java.util.HashSet<>();
        var cte = java.util.regex.Pattern.compile("(?:WITH|,)\\s+(\\w+)\\s+AS\\s+(?:MATERIALIZED\\s+)?\\(").matcher(xml);
        while (cte.find()) {
            cteNames.add(cte.group(1));
        }
        var target = java.util.regex.Pattern.compile("\\b(?:FROM|JOIN|INTO|(?<!FOR\\s)UPDATE)\\s+(?!\\$\\{schema}\\.)(\\w++)(?!\\s*\\()")
                .matcher(xml);
        java.util.List<String> unqualified = new java.util.ArrayList<>();
        while (target.find()) {
            if (!cteNames.contains(target.group(1))) {
                unqualified.add(target.group());
            }
        }
        assertThat(unqualified).as("tables named without ${schema}. in ThreadMapper.xml").isEmpty();
        assertThat(xml.replace("${schema}", "")).as("${} other than ${schema}").doesNotContain("${");
    }
}
