package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.sql.ChangeSetChecksums;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The checksum resource that lets an up-to-date database skip Liquibase is the changelog's, line for line: a
 * changeset added or edited without regenerating it fails here. After a deliberate change, regenerate it with
 * {@code -Dthreadstore.updateChecksums=true} and commit both.
 */
class ChangeSetChecksumsTest {

    @Test
    void theChecksumResourceIsGeneratedFromTheChangelog() throws Exception {
        SqliteDialect dialect = new SqliteDialect();
        String generated = ChangeSetChecksums.generate(dialect);
        if (Boolean.getBoolean("threadstore.updateChecksums")) {
            Files.writeString(Path.of("src", "main", "resources").resolve(ChangeSetChecksums.resource(dialect)),
                    generated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(ChangeSetChecksums.stored(dialect))
                .as(ChangeSetChecksums.resource(dialect) + " is behind the changelog; regenerate it with"
                        + " -Dthreadstore.updateChecksums=true")
                .contains(generated);
    }
}
