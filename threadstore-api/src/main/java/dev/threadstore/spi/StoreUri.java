package dev.threadstore.spi;

import dev.threadstore.StoreConfigurationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A store URL, parsed once. Providers read its parts and never parse strings themselves.
 *
 * <p>Accepted forms:
 * <ul>
 *   <li>{@code scheme://[user[:password]@]host[:port][,host[:port]…][/path][?k=v&…]}: a host may be a bracketed
 *       IPv6 address; several hosts, separated by commas, form a host list as pgjdbc and libpq read it
 *       ({@code postgresql://u:p@db1:5432,[::1]:5433/app}; see {@link #hosts()}); user and password may be
 *       percent-encoded. A password may also hold an unencoded
 *       {@code '/'}, {@code '?'}, {@code '#'} or {@code '@'} where the URL still reads one way only: the
 *       user-info then ends at the last {@code '@'} before the host ({@code postgresql://bob:se/cret@db/app}
 *       is user {@code bob}, password {@code se/cret}). A URL that reads two ways fails and asks for
 *       percent-encoding; a parse error never shows the user-info.</li>
 *   <li>{@code scheme:path[?k=v&…]}, e.g. {@code sqlite:relative.db}, {@code memory:}.</li>
 *   <li>{@code scheme+driver:…} and {@code jdbc:scheme:…}: the driver suffix and the {@code jdbc:}
 *       prefix are accepted and ignored, so SQLAlchemy and JDBC URLs work unchanged.</li>
 *   <li>{@code :memory:} is SQLite in memory; a string with no scheme (e.g. {@code /var/files} or
 *       {@code ./files}) is a {@code file} path.</li>
 * </ul>
 * Query parameters become {@linkplain #options() options}; {@code user} and {@code password} parameters
 * (the JDBC habit) become the user and password. {@link #toString()} masks the password, so a
 * {@code StoreUri} is safe to log. Instances are immutable and thread-safe.
 */
public final class StoreUri {

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]+):(.*)", Pattern.DOTALL);
    private static final String MASK = "****";
    /** A comma followed by {@code scheme://}: two URLs pasted as one host list. */
    private static final Pattern SECOND_URL = Pattern.compile(",[A-Za-z][A-Za-z0-9+.\\-]*://");
    /*
     * Characters toString leaves unencoded, by part; anything else is percent-encoded. A user name keeps only
     * unreserved ones (a ':' would start a password, a '/' end the authority); a path keeps '/' and ':' but not
     * ',', '@', '?' or '#' (which would read as a host list, user-info, query or fragment); an option name keeps
     * no '='; a value keeps '*' so that a masked password reads {@code ****}.
     */
    private static final String USER_SAFE = "-._~";
    private static final String PATH_SAFE = "-._~/:=+";
    private static final String KEY_SAFE = "-._~/,:";
    private static final String VALUE_SAFE = "-._~/,:=*";

    private final String scheme;
    private final @Nullable String driver;
    private final @Nullable String user;
    private final @Nullable String password;
    private final @Nullable String host;
    private final int port;
    private final List<Host> hosts;
    private final String path;
    private final boolean hierarchical;
    private final Map<String, String> options;

    /**
     * One entry of a URL's host list.
     *
     * @param name the host name or IP address (an IPv6 address without brackets); never empty
     * @param port the port, or {@code -1} when the URL gives none (the backend's default applies)
     */
    public record Host(String name, int port) {

        /**
         * Checks the entry.
         *
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is empty or {@code port} is neither -1 nor 1 to 65535
         */
        public Host {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("A host name must not be empty");
            }
            if (port != -1 && (port < 1 || port > 65535)) {
                throw new IllegalArgumentException("Port must be -1 or between 1 and 65535, got " + port);
            }
        }

        /**
         * This entry with its port, for a driver URL.
         *
         * @param defaultPort the port to show when this entry gives none
         * @return {@code name:port}, an IPv6 address in brackets ({@code [::1]:5432})
         */
        public String address(int defaultPort) {
            return (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + (port < 0 ? defaultPort : port);
        }

        /** @return {@code name[:port]} as the URL gives it, an IPv6 address in brackets */
        @Override
        public String toString() {
            String shown = name.indexOf(':') >= 0 ? "[" + name + "]" : name;
            return port < 0 ? shown : shown + ":" + port;
        }
    }

    private StoreUri(String scheme, @Nullable String driver, @Nullable String user, @Nullable String password,
                     @Nullable String host, int port, String path, boolean hierarchical, Map<String, String> options) {
        this(scheme, driver, user, password, host, port, host == null ? List.of() : List.of(new Host(host, port)), path,
                hierarchical, options);
    }

    private StoreUri(String scheme, @Nullable String driver, @Nullable String user, @Nullable String password,
                     @Nullable String host, int port, List<Host> hosts, String path, boolean hierarchical,
                     Map<String, String> options) {
        this.scheme = scheme;
        this.driver = driver;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.hosts = List.copyOf(hosts);
        this.path = path;
        this.hierarchical = hierarchical;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Parses a store URL.
     *
     * @param url the URL
     * @return the parsed URL
     * @throws StoreConfigurationException if the URL is malformed; the message shows it with the password masked
     * @throws NullPointerException if {@code url} is null
     */
    public static StoreUri parse(String url) {
        Objects.requireNonNull(url, "url");
        String text = url.strip();
        requireText(url, text);
        if (text.equals(":memory:")) {
            return new StoreUri("sqlite", null, null, null, null, -1, ":memory:", false, Map.of());
        }
        if (text.regionMatches(true, 0, "jdbc:", 0, 5)) {
            text = text.substring(5);
        }
        Matcher m = SCHEME.matcher(text);
        if (!m.matches()) {
            return plainPath(url, text);
        }
        SchemeName scheme = readScheme(url, m.group(1));
        String rest = m.group(2);
        boolean hierarchical = rest.startsWith("//");
        Reading reading = hierarchical ? readHierarchical(url, rest.substring(2)) : readOpaque(url, rest);
        return fromReading(url, scheme, hierarchical, reading);
    }

    /** Step 0: the text is there and holds no NUL. */
    private static void requireText(String url, String text) {
        if (text.isEmpty()) {
            throw new StoreConfigurationException("The store URL is empty; use e.g. \"memory:\", \"sqlite:threads.db\" "
                    + "or \"postgresql://user:password@host:5432/db\"");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw bad(url, "it contains a NUL character");
        }
    }

    /** Text without a scheme is a {@code file} path, taken as it is (not percent-decoded). */
    private static StoreUri plainPath(String url, String text) {
        if (looksLikeUrl(text)) {
            throw bad(url, "it has no scheme");
        }
        return new StoreUri("file", null, null, null, null, -1, text, false, Map.of());
    }

    /** A scheme and its optional {@code +driver} suffix. */
    private record SchemeName(String name, @Nullable String driver) {
    }

    /** Step 1: the scheme, lower case, split from a {@code +driver} suffix. */
    private static SchemeName readScheme(String url, String text) {
        String scheme = text.toLowerCase(java.util.Locale.ROOT);
        int plus = scheme.indexOf('+');
        if (plus < 0) {
            return new SchemeName(scheme, null);
        }
        String name = scheme.substring(0, plus);
        String driver = scheme.substring(plus + 1);
        if (name.isEmpty() || driver.isEmpty()) {
            throw bad(url, "its scheme '" + text + "' is malformed");
        }
        return new SchemeName(name, driver);
    }

    /** A URL without authority ({@code scheme:path[?query]}): the path and the query only. */
    private static Reading readOpaque(String url, String rest) {
        if (rest.indexOf('#') >= 0) {
            throw bad(url, "it has a fragment ('#'); percent-encode a '#' as %23");
        }
        int question = rest.indexOf('?');
        Map<String, String> options = question < 0 ? new LinkedHashMap<>() : readQuery(url, rest.substring(question + 1));
        String rawPath = question < 0 ? rest : rest.substring(0, question);
        return new Reading(-1, null, null, -1, List.of(), decode(url, rawPath, "path"), rawPath, options);
    }

    /** Last step: the {@code user} and {@code password} query parameters join the user-info. */
    private static StoreUri fromReading(String url, SchemeName scheme, boolean hierarchical, Reading reading) {
        Map<String, String> options = reading.options();
        String user = fromQuery(url, reading.user(), options.remove("user"), "it names two different users");
        String password = fromQuery(url, reading.password(), options.remove("password"),
                "it gives two different passwords");
        List<Host> hosts = reading.hosts();
        String host = hosts.isEmpty() ? null : hosts.get(0).name();
        return new StoreUri(scheme.name(), scheme.driver(), user, password, host, reading.port(), hosts, reading.path(),
                hierarchical, options);
    }

    private static @Nullable String fromQuery(String url, @Nullable String fromUserInfo, @Nullable String fromQuery,
                                              String conflict) {
        if (fromQuery == null) {
            return fromUserInfo;
        }
        if (fromUserInfo != null && !fromUserInfo.equals(fromQuery)) {
            throw bad(url, conflict);
        }
        return fromQuery;
    }

    /**
     * Builds a URL from its parts, as {@link StoreEnvironment} does from environment variables.
     *
     * @param scheme the scheme, lower case
     * @param user the user, or null
     * @param password the password, or null
     * @param host the host, or null
     * @param port the port, or -1
     * @param path the path (for a database server, {@code "/" + database})
     * @param options the options
     * @return the URL
     * @throws StoreConfigurationException if {@code port} is neither -1 nor between 1 and 65535
     * @throws NullPointerException if {@code scheme}, {@code path} or {@code options} is null
     */
    public static StoreUri of(String scheme, @Nullable String user, @Nullable String password, @Nullable String host,
                              int port, String path, Map<String, String> options) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        if (port != -1 && (port < 1 || port > 65535)) {
            throw new StoreConfigurationException("Port must be between 1 and 65535, got " + port);
        }
        return new StoreUri(scheme.toLowerCase(java.util.Locale.ROOT), null, user, password, host, port, path,
                host != null, options);
    }

    /**
     * Masks the user-info and password in a URL that may not parse, for error messages: everything between
     * {@code //} and the last {@code '@'} (a password may hold unencoded '/', '?', '#' or '@'), and the value
     * of a {@code password} query parameter or of one whose name ends in {@code url} (a URL such as
     * {@code readUrl}, which may hold a password).
     *
     * @param url any text
     * @return the text with anything that may be a password replaced by {@code ****}
     * @throws NullPointerException if {@code url} is null
     */
    public static String mask(String url) {
        String masked = url;
        int slashes = url.indexOf("//");
        int at = url.lastIndexOf('@');
        if (slashes >= 0 && at > slashes) {
            masked = url.substring(0, slashes + 2) + MASK + url.substring(at);
        }
        return masked.replaceAll("(?i)([?&](?:password|[a-z]*url)=)[^&#]*", "$1" + MASK);
    }

    /** @return the scheme, lower case, without driver suffix or {@code jdbc:} prefix; never null */
    public String scheme() {
        return scheme;
    }

    /**
     * @return the driver suffix of a {@code scheme+driver:} URL, e.g. {@code asyncpg}, ignored by threadstore; empty
     *     when the URL has none
     */
    public Optional<String> driver() {
        return Optional.ofNullable(driver);
    }

    /** @return the decoded user name; empty when the URL gives none */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** @return the decoded password, empty when the URL gives none; never log it */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** @return the host (an IPv6 address without brackets), of a host list its first entry; empty when none */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** @return the port, if the URL gives one (of a host list, the first entry's); empty otherwise */
    public OptionalInt port() {
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /**
     * Every host of the URL, in the order given: one entry for {@code db:5432}, several for a host list such as
     * {@code db1:5432,db2,[::1]:5433} (each entry has its own port, or none). A database driver that fails over
     * or balances between hosts receives them all.
     *
     * @return the hosts, unmodifiable; empty when the URL names none (e.g. {@code sqlite:x.db},
     *     {@code postgresql:///db})
     */
    public List<Host> hosts() {
        return hosts;
    }

    /**
     * @return the decoded path: for {@code sqlite:///abs/x.db} {@code "/abs/x.db"}, for
     *     {@code sqlite:rel.db} {@code "rel.db"}, for {@code postgresql://h/db} {@code "/db"}; never null, empty
     *     when the URL has no path
     */
    public String path() {
        return path;
    }

    /** @return the path without its leading slash: the database name of a server URL; never null, may be empty */
    public String database() {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** @return whether the URL has an authority part ({@code scheme://…}) */
    public boolean hierarchical() {
        return hierarchical;
    }

    /** @return the options, in the order given, without {@code user} and {@code password}; unmodifiable, never null */
    public Map<String, String> options() {
        return options;
    }

    /**
     * @param name the option's name, case-sensitive
     * @return the option's value, as given (not trimmed); empty when the URL does not give the option
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * @param extra options that win over this URL's; {@code user} and {@code password} replace the URL's credentials
     * @return this URL with the options merged (this instance when {@code extra} is empty)
     * @throws NullPointerException if {@code extra}, one of its names or one of its values is null
     */
    public StoreUri withOptions(Map<String, String> extra) {
        Objects.requireNonNull(extra, "options");
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(options);
        extra.forEach((k, v) -> merged.put(Objects.requireNonNull(k, "option name"),
                Objects.requireNonNull(v, "value of option " + k)));
        String u = user;
        String p = password;
        String userOption = merged.remove("user");
        String passwordOption = merged.remove("password");
        if (userOption != null) {
            u = userOption;
        }
        if (passwordOption != null) {
            p = passwordOption;
        }
        return new StoreUri(scheme, driver, u, p, host, port, hosts, path, hierarchical, merged);
    }

    /**
     * @param defaults options that apply only where this URL gives none
     * @return this URL with the defaults merged under its own options
     * @throws NullPointerException if {@code defaults}, one of its names or one of its values is null
     */
    public StoreUri withDefaultOptions(Map<String, String> defaults) {
        Objects.requireNonNull(defaults, "defaults");
        defaults.forEach((k, v) -> Objects.requireNonNull(v, "value of option " + Objects.requireNonNull(k, "option name")));
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(options);
        return new StoreUri(scheme, driver, user, password, host, port, hosts, path, hierarchical, merged);
    }

    /**
     * Fails unless every option is one of the known ones.
     *
     * @param known the options the backend understands
     * @param backend the backend's name, for the message
     * @throws NullPointerException if an argument is null
     * @throws StoreConfigurationException naming the unknown options and listing the known ones
     */
    public void requireKnownOptions(Set<String> known, String backend) {
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(backend, "backend");
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new StoreConfigurationException("Unknown option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(o -> "'" + o + "'").toList()) + " for the " + backend
                    + " store (" + this + "); known options: " + String.join(", ", new TreeSet<>(known)));
        }
    }

    /**
     * An integer option within bounds.
     *
     * @param name the option
     * @param defaultValue the value when absent
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value, or {@code defaultValue} when the URL does not give the option
     * @throws NullPointerException if {@code name} is null
     * @throws StoreConfigurationException if the value is not an integer in range
     */
    public int intOption(String name, int defaultValue, int min, int max) {
        long value = longOption(name, defaultValue, min, max);
        return (int) value;
    }

    /**
     * A long option within bounds.
     *
     * @param name the option
     * @param defaultValue the value when absent
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value, or {@code defaultValue} when the URL does not give the option
     * @throws NullPointerException if {@code name} is null
     * @throws StoreConfigurationException if the value is not an integer in range
     */
    public long longOption(String name, long defaultValue, long min, long max) {
        String text = options.get(Objects.requireNonNull(name, "name"));
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new StoreConfigurationException("Option '" + name + "' must be an integer between " + min + " and "
                    + max + ", got '" + abbreviate(text) + "'");
        }
        if (value < min || value > max) {
            throw new StoreConfigurationException("Option '" + name + "' must be between " + min + " and " + max
                    + ", got " + value);
        }
        return value;
    }

    /**
     * A boolean option: {@code true} or {@code false}, any case (also {@code 1}/{@code 0}, {@code yes}/{@code no}).
     *
     * @param name the option
     * @param defaultValue the value when absent
     * @return the value, or {@code defaultValue} when the URL does not give the option
     * @throws NullPointerException if {@code name} is null
     * @throws StoreConfigurationException if the value is not a boolean
     */
    public boolean booleanOption(String name, boolean defaultValue) {
        String text = options.get(Objects.requireNonNull(name, "name"));
        if (text == null) {
            return defaultValue;
        }
        switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return true;
            case "false": case "0": case "no": case "off":
                return false;
            default:
                throw new StoreConfigurationException("Option '" + name + "' must be true or false, got '"
                        + abbreviate(text) + "'");
        }
    }

    /**
     * The URL as text that {@link #parse} reads back to an equal {@code StoreUri}, except for the password,
     * which shows as {@code ****} (also inside an option whose value is a URL with a password, e.g.
     * {@code readUrl}). Every part is percent-encoded where needed: a path with spaces, {@code '%'},
     * {@code '#'}, {@code '?'} or non-ASCII characters round-trips. The user and password of a URL without an
     * authority ({@code sqlite:x.db}) show as the {@code user} and {@code password} query parameters.
     *
     * @return the URL with the password masked; safe to log
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(scheme);
        if (driver != null) {
            b.append('+').append(driver);
        }
        b.append(':');
        Map<String, String> query = new LinkedHashMap<>();
        if (hierarchical) {
            b.append("//");
            appendUserInfo(b);
            appendHosts(b);
            b.append(encode(path, PATH_SAFE));
        } else {
            if (user != null) {
                query.put("user", user);
            }
            if (password != null) {
                query.put("password", MASK);
            }
            b.append(path.startsWith("//") ? "/%2F" + encode(path.substring(2), PATH_SAFE) : encode(path, PATH_SAFE));
        }
        options.forEach((k, v) -> query.put(k, maskedValue(v)));
        String sep = "?";
        for (Map.Entry<String, String> e : query.entrySet()) {
            b.append(sep).append(encode(e.getKey(), KEY_SAFE)).append('=').append(encode(e.getValue(), VALUE_SAFE));
            sep = "&";
        }
        return b.toString();
    }

    private void appendUserInfo(StringBuilder b) {
        if (user != null) {
            b.append(encode(user, USER_SAFE));
            if (password != null) {
                b.append(':').append(MASK);
            }
            b.append('@');
        }
    }

    private void appendHosts(StringBuilder b) {
        if (hosts.size() > 1) {
            b.append(String.join(",", hosts.stream().map(Host::toString).toList()));
            return;
        }
        if (host != null) {
            b.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        }
        if (port >= 0) {
            b.append(':').append(port);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreUri u && scheme.equals(u.scheme) && Objects.equals(driver, u.driver)
                && Objects.equals(user, u.user) && Objects.equals(password, u.password)
                && Objects.equals(host, u.host) && port == u.port && hosts.equals(u.hosts) && path.equals(u.path)
                && hierarchical == u.hierarchical && options.equals(u.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, driver, user, hosts, port, path, options);
    }

    /**
     * An option whose value is itself a URL with a password (e.g. PostgreSQL's {@code readUrl}) shows with the
     * password masked; any other value shows as it is.
     */
    private static String maskedValue(String value) {
        if (!value.contains("://")) {
            return value;
        }
        try {
            StoreUri inner = parse(value);
            String shown = inner.toString();
            return inner.password == null && parse(shown).equals(inner) ? value : shown;
        } catch (StoreConfigurationException e) {
            return mask(value);
        }
    }

    /**
     * One way to read a URL after its scheme: the user-info ends at the {@code '@'} at index {@code at} of the
     * text after {@code //} ({@code -1}: no user-info), then come the host list (the port is the first entry's,
     * or the one of an authority that names only a port), the path (decoded, and as written) and the query.
     */
    private record Reading(int at, @Nullable String user, @Nullable String password, int port, List<Host> hosts,
                           String path, String rawPath, Map<String, String> options) {
    }

    /*
     * Reading the authority. A password may hold an unencoded '/', '?', '#' or '@' (people paste them so,
     * and libpq-tolerant parsers take the last '@' before the host as the end of the user-info). Each '@'
     * is a candidate end of the user-info; a candidate is a valid reading when what follows it is a host
     * with an optional port, path and query (no fragment), and what precedes it starts with a user name
     * holding no '/', '?' or '#'. The standard reading (user-info inside the text before the first '/', '?'
     * or '#') is one of them. Among valid readings, one whose path holds an '@' gives way to a later one (that
     * '@' ended the user-info); of the rest, the earliest wins when every later one only turns a trailing
     * query value such as "user=bob@server" into a bare host; otherwise the URL is ambiguous and fails.
     * Errors never show the text before the last '@', which may be a password.
     */
    private static Reading readHierarchical(String url, String rest) {
        Reading reading = chooseReading(url, rest);
        if (SECOND_URL.matcher(reading.rawPath()).find()
                || reading.password() != null && SECOND_URL.matcher(reading.password()).find()) {
            throw bad(url, "it holds a second URL after a ',' (mixed schemes); give one scheme and list the hosts"
                    + " after it, e.g. postgresql://user:password@host1:5432,host2:5432/db");
        }
        return reading;
    }

    private static Reading chooseReading(String url, String rest) {
        int authorityEnd = indexOfAny(rest, "/?#", 0);
        int standardAt = rest.lastIndexOf('@', authorityEnd - 1);
        int lastAt = rest.lastIndexOf('@');
        if (lastAt < authorityEnd || rest.startsWith("/")) {
            return read(url, rest, standardAt);
        }
        List<Integer> candidates = new ArrayList<>();
        candidates.add(standardAt);
        for (int at = rest.indexOf('@', authorityEnd); at >= 0; at = rest.indexOf('@', at + 1)) {
            candidates.add(at);
        }
        List<Reading> readings = new ArrayList<>();
        StoreConfigurationException lastError = null;
        for (int at : candidates) {
            try {
                readings.add(read(url, rest, at));
            } catch (StoreConfigurationException e) {
                lastError = e;
            }
        }
        if (readings.isEmpty()) {
            throw Objects.requireNonNull(lastError);
        }
        Reading last = readings.get(readings.size() - 1);
        readings.removeIf(r -> r != last && r.path().indexOf('@') >= 0);
        Reading first = readings.get(0);
        for (Reading later : readings.subList(1, readings.size())) {
            if (indexOfAny(rest, ":/?[", later.at() + 1) < rest.length()) {
                throw bad(url, "it can be read in more than one way; percent-encode the reserved characters of the user"
                        + " name and password (e.g. '/' as %2F, '?' as %3F, '#' as %23, '@' as %40)");
            }
        }
        return first;
    }

    /** Reads the text after {@code //} with the user-info ending at the '@' at index {@code at} (-1: none). */
    private static Reading read(String url, String rest, int at) {
        UserInfo userInfo = at < 0 ? UserInfo.NONE : readUserInfo(url, rest.substring(0, at));
        String remainder = rest.substring(at + 1);
        if (remainder.indexOf('#') >= 0) {
            throw bad(url, "it has a fragment ('#'); percent-encode a '#' in a password as %23");
        }
        int question = remainder.indexOf('?');
        Map<String, String> options = question < 0 ? new LinkedHashMap<>()
                : readQuery(url, remainder.substring(question + 1));
        String beforeQuery = question < 0 ? remainder : remainder.substring(0, question);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String rawPath = slash < 0 ? "" : beforeQuery.substring(slash);
        String path = decode(url, rawPath, "path");
        if (authority.indexOf('@') >= 0) {
            throw bad(url, "its host holds an '@'");
        }
        List<HostEntry> entries = readHostList(url, authority, path);
        if (at >= 0 && entries.get(0).name() == null) {
            throw bad(url, "it names a user but no host");
        }
        List<Host> hosts = entries.get(0).name() == null ? List.of()
                : entries.stream().map(e -> new Host(Objects.requireNonNull(e.name()), e.port())).toList();
        return new Reading(at, userInfo.user(), userInfo.password(), entries.get(0).port(), hosts, path, rawPath,
                options);
    }

    /** The decoded user name and password of a URL's user-info. */
    private record UserInfo(@Nullable String user, @Nullable String password) {
        static final UserInfo NONE = new UserInfo(null, null);
    }

    /** Step 2: {@code user[:password]}, each percent-decoded; the user name must not hold '/', '?' or '#'. */
    private static UserInfo readUserInfo(String url, String userInfo) {
        int colon = userInfo.indexOf(':');
        String userText = colon < 0 ? userInfo : userInfo.substring(0, colon);
        if (indexOfAny(userText, "/?#", 0) < userText.length()) {
            throw bad(url, "its user name holds '/', '?' or '#'; percent-encode them");
        }
        return new UserInfo(decode(url, userText, "user"),
                colon < 0 ? null : decode(url, userInfo.substring(colon + 1), "password"));
    }

    /**
     * Step 3: the host list, comma-separated {@code host[:port]} entries. One entry may name no host
     * ({@code postgresql:///db}, {@code postgresql://:5433/db}); in a list of several, each must name one.
     */
    private static List<HostEntry> readHostList(String url, String authority, String path) {
        String[] entries = authority.split(",", -1);
        if (entries[entries.length - 1].endsWith(":") && path.startsWith("//")) {
            String last = entries[entries.length - 1];
            throw bad(url, "its host list mixes in a second URL with scheme '" + last.substring(0, last.length() - 1)
                    + "' (mixed schemes); give one scheme and list the hosts after it, e.g."
                    + " postgresql://host1:5432,host2:5432/db");
        }
        if (entries.length == 1) {
            return List.of(readHost(url, authority, ""));
        }
        List<HostEntry> hosts = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            String entryName = "host list entry " + (i + 1) + " of " + entries.length;
            HostEntry entry = readHost(url, entries[i], " (" + entryName + ")");
            if (entry.name() == null) {
                throw bad(url, "its " + entryName + " names no host"
                        + (entries[i].isEmpty() ? " (an empty entry: remove the extra ',')" : ""));
            }
            hosts.add(entry);
        }
        return hosts;
    }

    /** One {@code host[:port]} of an authority; the name is null when the entry names no host. */
    private record HostEntry(@Nullable String name, int port) {
    }

    /** Reads {@code host[:port]} or {@code [ipv6][:port]}; {@code where} names the entry in errors. */
    private static HostEntry readHost(String url, String authority, String where) {
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw bad(url, "its IPv6 host" + where + " has no closing ']'");
            }
            host = authority.substring(1, close);
            if (host.indexOf(':') < 0 || !host.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9._~\\-]+)?")) {
                throw bad(url, "its IPv6 host '" + host + "'" + where + " is malformed");
            }
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw bad(url, "unexpected text after its IPv6 host" + where);
                }
                portText = after.substring(1);
            }
        } else {
            String name = authority;
            int colon = name.lastIndexOf(':');
            if (colon >= 0) {
                portText = name.substring(colon + 1);
                name = name.substring(0, colon);
            }
            host = name.isEmpty() ? null : decode(url, name, "host");
            if (host != null && !host.matches("[A-Za-z0-9._\\-]+")) {
                throw bad(url, "its host '" + host + "'" + where + " is not a valid host name");
            }
        }
        int port = portText == null || portText.isEmpty() ? -1 : parsePort(url, portText, where);
        return new HostEntry(host, port);
    }

    /** @return the index of the first of the characters at or after {@code from}, or the text's length */
    private static int indexOfAny(String text, String chars, int from) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static boolean looksLikeUrl(String text) {
        return text.contains("://");
    }

    /** Step 4: the query, {@code k=v} pairs joined by {@code '&'}, each side percent-decoded, in the order given. */
    private static Map<String, String> readQuery(String url, String query) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(url, eq < 0 ? pair : pair.substring(0, eq), "option name");
            String value = eq < 0 ? "" : decode(url, pair.substring(eq + 1), "option value");
            if (key.isBlank()) {
                throw bad(url, "it has an option with no name");
            }
            if (options.containsKey(key)) {
                throw bad(url, "it gives option '" + key + "' twice");
            }
            options.put(key, value);
        }
        return options;
    }

    private static int parsePort(String url, String text, String where) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw bad(url, "its port '" + abbreviate(text) + "'" + where + " is not a number between 1 and 65535");
    }

    private static String decode(String url, String text, String what) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw bad(url, "its " + what + " has a malformed percent-escape");
                }
                out.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(bytes, 0, bytes.length);
            }
        }
        String decoded = out.toString(StandardCharsets.UTF_8);
        if (decoded.indexOf('\u0000') >= 0) {
            throw bad(url, "its " + what + " decodes to a NUL character");
        }
        return decoded;
    }

    /** Percent-encodes the UTF-8 bytes of the text, except ASCII letters, digits and the {@code safe} characters. */
    private static String encode(String text, String safe) {
        StringBuilder b = new StringBuilder(text.length());
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c < 0x80 && safe.indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return b.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static StoreConfigurationException bad(String url, String why) {
        return new StoreConfigurationException("Malformed store URL '" + abbreviate(mask(url)) + "': " + why);
    }
}
