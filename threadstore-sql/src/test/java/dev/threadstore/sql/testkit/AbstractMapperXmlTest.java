package dev.threadstore.sql.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.sql.Dialect;
import dev.threadstore.sql.MapperXml;
import dev.threadstore.sql.ThreadMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMap;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.reflection.ParamNameResolver;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.TypeHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The store's own mapper loader ({@code dev.threadstore.sql.MapperXml}) must build from {@code Rows.xml} and the
 * dialect's mapper XML exactly the MyBatis configuration that MyBatis' {@code XMLMapperBuilder} builds from them: the
 * same statements and result maps, attribute for attribute, and for every statement the same {@link BoundSql} (SQL text and parameter
 * mappings) for generated parameter objects, made as the mapper interface's methods make them
 * ({@link ParamNameResolver}) from generated arguments: null and non-null optional values, empty and one- to
 * five-element lists, index entries of every kind with Double, Long, String and Boolean values. Seeded
 * {@link SplittableRandom}; rerun a failure with {@code -Dthreadstore.seed=…}.
 */
public abstract class AbstractMapperXmlTest {

    private static final int SAMPLES_PER_STATEMENT = 300;
    private static final List<String> KINDS = List.of("string", "number", "boolean", "structured", "null");
    /** The interface whose methods the statements implement. */
    private static final Class<?> MAPPER = ThreadMapper.class;

    private final Dialect dialect;

    /**
     * @param dialect the backend's dialect, set up so that its {@code configure(Configuration)} needs no database
     *     (a PostgreSQL dialect configured with a {@code schema} option, for example)
     */
    protected AbstractMapperXmlTest(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** @return the dialect whose mapper XML is checked */
    protected final Dialect dialect() {
        return dialect;
    }

    /** The configuration a store builds: the dialect's mapper XML loaded by {@code MapperXml}. */
    private Configuration loadedByTheStore() throws IOException {
        return MapperXml.configure(MapperXml.bareConfiguration(), dialect);
    }

    /** The same bare configuration after the dialect's {@code configure(Configuration)}, no mapper loaded. */
    private Configuration withoutMappers() {
        Configuration configuration = MapperXml.bareConfiguration();
        dialect.configure(configuration);
        return configuration;
    }

    /** @return the class-path names of the mapper files, in the order the store loads them */
    private List<String> mapperFiles() {
        return List.of(MapperXml.ROWS, dialect.mapperXml());
    }

    @Test
    void theLoaderBuildsTheStatementsAndResultMapsMyBatisBuilds() throws IOException {
        Configuration reference = myBatis();
        Configuration loaded = loadedByTheStore();

        assertThat(loaded.getMappedStatementNames()).containsExactlyInAnyOrderElementsOf(
                reference.getMappedStatementNames());
        assertThat(loaded.getResultMapNames()).containsExactlyInAnyOrderElementsOf(reference.getResultMapNames());
        assertThat(describe(loaded)).isEqualTo(describe(reference));
        List<String> resources = new ArrayList<>(mapperFiles());
        resources.add("namespace:dev.threadstore.sql.Rows");
        resources.add("namespace:" + MAPPER.getName());
        for (String resource : resources) {
            assertThat(loaded.isResourceLoaded(resource)).as(resource).isEqualTo(reference.isResourceLoaded(resource));
        }
        assertThat(statementIds(loaded)).as("every mapper method has a statement")
                .containsAll(mapperMethods().keySet());
    }

    @Test
    void everyStatementBindsTheSameSqlAsMyBatisForGeneratedParameters() throws IOException {
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        Configuration reference = myBatis();
        Configuration loaded = loadedByTheStore();
        Map<String, Method> methods = mapperMethods();
        for (String id : statementIds(reference)) {
            Method method = methods.get(id);
            assertThat(method).as("the mapper method of " + id).isNotNull();
            MappedStatement expected = reference.getMappedStatement(MAPPER.getName() + "." + id);
            MappedStatement actual = loaded.getMappedStatement(MAPPER.getName() + "." + id);
            ParamNameResolver names = new ParamNameResolver(reference, method);
            Set<String> shapes = new HashSet<>();
            for (int i = 0; i < SAMPLES_PER_STATEMENT; i++) {
                Object parameter = names.getNamedParams(arguments(method, random));
                String bound = describe(expected.getBoundSql(parameter));
                assertThat(describe(actual.getBoundSql(parameter)))
                        .as("%s with %s (seed %d, rerun with -Dthreadstore.seed=%d)", id, parameter, seed, seed)
                        .isEqualTo(bound);
                shapes.add(expected.getBoundSql(parameter).getSql());
            }
            if (expected.getSqlSource() instanceof DynamicSqlSource) {
                assertThat(shapes).as("the generated parameters of %s reach more than one SQL text", id)
                        .hasSizeGreaterThan(1);
            }
        }
    }

    /** The configuration MyBatis' own {@code XMLMapperBuilder} builds from the same files on the same settings. */
    private Configuration myBatis() throws IOException {
        Configuration configuration = withoutMappers();
        for (String resource : mapperFiles()) {
            parse(configuration, getClass().getClassLoader(), resource);
        }
        return configuration;
    }

    /**
     * Parses one mapper file with MyBatis' {@code XMLMapperBuilder}.
     *
     * @param configuration the configuration
     * @param loader where the file is
     * @param resource the file's class-path name
     * @throws IOException if the file cannot be read
     */
    public static void parse(Configuration configuration, ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            new XMLMapperBuilder(in, configuration, resource, configuration.getSqlFragments()).parse();
        }
    }

    /**
     * @param configuration a configuration
     * @return each namespace-qualified statement and result map, described attribute for attribute
     */
    public static Map<String, String> describe(Configuration configuration) {
        Map<String, String> described = new TreeMap<>();
        for (String name : new TreeSet<>(configuration.getMappedStatementNames())) {
            if (name.contains(".")) {
                described.put("statement " + name, describe(configuration.getMappedStatement(name)));
            }
        }
        for (String name : new TreeSet<>(configuration.getResultMapNames())) {
            if (name.contains(".")) {
                described.put("resultMap " + name, describe(configuration.getResultMap(name)));
            }
        }
        return described;
    }

    private static String describe(MappedStatement statement) {
        SqlSource source = statement.getSqlSource();
        return String.join("\n",
                "id=" + statement.getId(),
                "resource=" + statement.getResource(),
                "command=" + statement.getSqlCommandType(),
                "statementType=" + statement.getStatementType(),
                "sqlSource=" + source.getClass().getName(),
                "lang=" + statement.getLang().getClass().getName(),
                "keyGenerator=" + statement.getKeyGenerator().getClass().getName(),
                "keyProperties=" + nullable(statement.getKeyProperties()),
                "keyColumns=" + nullable(statement.getKeyColumns()),
                "resultSetType=" + statement.getResultSetType(),
                "flushCache=" + statement.isFlushCacheRequired(),
                "useCache=" + statement.isUseCache(),
                "resultOrdered=" + statement.isResultOrdered(),
                "dirtySelect=" + statement.isDirtySelect(),
                "timeout=" + statement.getTimeout(),
                "fetchSize=" + statement.getFetchSize(),
                "databaseId=" + statement.getDatabaseId(),
                "resultSets=" + nullable(statement.getResultSets()),
                "cache=" + statement.getCache(),
                "hasNestedResultMaps=" + statement.hasNestedResultMaps(),
                "parameterMap=" + describe(statement.getParameterMap()),
                "resultMaps=" + statement.getResultMaps().stream().map(AbstractMapperXmlTest::describe)
                        .collect(Collectors.joining("; ", "[", "]")));
    }

    private static String nullable(String @Nullable [] values) {
        return values == null ? "null" : List.of(values).toString();
    }

    private static String describe(ParameterMap map) {
        return map.getId() + " type=" + map.getType() + " mappings=" + map.getParameterMappings().stream()
                .map(AbstractMapperXmlTest::describe).toList();
    }

    private static String describe(ResultMap map) {
        return map.getId() + " type=" + map.getType().getName() + " autoMapping=" + map.getAutoMapping()
                + " discriminator=" + map.getDiscriminator() + " nestedMaps=" + map.hasNestedResultMaps()
                + " nestedQueries=" + map.hasNestedQueries() + " columns=" + new TreeSet<>(map.getMappedColumns())
                + " properties=" + new TreeSet<>(map.getMappedProperties())
                + " constructor=" + map.getConstructorResultMappings().stream().map(AbstractMapperXmlTest::describe)
                        .toList()
                + " ids=" + map.getIdResultMappings().stream().map(AbstractMapperXmlTest::describe).toList()
                + " property=" + map.getPropertyResultMappings().stream().map(AbstractMapperXmlTest::describe)
                        .toList()
                + " all=" + map.getResultMappings().stream().map(AbstractMapperXmlTest::describe).toList();
    }

    private static String describe(ResultMapping mapping) {
        return "{property=" + mapping.getProperty() + " column=" + mapping.getColumn() + " javaType="
                + name(mapping.getJavaType()) + " jdbcType=" + mapping.getJdbcType() + " typeHandler="
                + handler(mapping.getTypeHandler()) + " flags=" + mapping.getFlags() + " nestedResultMap="
                + mapping.getNestedResultMapId() + " nestedQuery=" + mapping.getNestedQueryId() + " notNull="
                + mapping.getNotNullColumns() + " prefix=" + mapping.getColumnPrefix() + " composites="
                + mapping.getComposites() + " resultSet=" + mapping.getResultSet() + " foreign="
                + mapping.getForeignColumn() + " lazy=" + mapping.isLazy() + "}";
    }

    private static String describe(ParameterMapping mapping) {
        return "{property=" + mapping.getProperty() + " mode=" + mapping.getMode() + " javaType="
                + name(mapping.getJavaType()) + " jdbcType=" + mapping.getJdbcType() + " jdbcTypeName="
                + mapping.getJdbcTypeName() + " numericScale=" + mapping.getNumericScale() + " typeHandler="
                + handler(mapping.getTypeHandler()) + " resultMap=" + mapping.getResultMapId() + " expression="
                + mapping.getExpression() + "}";
    }

    /**
     * @param sql a bound statement
     * @return its SQL text, and each parameter mapping with the value bound to it where MyBatis added one
     */
    public static String describe(BoundSql sql) {
        StringBuilder text = new StringBuilder(sql.getSql());
        for (ParameterMapping mapping : sql.getParameterMappings()) {
            text.append("\n").append(describe(mapping));
            String property = mapping.getProperty();
            if (sql.hasAdditionalParameter(property)) {
                text.append(" = ").append(sql.getAdditionalParameter(property));
            }
        }
        return text.toString();
    }

    private static String name(@Nullable Class<?> type) {
        return type == null ? "null" : type.getName();
    }

    private static String handler(@Nullable TypeHandler<?> handler) {
        return handler == null ? "null" : handler.getClass().getName();
    }

    private List<String> statementIds(Configuration configuration) {
        String prefix = MAPPER.getName() + ".";
        return configuration.getMappedStatementNames().stream().filter(name -> name.startsWith(prefix))
                .map(name -> name.substring(prefix.length())).sorted().distinct().toList();
    }

    private Map<String, Method> mapperMethods() {
        Map<String, Method> methods = new HashMap<>();
        for (Method method : MAPPER.getMethods()) {
            if (!method.isDefault() && !java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                methods.put(method.getName(), method);
            }
        }
        return methods;
    }

    private static Object[] arguments(Method method, SplittableRandom random) {
        AnnotatedType[] types = method.getAnnotatedParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = value(types[i], random);
        }
        return arguments;
    }

    /** A generated value of a declared type: null a third of the time where the type is {@link Nullable}. */
    private static @Nullable Object value(AnnotatedType annotated, SplittableRandom random) {
        if (nullable(annotated) && random.nextInt(3) == 0) {
            return null;
        }
        Type type = annotated.getType();
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            AnnotatedType element = ((java.lang.reflect.AnnotatedParameterizedType) annotated)
                    .getAnnotatedActualTypeArguments()[0];
            int size = random.nextInt(6);
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                list.add(value(element, random));
            }
            return list;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return random.nextBoolean() ? "t" + random.nextInt(100) : KINDS.get(random.nextInt(KINDS.size()));
        } else if (raw == int.class || raw == Integer.class) {
            return random.nextInt(-2, 200);
        } else if (raw == long.class || raw == Long.class) {
            return random.nextLong(-2, 1_000_000);
        } else if (raw == boolean.class || raw == Boolean.class) {
            return random.nextBoolean();
        } else if (raw == Instant.class) {
            return Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000));
        } else if (raw == Object.class) {
            return switch (random.nextInt(4)) {
                case 0 -> random.nextDouble(-1e6, 1e6);
                case 1 -> random.nextLong(-1_000_000, 1_000_000);
                case 2 -> random.nextBoolean();
                default -> "v" + random.nextInt(10);
            };
        } else if (raw.isRecord()) {
            return record(raw, random);
        }
        throw new IllegalArgumentException("no generator for " + type);
    }

    private static Object record(Class<?> type, SplittableRandom random) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getName().equals("kind") ? KINDS.get(random.nextInt(KINDS.size()))
                    : value(components[i].getAnnotatedType(), random);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type, e);
        }
    }

    private static boolean nullable(AnnotatedElement element) {
        return element.isAnnotationPresent(Nullable.class);
    }
}
