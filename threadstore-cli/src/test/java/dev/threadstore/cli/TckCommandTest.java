package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** tck runs the contract in-process and reports per contract; a broken backend fails it. */
class TckCommandTest {

    @RegisterExtension
    final PostgresServer postgres = new PostgresServer();

    @Test
    void memoryPassesTheSelectedContracts() {
        Cli.Result result = Cli.run("tck", "memory:", "--contract", "SaveContract,ArgumentContract");

        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("SaveContract", "ArgumentContract", "TCK passed")
                .doesNotContain("QueryContract");
    }

    @Test
    void sqliteGetsAFreshFilePerTest() {
        Cli.Result result = Cli.run("tck", "sqlite:ignored.db", "--contract", "SaveContract,DurabilityContract");

        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("DurabilityContract", "TCK passed");
    }

    @Test
    void postgresGetsAFreshSchemaPerTest() {
        Cli.Result result = Cli.run("tck", PostgresServer.serverUrl(), "--contract", "SaveContract");

        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("SaveContract", "TCK passed").contains(":****@");
    }

    @Test
    void aBrokenBackendFailsWithTheFailuresListed() {
        Cli.Result result = Cli.run("tck", "forgetful:", "--contract", "SaveContract");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).contains("failures:", "SaveContract.", "TCK FAILED");
    }

    @Test
    void anUnknownContractIsAUsageError() {
        Cli.Result result = Cli.run("tck", "memory:", "--contract", "NoSuchContract");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("no TCK test matched --contract NoSuchContract");
    }
}
