package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Passwords are masked in whatever a command prints on standard error, however the text quotes them. */
class RedactionTest {

    @Test
    void masksUserInfoSecretOptionsAndEveryPasswordGivenOnTheCommandLine() {
        Redaction redaction = Redaction.of(List.of("copy", "postgresql://bob:hunter22@db:5432/app", "sqlite:x.db"),
                "postgres://eve:env-secret@h/db");

        assertThat(redaction.mask("Cannot open postgresql://bob:hunter22@db:5432/app")).isEqualTo("Cannot open postgresql://****@db:5432/app");
        assertThat(redaction.mask("driver said: password hunter22 refused")).isEqualTo("driver said: password **** refused");
        assertThat(redaction.mask("env-secret leaked")).isEqualTo("**** leaked");
        assertThat(redaction.mask("x?password=abc&readUrl=postgresql://u:p@h/db&a=1")).isEqualTo("x?password=****&readUrl=****&a=1");
        assertThat(redaction.mask("sqlite:x.db has 3 threads")).isEqualTo("sqlite:x.db has 3 threads");
    }

    @Test
    void theWrappedWriterMasksAPasswordWrittenInPieces() {
        StringWriter target = new StringWriter();
        PrintWriter err = Redaction.of(List.of("postgresql://bob:hunter22@db/app"), null).wrap(new PrintWriter(target));

        err.print("error: hun");
        err.print("ter22 was refused");
        err.println();
        err.flush();

        assertThat(target.toString()).isEqualTo("error: **** was refused" + System.lineSeparator());
    }
}
