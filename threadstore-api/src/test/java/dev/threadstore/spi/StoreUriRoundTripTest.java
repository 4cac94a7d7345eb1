package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.StoreConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code StoreUri.parse(uri.toString())} gives back {@code uri}, for generated URLs of every form (a path with
 * spaces, '%', '#', '?', ',', '@' and non-ASCII characters; user names and option names and values with reserved
 * characters; host lists with IPv6 entries), the password aside: it shows as {@code ****}, so the round trip gives
 * the URL with that password. (An option value that holds {@code ://} but does not parse as a URL shows masked as
 * {@link StoreUri#mask} masks it, since it may hold a password; generated values leave {@code ://} out, and
 * {@link #anOptionHoldingAUrlWithoutAPasswordShowsUnchanged} covers values that are URLs.) Seeded: a failure names the seed, rerun with {@code -Dthreadstore.seed=}.
 */
class StoreUriRoundTripTest {

    private static final int CASES = 3000;
    /** Characters a generated part is made of: reserved ones, a space, a percent sign, non-ASCII, a surrogate pair. */
    private static final String[] ALPHABET = {"a", "b", "Z", "0", "9", "-", ".", "_", "~", "/", ":", "@", "?", "#",
        "%", "%2F", "&", "=", "+", ",", ";", " ", "!", "$", "'", "(", "[", "]", "\\", "é", "ü", "中", "文", "😀", "://"};
    private static final List<String> OPAQUE_SCHEMES = List.of("sqlite:", "sqlite+aiosqlite:", "jdbc:sqlite:", "memory:",
            "file:", "SQLite:");
    private static final List<String> SERVER_SCHEMES = List.of("postgresql://", "postgres://", "postgresql+asyncpg://",
            "jdbc:postgresql://", "sqlite://", "file://");

    @Test
    void everyGeneratedUrlReadsBackFromItsText() {
        long seed = Long.getLong("threadstore.seed", 20261130L);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES && failures.size() < 10; i++) {
            Generated generated = switch (i % 5) {
                case 0 -> opaque(random);
                case 1 -> server(random);
                case 2 -> serverWithoutHost(random);
                case 3 -> plainPath(random);
                default -> fromParts(random);
            };
            check(generated, failures);
        }
        assertThat(failures).as("seed %d (rerun with -Dthreadstore.seed=%d)", seed, seed).isEmpty();
    }

    @Test
    void sqlitePathsWithReservedAndNonAsciiCharactersRoundTrip() {
        for (String path : List.of("/data/my threads.db", "/data/100%.db", "/data/a#b.db", "/data/what?.db",
                "/données/線程.db", "/data/a,b@c.db", "relative dir/x.db")) {
            StoreUri uri = StoreUri.of("sqlite", null, null, null, -1, path, Map.of());
            assertThat(StoreUri.parse(uri.toString())).as(uri.toString()).isEqualTo(uri);
            assertThat(StoreUri.parse(uri.toString()).path()).isEqualTo(path);
        }
        assertThat(StoreUri.parse("sqlite:///data/my%20threads.db").toString()).isEqualTo("sqlite:///data/my%20threads.db");
    }

    @Test
    void aPasswordShowsMaskedAndTheTextReadsBackWithTheMaskAsPassword() {
        StoreUri uri = StoreUri.parse("postgresql://app:s%3Acret@db1,[::1]:5433/app?sslmode=require");
        StoreUri shown = StoreUri.parse(uri.toString());

        assertThat(uri.toString()).doesNotContain("cret");
        assertThat(shown).isEqualTo(uri.withOptions(Map.of("password", "****")));
    }

    @Test
    void anOptionHoldingAUrlWithoutAPasswordShowsUnchanged() {
        String readUrl = "jdbc:postgresql://replica1:5432,replica2/app?targetServerType=preferSecondary";
        StoreUri uri = StoreUri.parse("postgresql://db/app").withOptions(Map.of("readUrl", readUrl));

        assertThat(StoreUri.parse(uri.toString())).isEqualTo(uri);
        assertThat(StoreUri.parse(uri.toString()).option("readUrl")).contains(readUrl);
    }

    @Test
    void theUserOfAUrlWithoutAuthorityShowsAsAQueryParameter() {
        StoreUri uri = StoreUri.parse("sqlite:x.db?user=a%3Ab&password=secret&busyTimeout=5");

        assertThat(uri.toString()).isEqualTo("sqlite:x.db?user=a:b&password=****&busyTimeout=5");
        assertThat(StoreUri.parse(uri.toString())).isEqualTo(uri.withOptions(Map.of("password", "****")));
    }

    /** A URL's text, and what it must parse to (checked before the round trip). */
    private record Generated(String text, Function<StoreUri, String> wrongPart) {
    }

    private static void check(Generated generated, List<String> failures) {
        StoreUri uri;
        try {
            uri = StoreUri.parse(generated.text());
        } catch (StoreConfigurationException e) {
            failures.add(generated.text() + " does not parse: " + e.getMessage());
            return;
        }
        String wrong = generated.wrongPart().apply(uri);
        if (wrong != null) {
            failures.add(generated.text() + " parsed wrong: " + wrong);
            return;
        }
        StoreUri expected = uri.password().isPresent() ? uri.withOptions(Map.of("password", "****")) : uri;
        String shown = uri.toString();
        try {
            StoreUri back = StoreUri.parse(shown);
            if (!back.equals(expected)) {
                failures.add(generated.text() + " shows as " + shown + ", which reads as " + describe(back)
                        + " instead of " + describe(expected));
            }
        } catch (StoreConfigurationException e) {
            failures.add(generated.text() + " shows as " + shown + ", which does not parse: " + e.getMessage());
        }
    }

    private static Generated opaque(Random random) {
        String path = text(random, 0, 12);
        Map<String, String> options = options(random);
        String encodedPath = encode(path);
        if (path.startsWith("//")) {
            encodedPath = "/%2F" + encode(path.substring(2));
        }
        String text = OPAQUE_SCHEMES.get(random.nextInt(OPAQUE_SCHEMES.size())) + encodedPath + query(options);
        return new Generated(text, uri -> !uri.path().equals(path) ? "path " + uri.path() + " instead of " + path
                : !uri.options().equals(options) ? "options " + uri.options() + " instead of " + options
                : uri.hierarchical() ? "hierarchical" : null);
    }

    private static Generated server(Random random) {
        String user = random.nextBoolean() ? text(random, 1, 6) : null;
        String password = user != null && random.nextBoolean() ? text(random, 1, 8) : null;
        List<StoreUri.Host> hosts = hosts(random);
        String path = random.nextInt(4) == 0 ? "" : "/" + text(random, 0, 8);
        Map<String, String> options = options(random);
        StringBuilder b = new StringBuilder(SERVER_SCHEMES.get(random.nextInt(SERVER_SCHEMES.size())));
        if (user != null) {
            b.append(encodeAll(user)).append(password == null ? "" : ":" + encodeAll(password)).append('@');
        }
        b.append(String.join(",", hosts.stream().map(StoreUri.Host::toString).toList()));
        b.append(encode(path)).append(query(options));
        return new Generated(b.toString(), uri -> !uri.hosts().equals(hosts) ? "hosts " + uri.hosts() + " instead of " + hosts
                : !uri.path().equals(path) ? "path " + uri.path() + " instead of " + path
                : !uri.user().equals(java.util.Optional.ofNullable(user)) ? "user " + uri.user()
                : !uri.password().equals(java.util.Optional.ofNullable(password)) ? "another password"
                : !uri.options().equals(options) ? "options " + uri.options() + " instead of " + options : null);
    }

    private static Generated serverWithoutHost(Random random) {
        String path = "/" + text(random, 0, 10);
        String port = random.nextBoolean() ? "" : ":" + (1 + random.nextInt(65535));
        Map<String, String> options = options(random);
        String text = "sqlite://" + port + encode(path) + query(options);
        return new Generated(text, uri -> !uri.path().equals(path) ? "path " + uri.path() + " instead of " + path
                : !uri.hosts().isEmpty() ? "hosts " + uri.hosts() : null);
    }

    private static Generated plainPath(Random random) {
        String path;
        do {
            path = (random.nextBoolean() ? "/" : "./") + text(random, 0, 10) + "x";
        } while (path.contains("://"));
        String expected = path;
        return new Generated(path, uri -> !uri.scheme().equals("file") || !uri.path().equals(expected)
                ? uri.scheme() + " " + uri.path() + " instead of file " + expected : null);
    }

    /** A URL built from its parts, as the environment configuration builds one. */
    private static Generated fromParts(Random random) {
        boolean server = random.nextBoolean();
        String user = random.nextBoolean() ? text(random, 1, 6) : null;
        String password = user != null && random.nextBoolean() ? text(random, 1, 6) : null;
        String host = server ? hosts(random).get(0).name() : null;
        int port = server && random.nextBoolean() ? 1 + random.nextInt(65535) : -1;
        StoreUri built = StoreUri.of(server ? "postgresql" : "sqlite", user, password, host, port,
                server ? "/" + text(random, 1, 8) : text(random, 1, 12), options(random));
        StoreUri expected = password == null ? built : built.withOptions(Map.of("password", "****"));
        return new Generated(built.toString(), uri -> uri.equals(expected) ? null
                : "built as " + describe(built) + ", read back as " + describe(uri));
    }

    private static List<StoreUri.Host> hosts(Random random) {
        int count = 1 + random.nextInt(3);
        List<StoreUri.Host> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = switch (random.nextInt(4)) {
                case 0 -> "db" + random.nextInt(100) + ".example.com";
                case 1 -> "10.0." + random.nextInt(256) + "." + random.nextInt(256);
                case 2 -> "::" + Integer.toHexString(1 + random.nextInt(0xfff));
                default -> "2001:db8::" + Integer.toHexString(random.nextInt(0xffff));
            };
            hosts.add(new StoreUri.Host(name, random.nextBoolean() ? -1 : 1 + random.nextInt(65535)));
        }
        return hosts;
    }

    private static Map<String, String> options(Random random) {
        Map<String, String> options = new LinkedHashMap<>();
        int count = random.nextInt(4);
        while (options.size() < count) {
            String key = "k" + text(random, 0, 5);
            if (!key.isBlank()) {
                String value = random.nextInt(5) == 0 ? "" : text(random, 1, 8);
                while (value.contains("://")) {
                    value = value.replace("://", ":/");
                }
                options.put(key, value);
            }
        }
        return options;
    }

    private static String query(Map<String, String> options) {
        if (options.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        options.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
        return "?" + String.join("&", pairs);
    }

    private static String text(Random random, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    /** The test's own percent-encoder for paths and options: everything but ASCII letters, digits and '/'. */
    private static String encode(String text) {
        return encode(text, true);
    }

    /** Percent-encodes everything but ASCII letters and digits, as a user name or password needs. */
    private static String encodeAll(String text) {
        return encode(text, false);
    }

    private static String encode(String text, boolean keepSlash) {
        StringBuilder b = new StringBuilder();
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || keepSlash && c == '/') {
                b.append((char) c);
            } else {
                b.append(String.format("%%%02X", c));
            }
        }
        return b.toString();
    }

    private static String describe(StoreUri uri) {
        return "[scheme=" + uri.scheme() + ", driver=" + uri.driver() + ", user=" + uri.user() + ", password="
                + uri.password().map(p -> "(" + p.length() + " chars)") + ", hosts=" + uri.hosts() + ", port=" + uri.port()
                + ", path=" + uri.path() + ", hierarchical=" + uri.hierarchical() + ", options=" + uri.options() + "]";
    }
}
