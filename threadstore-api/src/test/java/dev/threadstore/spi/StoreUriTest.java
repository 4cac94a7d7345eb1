package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.StoreConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreUriTest {

    @Test
    void parsesPostgresUrlWithEveryPart() {
        StoreUri uri = StoreUri.parse("postgresql://tyler_user:s3cret@db.example.com:6543/tyler?sslmode=require&poolSize=7");

        assertThat(uri.scheme()).isEqualTo("postgresql");
        assertThat(uri.user()).contains("tyler_user");
        assertThat(uri.password()).contains("s3cret");
        assertThat(uri.host()).contains("db.example.com");
        assertThat(uri.port()).hasValue(6543);
        assertThat(uri.database()).isEqualTo("tyler");
        assertThat(uri.options()).containsExactly(Map.entry("sslmode", "require"), Map.entry("poolSize", "7"));
    }

    @Test
    void acceptsTheSeedsPythonUrlsUnchanged() {
        StoreUri asyncpg = StoreUri.parse("postgresql+asyncpg://user:pass@localhost/dbname");
        assertThat(asyncpg.scheme()).isEqualTo("postgresql");
        assertThat(asyncpg.driver()).contains("asyncpg");
        assertThat(asyncpg.database()).isEqualTo("dbname");
        assertThat(asyncpg.port()).isEmpty();

        StoreUri aiosqlite = StoreUri.parse("sqlite+aiosqlite:///path/to/db.sqlite");
        assertThat(aiosqlite.scheme()).isEqualTo("sqlite");
        assertThat(aiosqlite.path()).isEqualTo("/path/to/db.sqlite");
    }

    @Test
    void acceptsJdbcUrlsAndMovesUserAndPasswordParametersIntoTheirFields() {
        StoreUri uri = StoreUri.parse("jdbc:postgresql://localhost:5432/app?user=bob&password=hunter2&ssl=true");

        assertThat(uri.scheme()).isEqualTo("postgresql");
        assertThat(uri.user()).contains("bob");
        assertThat(uri.password()).contains("hunter2");
        assertThat(uri.options()).containsOnlyKeys("ssl");
        assertThat(uri.toString()).doesNotContain("hunter2");
    }

    @Test
    void parsesEverySqliteForm() {
        assertThat(StoreUri.parse("sqlite:///abs/path.db").path()).isEqualTo("/abs/path.db");
        assertThat(StoreUri.parse("sqlite:relative.db").path()).isEqualTo("relative.db");
        assertThat(StoreUri.parse("jdbc:sqlite:path.db").path()).isEqualTo("path.db");
        StoreUri memory = StoreUri.parse(":memory:");
        assertThat(memory.scheme()).isEqualTo("sqlite");
        assertThat(memory.path()).isEqualTo(":memory:");
        assertThat(StoreUri.parse("sqlite:data/threads.db?busyTimeout=2000").options()).containsEntry("busyTimeout", "2000");
    }

    @Test
    void treatsAPlainPathAsAFileUrl() {
        assertThat(StoreUri.parse("/var/lib/app/files").scheme()).isEqualTo("file");
        assertThat(StoreUri.parse("/var/lib/app/files").path()).isEqualTo("/var/lib/app/files");
        assertThat(StoreUri.parse("./files").scheme()).isEqualTo("file");
        assertThat(StoreUri.parse("file:///var/lib/app/files?maxFileSize=10").path()).isEqualTo("/var/lib/app/files");
        assertThat(StoreUri.parse("C:\\data\\files").scheme()).isEqualTo("file");
    }

    @Test
    void parsesMemoryUrls() {
        assertThat(StoreUri.parse("memory:").scheme()).isEqualTo("memory");
        assertThat(StoreUri.parse("memory:?maximumSize=10000&expireAfterAccess=PT1H").options())
                .containsEntry("maximumSize", "10000").containsEntry("expireAfterAccess", "PT1H");
        assertThat(StoreUri.parse("MEMORY:").scheme()).isEqualTo("memory");
    }

    @Test
    void decodesPercentEncodedUserInfo() {
        StoreUri uri = StoreUri.parse("postgresql://us%40er:p%3Ass%2Fw%23rd%20%C3%A9@host/db");

        assertThat(uri.user()).contains("us@er");
        assertThat(uri.password()).contains("p:ss/w#rd é");
    }

    @Test
    void acceptsAnUnencodedAtSignInThePassword() {
        StoreUri uri = StoreUri.parse("postgresql://user:p@ss@host/db");
        assertThat(uri.password()).contains("p@ss");
        assertThat(uri.host()).contains("host");
    }

    @Test
    void parsesIpv6Hosts() {
        StoreUri uri = StoreUri.parse("postgresql://u:p@[::1]:5433/db");
        assertThat(uri.host()).contains("::1");
        assertThat(uri.port()).hasValue(5433);
        assertThat(uri.toString()).isEqualTo("postgresql://u:****@[::1]:5433/db");

        assertThat(StoreUri.parse("postgresql://[2001:db8::7]/db").host()).contains("2001:db8::7");
    }

    @Test
    void toStringMasksThePasswordButKeepsEverythingElse() {
        StoreUri uri = StoreUri.parse("postgresql://app:TopSecret!@db:5432/prod?sslmode=verify-full");

        assertThat(uri.toString())
                .isEqualTo("postgresql://app:****@db:5432/prod?sslmode=verify-full")
                .doesNotContain("TopSecret");
    }

    @Test
    void maskHidesPasswordsInTextThatDoesNotParse() {
        assertThat(StoreUri.mask("postgresql://u:hunter2@host:notaport/db")).doesNotContain("hunter2");
        assertThat(StoreUri.mask("jdbc:postgresql://h/db?user=u&password=hunter2&x=1")).doesNotContain("hunter2").contains("x=1");
    }

    @Test
    void malformedUrlsFailWithTheUrlMaskedInTheMessage() {
        assertThatThrownBy(() -> StoreUri.parse("postgresql://u:hunter2@host:99999/db"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("port")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> StoreUri.parse("postgresql://u:hunter2@[::1/db"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "postgresql://h/db?a=1&a=2", "postgresql://h/db?=x", "postgresql://h/db%zz",
            "postgresql://h:abc/db", "postgresql://h/db#frag", "+x://h", "postgresql://ho st/db", "sqlite:a%00b",
            "postgresql://[zz]/db", "://nohost"})
    void rejectsMalformedUrls(String url) {
        assertThatThrownBy(() -> StoreUri.parse(url)).isInstanceOf(StoreConfigurationException.class);
    }

    @Test
    void optionsPassedInAMapWinOverTheUrls() {
        StoreUri uri = StoreUri.parse("sqlite:x.db?poolSize=3&echo=true").withOptions(Map.of("poolSize", "9"));
        assertThat(uri.options()).containsEntry("poolSize", "9").containsEntry("echo", "true");
    }

    @Test
    void defaultOptionsApplyOnlyWhereTheUrlGivesNone() {
        StoreUri uri = StoreUri.parse("file:///x?maxFileSize=10").withDefaultOptions(Map.of("maxFileSize", "99", "maxStorageSize", "5"));
        assertThat(uri.options()).containsEntry("maxFileSize", "10").containsEntry("maxStorageSize", "5");
    }

    @Test
    void unknownOptionsAreNamedWithTheKnownOnes() {
        StoreUri uri = StoreUri.parse("sqlite:x.db?poolsize=3");
        assertThatThrownBy(() -> uri.requireKnownOptions(Set.of("poolSize", "echo"), "sqlite"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("'poolsize'")
                .hasMessageContaining("echo, poolSize");
    }

    @Test
    void typedOptionsValidateWithMessagesNamingTheOptionAndBounds() {
        StoreUri uri = StoreUri.parse("sqlite:x.db?poolSize=abc&echo=maybe&busyTimeout=-1");
        assertThatThrownBy(() -> uri.intOption("poolSize", 5, 1, 100))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("poolSize").hasMessageContaining("abc");
        assertThatThrownBy(() -> uri.booleanOption("echo", false))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("echo");
        assertThatThrownBy(() -> uri.longOption("busyTimeout", 5000, 0, 600_000))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("between 0 and 600000");
        assertThat(uri.intOption("absent", 5, 1, 100)).isEqualTo(5);
        assertThat(StoreUri.parse("memory:?echo=TRUE").booleanOption("echo", false)).isTrue();
    }

    @Test
    void aNullOptionNameOrValueIsANullPointerExceptionNamingItNotASilentDefault() {
        StoreUri uri = StoreUri.parse("sqlite:x.db?poolSize=3");
        assertThatThrownBy(() -> uri.option(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> uri.intOption(null, 1, 0, 9)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> uri.longOption(null, 1, 0, 9)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> uri.booleanOption(null, true)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> uri.requireKnownOptions(null, "SQLite")).isInstanceOf(NullPointerException.class)
                .hasMessage("known");
        Map<String, String> withNullValue = new java.util.HashMap<>();
        withNullValue.put("echo", null);
        assertThatThrownBy(() -> uri.withDefaultOptions(withNullValue)).isInstanceOf(NullPointerException.class)
                .hasMessage("value of option echo");
        assertThatThrownBy(() -> uri.withOptions(withNullValue)).isInstanceOf(NullPointerException.class)
                .hasMessage("value of option echo");
    }

    @Test
    void equalUrlsAreEqual() {
        assertThat(StoreUri.parse("postgresql://u:p@h/db")).isEqualTo(StoreUri.parse("jdbc:postgresql://h/db?user=u&password=p"));
    }

    /** Letters and digits that occur in none of the URLs' other parts nor in any error text. */
    private static final String DISTINCT = "QXZJK789";
    private static final String RESERVED = ":/?#[]@!$&'()*+,;=";

    @Test
    void passwordsWithUnencodedReservedCharactersParseExactlyOrFailWithoutShowingThem() {
        long seed = Long.getLong("threadstore.seed", 20261129L);
        Random random = new Random(seed);
        List<String> passwords = new ArrayList<>();
        for (char c : RESERVED.toCharArray()) {
            passwords.add("QXZ" + c + "JK9");
            passwords.add(c + "Q78");
            passwords.add("78" + c);
            passwords.add("7" + c + "XZJ" + c + c + "K89");
        }
        for (int i = 0; i < 3000; i++) {
            passwords.add(password(random));
        }
        List<String> hosts = List.of("db.example.com:5432", "db", "[::1]:6543", "10.0.0.1");
        List<String> tails = List.of("/app", "/app?sslmode=require", "/app?application_name=me@work");
        List<String> failures = new ArrayList<>();
        int parsed = 0;
        for (int i = 0; i < passwords.size(); i++) {
            String password = passwords.get(i);
            String host = hosts.get(i % hosts.size());
            String tail = tails.get(i / hosts.size() % tails.size());
            String url = (i % 2 == 0 ? "postgresql://" : "jdbc:postgresql://") + "bob:" + password + "@" + host + tail;
            try {
                StoreUri uri = StoreUri.parse(url);
                parsed++;
                boolean right = uri.user().equals(java.util.Optional.of("bob"))
                        && uri.password().equals(java.util.Optional.of(password))
                        && uri.host().orElse("").equals(host.startsWith("[") ? "::1" : host.replaceAll(":\\d+$", ""))
                        && uri.database().equals("app");
                if (!right || !shownNowhere(password, uri.toString())) {
                    failures.add(url + " parsed as " + uri + " (user " + uri.user() + ", password "
                            + uri.password() + ", host " + uri.host() + ")");
                }
            } catch (StoreConfigurationException e) {
                if (!shownNowhere(password, e.getMessage())) {
                    failures.add(url + " failed showing part of the password: " + e.getMessage());
                }
            }
        }
        assertThat(failures).as("seed %d (rerun with -Dthreadstore.seed=%d)", seed, seed).isEmpty();
        assertThat(parsed).as("most such URLs are unambiguous and parse").isGreaterThan(passwords.size() / 2);
    }

    /** A password of 1 to 16 characters, never three reserved ones in a row, so each 3-window is distinctive. */
    private static String password(Random random) {
        StringBuilder b = new StringBuilder();
        int length = 1 + random.nextInt(16);
        int reservedRun = 0;
        while (b.length() < length) {
            if (reservedRun < 2 && random.nextInt(3) > 0) {
                b.append(RESERVED.charAt(random.nextInt(RESERVED.length())));
                reservedRun++;
            } else {
                b.append(DISTINCT.charAt(random.nextInt(DISTINCT.length())));
                reservedRun = 0;
            }
        }
        return b.toString();
    }

    /** Whether no substring of the password of three or more characters occurs in the text. */
    private static boolean shownNowhere(String password, String text) {
        for (int i = 0; i + 3 <= password.length(); i++) {
            if (text.contains(password.substring(i, i + 3))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theUnambiguousUrlsOfTheIssueParse() {
        StoreUri slash = StoreUri.parse("postgresql://bob:se/cret@db:5432/app");
        assertThat(slash.user()).contains("bob");
        assertThat(slash.password()).contains("se/cret");
        assertThat(slash.host()).contains("db");
        assertThat(slash.port()).hasValue(5432);
        assertThat(slash.database()).isEqualTo("app");

        assertThat(StoreUri.parse("postgresql://bob:se?cr#et@db/app?sslmode=require").password()).contains("se?cr#et");
        assertThat(StoreUri.parse("postgresql://bob:1234/cret@db:5432/app").password()).contains("1234/cret");
        assertThat(StoreUri.parse("postgresql://bob:x@h/y@db:5432/app").password()).contains("x@h/y");
    }

    @Test
    void atSignsInTheQueryOrAFilePathAreNotUserInfo() {
        StoreUri azure = StoreUri.parse("jdbc:postgresql://h:5432/db?user=bob@srv");
        assertThat(azure.host()).contains("h");
        assertThat(azure.user()).contains("bob@srv");
        StoreUri appName = StoreUri.parse("postgresql://u:p@h/db?application_name=me@x");
        assertThat(appName.password()).contains("p");
        assertThat(appName.options()).containsEntry("application_name", "me@x");
        assertThat(StoreUri.parse("sqlite:///home/me@work/t.db").path()).isEqualTo("/home/me@work/t.db");
    }

    @Test
    void anAmbiguousUrlFailsWithItsUserInfoMasked() {
        assertThatThrownBy(() -> StoreUri.parse("postgresql://bob:12?QXZ=J@db:5432/app"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("percent-encode")
                .hasMessageNotContaining("QXZ")
                .hasMessageNotContaining("bob");
    }
}
