package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** migrate and info before and after a migration, on SQLite and PostgreSQL. */
class MigrateCommandTest {

    @RegisterExtension
    final PostgresServer postgres = new PostgresServer();

    @TempDir
    Path dir;

    @Test
    void sqliteDryRunListsEveryChangesetAndCreatesNothing() {
        Path file = dir.resolve("new.db");

        Cli.Result dryRun = Cli.run("migrate", "sqlite:" + file, "--dry-run");

        assertThat(dryRun.code()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("(none: new database)", "changesets pending (not applied: --dry-run)",
                "  1-threads");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void sqliteMigrateAppliesThenInfoShowsNothingPending() {
        migrateAppliesThenNothingIsPending("sqlite:" + dir.resolve("t.db"));
    }

    @Test
    void postgresMigrateAppliesThenInfoShowsNothingPending() {
        migrateAppliesThenNothingIsPending(postgres.newSchemaUrl());
    }

    private static void migrateAppliesThenNothingIsPending(String url) {
        Cli.Result before = Cli.run("info", url);
        Cli.Result ls = Cli.run("ls", url);
        Cli.Result migrate = Cli.run("migrate", url);
        Cli.Result after = Cli.run("info", url);
        Cli.Result again = Cli.run("migrate", url, "--dry-run");

        assertThat(before.out()).contains("schema:    (none: new database)", "threads:   (not counted: the schema is behind");
        assertThat(ls.code()).isEqualTo(1);
        assertThat(ls.err()).contains("migrate=false forbids");
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("applied ", "  1-threads", "schema is now ");
        assertThat(after.out()).contains("pending:   none", "threads:   0", "messages:  0");
        assertThat(again.out()).contains("up to date: no changeset pending");
    }
}
