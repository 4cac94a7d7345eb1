package dev.threadstore.spi;

import dev.threadstore.StoreConfigurationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One option a store URL may carry ({@code ?poolSize=10}, or the map of
 * {@link dev.threadstore.ThreadStore#create(String, java.util.Map)}): its name, the type its value is read as,
 * its default, whether its value is a secret, what it does, which backends understand it and the
 * {@code TYLER_*} environment variable that supplies it. Every option is declared once, in
 * {@link StoreOptions}; reading, the unknown-option error, the environment mapping and the README's option
 * table all come from that declaration.
 *
 * <p>Instances are immutable and thread-safe. The {@code with…} methods return a copy.
 *
 * @param <T> the type of the option's value
 */
public final class StoreOption<T> {

    /** The kinds of value an option is read as: each maps to one of {@link StoreUri}'s checked readers. */
    private enum Kind { INT, LONG, BOOLEAN, TEXT }

    /**
     * Reads a present option's text as a value of its kind, within its bounds, failing with the option's own
     * error. One class that switches on the kind, rather than a lambda (or a class) per kind, and no string
     * concatenation where an option is declared: the catalogue is built on the opening thread of a fresh JVM, where
     * each lambda shape and each concatenation shape costs the JVM generated method-handle classes. It is only
     * asked for an option the URL gives, so the default it passes to {@link StoreUri} is never used.
     */
    private static final class Reader {
        static final Reader BOOLEAN = new Reader(Kind.BOOLEAN, 0, 0);
        static final Reader TEXT = new Reader(Kind.TEXT, 0, 0);

        private final Kind kind;
        /** The bounds of a number; unused for the other kinds. */
        private final long min;
        private final long max;

        Reader(Kind kind, long min, long max) {
            this.kind = kind;
            this.min = min;
            this.max = max;
        }

        /** @return the value: an {@code Integer}, a {@code Long}, a {@code Boolean} or a {@code String} */
        Object read(StoreUri uri, String name) {
            switch (kind) {
                case INT:
                    return uri.intOption(name, (int) min, (int) min, (int) max);
                case LONG:
                    return uri.longOption(name, min, min, max);
                case BOOLEAN:
                    return uri.booleanOption(name, false);
                default:
                    return uri.option(name).orElseThrow();
            }
        }
    }

    private final String name;
    private final Class<T> type;
    private final @Nullable T defaultValue;
    private final String constraint;
    private final Reader reader;
    private final boolean sensitive;
    private final String description;
    private final Set<String> backends;
    private final @Nullable String environmentVariable;
    private final boolean appliesToApplicationPool;

    private StoreOption(String name, Class<T> type, @Nullable T defaultValue, String constraint, Reader reader,
                        boolean sensitive, String description, Set<String> backends,
                        @Nullable String environmentVariable, boolean appliesToApplicationPool) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.constraint = constraint;
        this.reader = reader;
        this.sensitive = sensitive;
        this.description = description;
        this.backends = backends;
        this.environmentVariable = environmentVariable;
        this.appliesToApplicationPool = appliesToApplicationPool;
    }

    /**
     * An integer option within bounds.
     *
     * @param name the option's name, as written in a URL
     * @param defaultValue the value when the option is absent
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the option, with no description, no backend and no environment variable yet
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or the default is not within the bounds
     */
    public static StoreOption<Integer> ofInt(String name, int defaultValue, int min, int max) {
        checkRange(name, defaultValue, min, max);
        return new StoreOption<>(name, Integer.class, defaultValue, range(min, max),
                new Reader(Kind.INT, min, max), false, "", Set.of(), null, false);
    }

    /**
     * A long integer option within bounds.
     *
     * @param name the option's name, as written in a URL
     * @param defaultValue the value when the option is absent
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the option, with no description, no backend and no environment variable yet
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or the default is not within the bounds
     */
    public static StoreOption<Long> ofLong(String name, long defaultValue, long min, long max) {
        checkRange(name, defaultValue, min, max);
        return new StoreOption<>(name, Long.class, defaultValue, range(min, max),
                new Reader(Kind.LONG, min, max), false, "", Set.of(), null, false);
    }

    /**
     * A long integer option within bounds that has no default: absent means "not set" (e.g. no bound).
     *
     * @param name the option's name, as written in a URL
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the option, with no description, no backend and no environment variable yet
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or {@code min > max}
     */
    public static StoreOption<Long> ofLong(String name, long min, long max) {
        checkRange(name, min, min, max);
        return new StoreOption<>(name, Long.class, null, range(min, max),
                new Reader(Kind.LONG, min, max), false, "", Set.of(), null, false);
    }

    /**
     * A boolean option: {@code true} or {@code false} in any case, also {@code 1}/{@code 0}, {@code yes}/{@code no},
     * {@code on}/{@code off}.
     *
     * @param name the option's name, as written in a URL
     * @param defaultValue the value when the option is absent
     * @return the option, with no description, no backend and no environment variable yet
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank
     */
    public static StoreOption<Boolean> ofBoolean(String name, boolean defaultValue) {
        checkName(name);
        return new StoreOption<>(name, Boolean.class, defaultValue, "true, false",
                Reader.BOOLEAN, false, "", Set.of(), null, false);
    }

    /**
     * A text option whose value the backend that reads it checks (a Caffeine spec, a schema name, a URL).
     *
     * @param name the option's name, as written in a URL
     * @param defaultValue the value when the option is absent, or null when absence means "not set"
     * @return the option, with no description, no backend and no environment variable yet
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank
     */
    public static StoreOption<String> ofText(String name, @Nullable String defaultValue) {
        checkName(name);
        return new StoreOption<>(name, String.class, defaultValue, "text",
                Reader.TEXT, false, "", Set.of(), null, false);
    }

    /**
     * @param text what the option does, one or two sentences in Markdown (shown in the README's option table)
     * @return a copy with this description
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if {@code text} is blank or holds a line break or a {@code |}
     */
    public StoreOption<T> withDescription(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank() || text.contains("\n") || text.contains("|")) {
            throw new IllegalArgumentException("description of option '" + name
                    + "' must be one non-blank line without '|', got '" + text + "'");
        }
        return new StoreOption<>(name, type, defaultValue, constraint, reader, sensitive, text, backends,
                environmentVariable, appliesToApplicationPool);
    }

    /**
     * @param names the backends that understand the option: the scheme of their provider, e.g. {@code sqlite},
     *     {@code postgresql}, {@code memory}, {@code file}
     * @return a copy understood by these backends (and no others)
     * @throws NullPointerException if {@code names} or one of them is null
     * @throws IllegalArgumentException if no backend is named
     */
    public StoreOption<T> withBackends(String... names) {
        Objects.requireNonNull(names, "names");
        if (names.length == 0) {
            throw new IllegalArgumentException("option '" + name + "' needs at least one backend");
        }
        Set<String> set = new LinkedHashSet<>(List.of(names));
        return new StoreOption<>(name, type, defaultValue, constraint, reader, sensitive, description,
                java.util.Collections.unmodifiableSet(set), environmentVariable, appliesToApplicationPool);
    }

    /**
     * @param variable the {@code TYLER_*} environment variable that supplies the option when the URL does not
     * @return a copy read from that variable by {@link StoreEnvironment}
     * @throws NullPointerException if {@code variable} is null
     * @throws IllegalArgumentException if {@code variable} does not start with {@code TYLER_}
     */
    public StoreOption<T> withEnvironmentVariable(String variable) {
        Objects.requireNonNull(variable, "variable");
        if (!variable.startsWith("TYLER_")) {
            throw new IllegalArgumentException("environment variable of option '" + name
                    + "' must start with TYLER_, got '" + variable + "'");
        }
        return new StoreOption<>(name, type, defaultValue, constraint, reader, sensitive, description, backends,
                variable, appliesToApplicationPool);
    }

    /**
     * @return a copy whose value is a secret: never shown in a message, a log or a table
     */
    public StoreOption<T> asSensitive() {
        return new StoreOption<>(name, type, defaultValue, constraint, reader, true, description, backends,
                environmentVariable, appliesToApplicationPool);
    }

    /**
     * Marks an option that does not configure a connection pool, so that it applies as well to a store opened on a
     * pool the application owns ({@link dev.threadstore.ThreadStore#create(javax.sql.DataSource, java.util.Map)}),
     * which refuses every option without this mark.
     *
     * @return a copy that applies to a store on the application's pool too
     */
    public StoreOption<T> applyingToApplicationPool() {
        return new StoreOption<>(name, type, defaultValue, constraint, reader, sensitive, description, backends,
                environmentVariable, true);
    }

    /** @return the option's name, as written in a URL; never null */
    public String name() {
        return name;
    }

    /** @return the type its value is read as; never null */
    public Class<T> type() {
        return type;
    }

    /** @return the value when the option is absent; empty when absence means "not set" */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * @return the values the option accepts, for documentation: {@code min..max} for numbers,
     *     {@code true, false} for booleans, {@code text} for text checked by the backend; never null
     */
    public String constraint() {
        return constraint;
    }

    /** @return whether the value is a secret */
    public boolean sensitive() {
        return sensitive;
    }

    /** @return what the option does, in Markdown; never null, empty only before {@link #withDescription} */
    public String description() {
        return description;
    }

    /** @return the backends (provider schemes) that understand the option, in declaration order; unmodifiable */
    public Set<String> backends() {
        return backends;
    }

    /** @return the {@code TYLER_*} environment variable that supplies the option, if any */
    public Optional<String> environmentVariable() {
        return Optional.ofNullable(environmentVariable);
    }

    /**
     * @return whether the option applies to a store opened on a pool the application owns, as well as to one that
     *     builds its own pool (see {@link #applyingToApplicationPool()})
     */
    public boolean appliesToApplicationPool() {
        return appliesToApplicationPool;
    }

    /**
     * Reads the option from a URL.
     *
     * @param uri the store URL, every option merged
     * @return the value the URL gives, checked; empty when the URL does not give the option
     * @throws NullPointerException if {@code uri} is null
     * @throws StoreConfigurationException if the value is not valid for the option; the message names the option
     *     and what it accepts
     */
    public Optional<T> read(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        if (uri.option(name).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(type.cast(reader.read(uri, name)));
    }

    /**
     * Reads the option from a URL, falling back to its default.
     *
     * @param uri the store URL, every option merged
     * @return the value the URL gives, checked, or the default
     * @throws NullPointerException if {@code uri} is null
     * @throws StoreConfigurationException if the value is not valid for the option
     * @throws IllegalStateException if the URL does not give the option and it has no default
     */
    public T readOrDefault(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        if (uri.option(name).isPresent()) {
            return type.cast(reader.read(uri, name));
        }
        if (defaultValue == null) {
            throw new IllegalStateException("Option '" + name + "' has no default; read it with read(uri)");
        }
        return defaultValue;
    }

    /** @return the option's name */
    @Override
    public String toString() {
        return name;
    }

    /** @return {@code min..max} */
    private static String range(long min, long max) {
        return new StringBuilder(24).append(min).append("..").append(max).toString();
    }

    private static void checkRange(String name, long defaultValue, long min, long max) {
        checkName(name);
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("option '" + name + "': default " + defaultValue + " must lie within "
                    + min + ".." + max);
        }
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("option name must not be blank");
        }
    }
}
