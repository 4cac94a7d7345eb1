package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.StoreConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Host lists ({@code db1:5432,db2:5433}) as pgjdbc and libpq read them: parsed, shown masked, or refused. */
class StoreUriHostListTest {

    private static final List<String> FORMS = List.of("postgresql://", "postgres://", "postgresql+asyncpg://",
            "jdbc:postgresql://");
    private static final String PASSWORD = "QXZ7pw";

    @Test
    void parsesTheIssuesMultiHostUrlWithFailoverParameters() {
        StoreUri uri = StoreUri.parse("postgresql://u:" + PASSWORD + "@db1:5432,db2:5432/app?targetServerType=primary"
                + "&loadBalanceHosts=true&hostRecheckSeconds=2");

        assertThat(uri.hosts()).containsExactly(new StoreUri.Host("db1", 5432), new StoreUri.Host("db2", 5432));
        assertThat(uri.host()).contains("db1");
        assertThat(uri.database()).isEqualTo("app");
        assertThat(uri.password()).contains(PASSWORD);
        assertThat(uri.options()).containsEntry("targetServerType", "primary").containsEntry("loadBalanceHosts", "true")
                .containsEntry("hostRecheckSeconds", "2");
        assertThat(uri.toString()).isEqualTo("postgresql://u:****@db1:5432,db2:5432/app?targetServerType=primary"
                + "&loadBalanceHosts=true&hostRecheckSeconds=2");
    }

    @Test
    void parsesIpv6HostLists() {
        StoreUri uri = StoreUri.parse("jdbc:postgresql://u:" + PASSWORD + "@[::1]:5432,[::1]:5433/app");

        assertThat(uri.hosts()).containsExactly(new StoreUri.Host("::1", 5432), new StoreUri.Host("::1", 5433));
        assertThat(uri.toString()).isEqualTo("postgresql://u:****@[::1]:5432,[::1]:5433/app");
    }

    @Test
    void aSingleHostIsAListOfOneAndNoHostIsAnEmptyList() {
        assertThat(StoreUri.parse("postgresql://db:6543/app").hosts()).containsExactly(new StoreUri.Host("db", 6543));
        assertThat(StoreUri.parse("postgresql://db/app").hosts()).containsExactly(new StoreUri.Host("db", -1));
        assertThat(StoreUri.parse("postgresql:///app").hosts()).isEmpty();
        assertThat(StoreUri.parse("sqlite:x.db").hosts()).isEmpty();
        assertThat(StoreUri.of("postgresql", "u", "p", "db", 5432, "/app", java.util.Map.of()).hosts())
                .containsExactly(new StoreUri.Host("db", 5432));
    }

    @Test
    void hostListsDifferingInOneHostAreNotEqual() {
        assertThat(StoreUri.parse("postgresql://db1,db2/app")).isNotEqualTo(StoreUri.parse("postgresql://db1,db3/app"))
                .isEqualTo(StoreUri.parse("jdbc:postgresql://db1,db2/app"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://u:%s@db1:5432,,db2:5432/app", "postgresql://u:%s@,db2/app",
            "postgresql://u:%s@db1,/app", "postgres://u:%s@db1,:5433/app"})
    void anEmptyEntryIsRefusedNamingItsPosition(String template) {
        assertThatThrownBy(() -> StoreUri.parse(template.formatted(PASSWORD)))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("host list entry")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aBadPortIsRefusedNamingThePortAndItsEntry() {
        assertThatThrownBy(() -> StoreUri.parse("postgresql://u:" + PASSWORD + "@db1:5432,db2:54x2/app"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("'54x2'")
                .hasMessageContaining("host list entry 2 of 2")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> StoreUri.parse("postgresql://u:" + PASSWORD + "@[::1]:70000,[::1]:5433/app"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("'70000'")
                .hasMessageContaining("host list entry 1 of 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://u:%s@db1:5432,postgres://db2:5432/app",
            "postgresql://u:%s@db1,mysql://db2/app", "jdbc:postgresql://u:%s@db1,jdbc:postgresql://db2/app",
            "postgresql://u:%s@db1/app,postgresql://u:%s@db2/app"})
    void mixedSchemesAreRefused(String template) {
        assertThatThrownBy(() -> StoreUri.parse(template.replace("%s", PASSWORD)))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageNotContaining(PASSWORD)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("mixed schemes", "mixes in"));
    }

    @Test
    void anOptionHoldingAUrlShowsWithItsPasswordMasked() {
        StoreUri uri = StoreUri.parse("postgresql://u:" + PASSWORD + "@db1,db2/app")
                .withOptions(java.util.Map.of("readUrl", "postgresql://r:" + PASSWORD + "x@replica1,replica2/app"));

        assertThat(uri.toString()).doesNotContain(PASSWORD).contains("readUrl=postgresql")
                .contains("replica1,replica2");
        assertThat(StoreUri.mask("postgresql://db/app?readUrl=postgresql%3A%2F%2Fr%3A" + PASSWORD + "%40replica%2Fapp"))
                .doesNotContain(PASSWORD);
    }

    @Test
    void generatedHostListsParseInEveryFormAndShowEveryHostMasked() {
        long seed = Long.getLong("threadstore.seed", 20261129L);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            List<StoreUri.Host> hosts = hostList(random);
            String form = FORMS.get(random.nextInt(FORMS.size()));
            String url = form + "app_user:" + PASSWORD + "@" + join(hosts) + "/app?targetServerType=primary";
            try {
                StoreUri uri = StoreUri.parse(url);
                String shown = uri.toString();
                boolean right = uri.hosts().equals(hosts) && uri.scheme().equals(form.startsWith("postgres:")
                        ? "postgres" : "postgresql") && uri.database().equals("app")
                        && uri.password().orElse("").equals(PASSWORD)
                        && shown.contains("@" + join(hosts) + "/app") && !shown.contains(PASSWORD)
                        && StoreUri.parse(shown).hosts().equals(hosts);
                if (!right) {
                    failures.add(url + " parsed as " + shown + " with hosts " + uri.hosts());
                }
            } catch (StoreConfigurationException e) {
                failures.add(url + " failed: " + e.getMessage());
            }
        }
        assertThat(failures).as("seed %d (rerun with -Dthreadstore.seed=%d)", seed, seed).isEmpty();
    }

    @Test
    void generatedBadHostListsFailNamingThePartWithoutThePassword() {
        long seed = Long.getLong("threadstore.seed", 20261129L);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            List<String> entries = new ArrayList<>(join(hostList(random)).transform(t -> List.of(t.split(","))));
            int position = random.nextInt(entries.size() + 1);
            String expected;
            switch (i % 3) {
                case 0 -> {
                    entries.add(position, "");
                    expected = "host list entry " + (position + 1) + " of " + entries.size();
                }
                case 1 -> {
                    String badPort = List.of("0", "65536", "5x", "-1", "99999999999").get(random.nextInt(5));
                    entries.add(position, "db-bad:" + badPort);
                    expected = "'" + badPort + "'";
                }
                default -> {
                    String scheme = List.of("mysql", "postgres", "postgresql", "sqlite").get(random.nextInt(4));
                    entries.add(position, scheme + "://db-other");
                    expected = "'" + scheme + "'";
                }
            }
            String url = FORMS.get(random.nextInt(FORMS.size())) + "u:" + PASSWORD + "@" + String.join(",", entries)
                    + "/app";
            try {
                StoreUri uri = StoreUri.parse(url);
                failures.add(url + " parsed as " + uri);
            } catch (StoreConfigurationException e) {
                if (!e.getMessage().contains(expected) || e.getMessage().contains(PASSWORD)) {
                    failures.add(url + " failed with '" + e.getMessage() + "', expected it to name " + expected);
                }
            }
        }
        assertThat(failures).as("seed %d (rerun with -Dthreadstore.seed=%d)", seed, seed).isEmpty();
    }

    /** One to five hosts: names, IPv4 and IPv6 addresses, each with a port or none. */
    private static List<StoreUri.Host> hostList(Random random) {
        List<StoreUri.Host> hosts = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String name = switch (random.nextInt(4)) {
                case 0 -> "db" + random.nextInt(100) + ".example.com";
                case 1 -> "10.0." + random.nextInt(256) + "." + random.nextInt(256);
                case 2 -> "::" + Integer.toHexString(1 + random.nextInt(0xffff));
                default -> "2001:db8::" + Integer.toHexString(random.nextInt(0xffff)) + ":" + random.nextInt(10);
            };
            hosts.add(new StoreUri.Host(name, random.nextBoolean() ? -1 : 1 + random.nextInt(65535)));
        }
        return hosts;
    }

    private static String join(List<StoreUri.Host> hosts) {
        return String.join(",", hosts.stream().map(StoreUri.Host::toString).toList());
    }
}
