package dev.threadstore.sql.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.sql.ChangeSetChecksums;
import dev.threadstore.sql.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The checksum resource that lets an up-to-date database skip Liquibase is the changelog's, line for line: a
 * changeset added or edited without regenerating it fails here. After a deliberate change, regenerate it with
 * {@code -Dthreadstore.updateChecksums=true} and commit both. A backend's {@code ChangeSetChecksumsTest} extends it
 * with its dialect; surefire runs it in the backend module, whose {@code src/main/resources} the regeneration writes.
 */
public abstract class AbstractChangeSetChecksumsTest {

    private final Dialect dialect;

    /** @param dialect the backend's dialect, whose changelog and checksum resource are compared */
    protected AbstractChangeSetChecksumsTest(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    @Test
    void theChecksumResourceIsGeneratedFromTheChangelog() throws Exception {
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
