package dev.threadstore.sql;

import dev.threadstore.StoreConfigurationException;
import dev.threadstore.sql.MapperXmlReader.Element;
import dev.threadstore.sql.MapperXmlReader.Node;
import dev.threadstore.sql.MapperXmlReader.Text;
import dev.threadstore.sql.Rows.AttachmentRow;
import dev.threadstore.sql.Rows.DigestRow;
import dev.threadstore.sql.Rows.MessageRow;
import dev.threadstore.sql.Rows.SummaryRow;
import dev.threadstore.sql.Rows.ThreadHead;
import dev.threadstore.sql.Rows.ThreadMessageRow;
import dev.threadstore.sql.Rows.ThreadRow;
import dev.threadstore.sql.ThreadMapper.CandidateQuery;
import dev.threadstore.sql.ThreadMapper.IndexEntry;
import dev.threadstore.sql.ThreadMapper.SummaryQuery;
import dev.threadstore.sql.ThreadMapper.ThreadWrite;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.ibatis.builder.BuilderException;
import org.apache.ibatis.builder.MapperBuilderAssistant;
import org.apache.ibatis.builder.annotation.MapperAnnotationBuilder;
import org.apache.ibatis.executor.keygen.Jdbc3KeyGenerator;
import org.apache.ibatis.executor.keygen.KeyGenerator;
import org.apache.ibatis.executor.keygen.NoKeyGenerator;
import org.apache.ibatis.executor.keygen.SelectKeyGenerator;
import org.apache.ibatis.io.Resources;
import org.apache.ibatis.mapping.ResultFlag;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.mapping.StatementType;
import org.apache.ibatis.parsing.PropertyParser;
import org.apache.ibatis.scripting.LanguageDriver;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.scripting.xmltags.ChooseSqlNode;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.ForEachSqlNode;
import org.apache.ibatis.scripting.xmltags.IfSqlNode;
import org.apache.ibatis.scripting.xmltags.MixedSqlNode;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.StaticTextSqlNode;
import org.apache.ibatis.scripting.xmltags.TextSqlNode;
import org.apache.ibatis.scripting.xmltags.VarDeclSqlNode;
import org.apache.ibatis.scripting.xmltags.WhereSqlNode;
import org.apache.ibatis.scripting.xmltags.XMLLanguageDriver;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.type.JdbcType;
import org.jspecify.annotations.Nullable;

/**
 * Loads the store's MyBatis mapper XML (the shared {@code Rows.xml} and the dialect's {@link Dialect#mapperXml()})
 * into a {@link Configuration} without MyBatis' {@code XMLMapperBuilder} and the JDK's XML stack it parses with (a
 * validating DOM parse and XPath, about 40 % of a cold open's CPU). The files stay the single source of truth;
 * {@link MapperXmlReader} reads them, and this class builds from them the objects {@code XMLMapperBuilder} builds,
 * through the same public builder API ({@link MapperBuilderAssistant}, the {@code xmltags} SQL nodes,
 * {@link DynamicSqlSource} or {@link RawSqlSource} as {@code XMLScriptBuilder} decides), with the same defaults,
 * the same {@code <include>} expansion and the same {@code ${}} replacement of configuration variables. Only the
 * elements and attributes the store's mappers use are implemented, each where MyBatis' DTD allows it; anything
 * else is a {@link BuilderException} naming the file and the line, so that a mapper edit this loader does not know
 * fails loudly (a test in each backend compares the result with {@code XMLMapperBuilder}'s). Public only for the
 * backends' tests, as {@link #bareConfiguration()} and {@link #configure} are what a store's open runs. Not
 * thread-safe: one instance loads the files of one configuration, in order.
 */
public final class MapperXml {

    /** The class-path resource of the result maps every dialect's mapper shares. */
    public static final String ROWS = "dev/threadstore/sql/Rows.xml";

    /** What each element may carry: its allowed attributes, and which of them it must have. */
    private record Shape(Set<String> allowed, Set<String> required) {
    }

    private static final Set<String> SCRIPT = Set.of("include", "if", "choose", "foreach", "where", "bind");
    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("mapper", new Shape(Set.of("namespace"), Set.of("namespace"))),
            Map.entry("resultMap", new Shape(Set.of("id", "type"), Set.of("id", "type"))),
            Map.entry("constructor", new Shape(Set.of(), Set.of())),
            Map.entry("idArg", new Shape(Set.of("column", "javaType"), Set.of())),
            Map.entry("arg", new Shape(Set.of("column", "javaType"), Set.of())),
            Map.entry("sql", new Shape(Set.of("id"), Set.of("id"))),
            Map.entry("select", new Shape(Set.of("id", "parameterType", "resultType", "resultMap", "lang"),
                    Set.of("id"))),
            Map.entry("insert", new Shape(Set.of("id", "parameterType", "lang"), Set.of("id"))),
            Map.entry("update", new Shape(Set.of("id", "parameterType", "lang"), Set.of("id"))),
            Map.entry("delete", new Shape(Set.of("id", "parameterType", "lang"), Set.of("id"))),
            Map.entry("include", new Shape(Set.of("refid"), Set.of("refid"))),
            Map.entry("property", new Shape(Set.of("name", "value"), Set.of("name", "value"))),
            Map.entry("if", new Shape(Set.of("test"), Set.of("test"))),
            Map.entry("choose", new Shape(Set.of(), Set.of())),
            Map.entry("when", new Shape(Set.of("test"), Set.of("test"))),
            Map.entry("otherwise", new Shape(Set.of(), Set.of())),
            Map.entry("foreach", new Shape(Set.of("collection", "item", "index", "open", "close", "separator"),
                    Set.of("collection"))),
            Map.entry("where", new Shape(Set.of(), Set.of())),
            Map.entry("bind", new Shape(Set.of("name", "value"), Set.of("name", "value"))));

    /** A {@code <sql>} fragment and the file it is in. */
    private record Fragment(String resource, Element sql) {
    }

    private final Configuration configuration;
    /** The fragments of every file loaded so far, by namespace-qualified id (MyBatis' {@code getSqlFragments}). */
    private final Map<String, Fragment> fragments = new HashMap<>();

    /** @param configuration the configuration the files are loaded into, its type aliases and handlers set */
    MapperXml(Configuration configuration) {
        this.configuration = configuration;
    }

    /**
     * The settings and type aliases every dialect's mapper relies on; nothing from the dialect.
     *
     * @return a new configuration with no statement yet
     */
    public static Configuration bareConfiguration() {
        Configuration configuration = new StoreConfiguration();
        configuration.setCacheEnabled(false);
        configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
        configuration.setJdbcTypeForNull(JdbcType.NULL);
        for (Class<?> type : List.of(ThreadRow.class, MessageRow.class, AttachmentRow.class, DigestRow.class,
                ThreadHead.class, ThreadMessageRow.class, CandidateQuery.class, IndexEntry.class, SummaryRow.class,
                SummaryQuery.class, ThreadWrite.class)) {
            configuration.getTypeAliasRegistry().registerAlias(type.getSimpleName(), type);
        }
        return configuration;
    }

    /**
     * Runs the dialect's {@link Dialect#configure(Configuration)} (type handlers, variables), then loads the shared
     * result maps ({@value #ROWS}) and the dialect's mapper XML.
     *
     * @param configuration a configuration from {@link #bareConfiguration()}
     * @param dialect the dialect
     * @return {@code configuration}
     * @throws IOException if a file cannot be read
     * @throws StoreConfigurationException if a file is not on the class path
     * @throws BuilderException if a file is not a mapper this loader accepts, naming the file and the line
     */
    public static Configuration configure(Configuration configuration, Dialect dialect) throws IOException {
        dialect.configure(configuration);
        MapperXml loader = new MapperXml(configuration);
        loader.load(MapperXml.class.getClassLoader(), ROWS);
        loader.load(dialect.getClass().getClassLoader(), dialect.mapperXml());
        return configuration;
    }

    void load(ClassLoader loader, String resource) throws IOException {
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreConfigurationException("The mapper XML " + resource + " is not on the class path;"
                        + " the backend jar is incomplete");
            }
            bytes = in.readAllBytes();
        }
        load(resource, bytes);
    }

    /** Loads one file, unless a file of that name is loaded already (as {@code XMLMapperBuilder.parse} does). */
    void load(String resource, byte[] bytes) {
        if (configuration.isResourceLoaded(resource)) {
            return;
        }
        Element mapper = MapperXmlReader.read(resource, bytes);
        check(resource, mapper);
        String namespace = attribute(mapper, "namespace");
        if (namespace == null || namespace.isEmpty()) {
            throw error(resource, mapper.line(), "<mapper> has an empty namespace");
        }
        MapperBuilderAssistant assistant = new MapperBuilderAssistant(configuration, resource);
        assistant.setCurrentNamespace(namespace);
        List<Element> resultMaps = new ArrayList<>();
        List<Element> sqls = new ArrayList<>();
        List<Element> statements = new ArrayList<>();
        for (Element child : elementsOnly(resource, mapper)) {
            switch (child.name()) {
                case "resultMap" -> resultMaps.add(child);
                case "sql" -> sqls.add(child);
                case "select", "insert", "update", "delete" -> statements.add(child);
                default -> throw unknown(resource, child, mapper);
            }
        }
        for (Element resultMap : resultMaps) {
            run(resource, resultMap, () -> resultMap(resource, assistant, resultMap));
        }
        for (Element sql : sqls) {
            check(resource, sql);
            checkScript(resource, sql);
            String id = guarded(resource, sql, () -> assistant.applyCurrentNamespace(attribute(sql, "id"), false));
            if (fragments.putIfAbsent(id, new Fragment(resource, sql)) != null) {
                throw error(resource, sql.line(), "a second <sql id=\"" + sql.attributes().get("id") + "\">");
            }
        }
        for (Element statement : statements) {
            run(resource, statement, () -> statement(resource, assistant, statement));
        }
        configuration.addLoadedResource(resource);
        bindNamespace(namespace);
    }

    /** As {@code XMLMapperBuilder.resultMapElement} for a result map of constructor arguments. */
    private void resultMap(String resource, MapperBuilderAssistant assistant, Element node) {
        check(resource, node);
        Class<?> type = resolveClass(attribute(node, "type"));
        List<ResultMapping> mappings = new ArrayList<>();
        List<Element> children = elementsOnly(resource, node);
        for (Element constructor : children) {
            if (!constructor.name().equals("constructor")) {
                throw unknown(resource, constructor, node);
            }
            if (children.size() > 1) {
                throw error(resource, constructor.line(), "<resultMap> has more than one <constructor>");
            }
            check(resource, constructor);
            for (Element arg : elementsOnly(resource, constructor)) {
                if (!arg.name().equals("idArg") && !arg.name().equals("arg")) {
                    throw unknown(resource, arg, constructor);
                }
                check(resource, arg);
                requireEmpty(resource, arg);
                List<ResultFlag> flags = new ArrayList<>();
                flags.add(ResultFlag.CONSTRUCTOR);
                if (arg.name().equals("idArg")) {
                    flags.add(ResultFlag.ID);
                }
                mappings.add(assistant.buildResultMapping(type, null, attribute(arg, "column"),
                        resolveClass(attribute(arg, "javaType")), null, null, null, null, null, null, flags, null,
                        null, configuration.isLazyLoadingEnabled()));
            }
        }
        assistant.addResultMap(attribute(node, "id"), type, null, null, mappings, null);
    }

    /** As {@code XMLStatementBuilder.parseStatementNode} for the attributes this loader allows. */
    private void statement(String resource, MapperBuilderAssistant assistant, Element node) {
        check(resource, node);
        checkScript(resource, node);
        String id = attribute(node, "id");
        SqlCommandType commandType = SqlCommandType.valueOf(node.name().toUpperCase(Locale.ENGLISH));
        boolean select = commandType == SqlCommandType.SELECT;
        Properties variables = new Properties();
        variables.putAll(configuration.getVariables());
        List<Node> script = expand(resource, assistant, node.children(), variables, false, new ArrayDeque<>());
        Class<?> parameterType = resolveClass(attribute(node, "parameterType"));
        LanguageDriver lang = languageDriver(attribute(node, "lang"));
        String keyStatementId = assistant.applyCurrentNamespace(id + SelectKeyGenerator.SELECT_KEY_SUFFIX, true);
        KeyGenerator keyGenerator = configuration.hasKeyGenerator(keyStatementId)
                ? configuration.getKeyGenerator(keyStatementId)
                : configuration.isUseGeneratedKeys() && commandType == SqlCommandType.INSERT
                        ? Jdbc3KeyGenerator.INSTANCE : NoKeyGenerator.INSTANCE;
        SqlSource sqlSource = new Script().sqlSource(script, parameterType);
        String resultMap = attribute(node, "resultMap");
        Class<?> resultType = resolveClass(attribute(node, "resultType"));
        if (resultType == null && resultMap == null) {
            resultType = MapperAnnotationBuilder.getMethodReturnType(assistant.getCurrentNamespace(), id);
        }
        assistant.addMappedStatement(id, sqlSource, StatementType.PREPARED, commandType, null, null, null,
                parameterType, resultMap, resultType, configuration.getDefaultResultSetType(), !select, select, false,
                keyGenerator, null, null, null, lang, null, false);
    }

    /**
     * The language of {@code lang=}, or the default one. The SQL is built here as {@code XMLLanguageDriver} builds
     * it, so a language that builds it otherwise (overrides {@code createSqlSource}) is refused.
     */
    private LanguageDriver languageDriver(@Nullable String lang) {
        Class<? extends LanguageDriver> type = lang == null ? null : resolveClass(lang);
        LanguageDriver driver = configuration.getLanguageDriver(type);
        if (!(driver instanceof XMLLanguageDriver)) {
            throw new BuilderException("lang=\"" + lang + "\" is not MyBatis' XML language (XMLLanguageDriver)");
        }
        for (Class<?> c = driver.getClass(); c != XMLLanguageDriver.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals("createSqlSource")) {
                    throw new BuilderException("lang=\"" + lang + "\" builds its SQL itself (" + c.getName()
                            + ".createSqlSource), which this loader does not run");
                }
            }
        }
        return driver;
    }

    /**
     * Inlines the {@code <include>}s as {@code XMLIncludeTransformer.applyIncludes} does: an included fragment's
     * attribute values and text get the include's {@code <property>} values and the configuration variables
     * ({@code ${name}}) replaced, when there are any.
     */
    private List<Node> expand(String resource, MapperBuilderAssistant assistant, List<Node> nodes,
                              Properties context, boolean included, Deque<String> including) {
        List<Node> expanded = new ArrayList<>();
        for (Node node : nodes) {
            if (node instanceof Text text) {
                expanded.add(included && !context.isEmpty()
                        ? new Text(PropertyParser.parse(text.data(), context), text.line()) : text);
            } else if (node instanceof Element element && element.name().equals("include")) {
                String refid = PropertyParser.parse(element.attributes().get("refid"), context);
                String id = assistant.applyCurrentNamespace(refid, true);
                Fragment fragment = fragments.get(id);
                if (fragment == null) {
                    throw error(resource, element.line(), "<include refid=\"" + refid + "\"> names no <sql> fragment"
                            + " of this file or of one loaded before it (" + id + ")");
                }
                if (including.contains(id)) {
                    throw error(resource, element.line(), "<include refid=\"" + refid + "\"> includes itself");
                }
                Properties inner = includeContext(resource, element, context);
                including.push(id);
                expanded.addAll(expand(fragment.resource(), assistant, fragment.sql().children(), inner, true,
                        including));
                including.pop();
            } else if (node instanceof Element element) {
                Map<String, String> attributes = element.attributes();
                if (included && !context.isEmpty()) {
                    attributes = new LinkedHashMap<>();
                    for (Map.Entry<String, String> attribute : element.attributes().entrySet()) {
                        attributes.put(attribute.getKey(), PropertyParser.parse(attribute.getValue(), context));
                    }
                }
                expanded.add(new Element(element.name(), attributes,
                        expand(resource, assistant, element.children(), context, included, including),
                        element.line()));
            }
        }
        return expanded;
    }

    /** The variables inside an included fragment: the including context and the include's properties. */
    private static Properties includeContext(String resource, Element include, Properties inherited) {
        Map<String, String> declared = new HashMap<>();
        for (Node node : include.children()) {
            if (node instanceof Element property) {
                String name = property.attributes().get("name");
                String value = PropertyParser.parse(property.attributes().get("value"), inherited);
                if (declared.put(name, value) != null) {
                    throw error(resource, property.line(), "<include> sets the property " + name + " twice");
                }
            }
        }
        if (declared.isEmpty()) {
            return inherited;
        }
        Properties context = new Properties();
        context.putAll(inherited);
        context.putAll(declared);
        return context;
    }

    /** The SQL of one statement, built from its expanded content as {@code XMLScriptBuilder} builds it. */
    private final class Script {
        private boolean dynamic;
        private final StringJoiner staticText = new StringJoiner(" ");

        /**
         * A static statement's SQL is its text nodes joined by a space and trimmed, as {@code RawSqlSource}'s own
         * rendering through a {@code DynamicContext} gives it; built here, it does not set up OGNL (which
         * {@code DynamicContext}'s class initialiser does), so a store that runs only static statements never does.
         */
        SqlSource sqlSource(List<Node> nodes, @Nullable Class<?> parameterType) {
            MixedSqlNode root = mixed(nodes);
            return dynamic ? new DynamicSqlSource(configuration, root)
                    : new RawSqlSource(configuration, staticText.toString().trim(), parameterType);
        }

        private MixedSqlNode mixed(List<Node> nodes) {
            List<SqlNode> contents = new ArrayList<>();
            for (Node node : nodes) {
                if (node instanceof Text text) {
                    String data = PropertyParser.parse(text.data(), configuration.getVariables());
                    TextSqlNode textNode = new TextSqlNode(data);
                    if (textNode.isDynamic()) {
                        contents.add(textNode);
                        dynamic = true;
                    } else {
                        contents.add(new StaticTextSqlNode(data));
                        staticText.add(data);
                    }
                } else {
                    contents.add(dynamicNode((Element) node));
                    dynamic = true;
                }
            }
            return new MixedSqlNode(contents);
        }

        private SqlNode dynamicNode(Element element) {
            return switch (element.name()) {
                case "if" -> new IfSqlNode(mixed(element.children()), attribute(element, "test"));
                case "where" -> new WhereSqlNode(configuration, mixed(element.children()));
                case "foreach" -> new ForEachSqlNode(configuration, mixed(element.children()),
                        attribute(element, "collection"), null, attribute(element, "index"),
                        attribute(element, "item"), attribute(element, "open"), attribute(element, "close"),
                        attribute(element, "separator"));
                case "bind" -> new VarDeclSqlNode(attribute(element, "name"), attribute(element, "value"));
                case "choose" -> {
                    List<SqlNode> whens = new ArrayList<>();
                    SqlNode otherwise = null;
                    for (Node child : element.children()) {
                        if (child instanceof Element branch && branch.name().equals("when")) {
                            whens.add(new IfSqlNode(mixed(branch.children()), attribute(branch, "test")));
                        } else if (child instanceof Element branch) {
                            otherwise = mixed(branch.children());
                        }
                    }
                    yield new ChooseSqlNode(whens, otherwise);
                }
                default -> throw new IllegalStateException("checkScript let <" + element.name() + "> through");
            };
        }
    }

    /** The DTD's check of a statement's or fragment's content, for the elements this loader implements. */
    private static void checkScript(String resource, Element parent) {
        for (Node node : parent.children()) {
            if (!(node instanceof Element element)) {
                continue;
            }
            if (!SCRIPT.contains(element.name())) {
                throw unknown(resource, element, parent);
            }
            check(resource, element);
            switch (element.name()) {
                case "include" -> {
                    for (Element property : elementsOnly(resource, element)) {
                        if (!property.name().equals("property")) {
                            throw unknown(resource, property, element);
                        }
                        check(resource, property);
                        requireEmpty(resource, property);
                    }
                }
                case "bind" -> requireEmpty(resource, element);
                case "choose" -> {
                    boolean otherwise = false;
                    for (Element branch : elementsOnly(resource, element)) {
                        boolean when = branch.name().equals("when");
                        if (!when && !branch.name().equals("otherwise")) {
                            throw unknown(resource, branch, element);
                        }
                        if (otherwise) {
                            throw error(resource, branch.line(),
                                    "<" + branch.name() + "> after <otherwise> in <choose>");
                        }
                        otherwise = !when;
                        check(resource, branch);
                        checkScript(resource, branch);
                    }
                }
                default -> checkScript(resource, element);
            }
        }
    }

    /** @return the element children of an element whose content the DTD allows to be elements only */
    private static List<Element> elementsOnly(String resource, Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node : parent.children()) {
            if (node instanceof Element element) {
                elements.add(element);
            } else if (!MapperXmlReader.isSpace(((Text) node).data())) {
                throw error(resource, node.line(), "text in <" + parent.name() + ">, which holds only elements");
            }
        }
        return elements;
    }

    private static void requireEmpty(String resource, Element element) {
        if (!element.children().isEmpty()) {
            throw error(resource, element.children().get(0).line(), "<" + element.name() + "> must be empty");
        }
    }

    /** Checks an element's attributes against its {@link Shape}. */
    private static void check(String resource, Element element) {
        Shape shape = SHAPES.get(element.name());
        if (shape == null) {
            throw error(resource, element.line(), "unknown element <" + element.name() + ">");
        }
        for (String name : element.attributes().keySet()) {
            if (!shape.allowed().contains(name)) {
                throw error(resource, element.line(), "<" + element.name() + "> has the attribute " + name
                        + ", which this loader does not implement (it knows " + String.join(", ",
                        shape.allowed().stream().sorted().toList()) + ")");
            }
        }
        for (String name : shape.required()) {
            if (!element.attributes().containsKey(name)) {
                throw error(resource, element.line(), "<" + element.name() + "> needs the attribute " + name);
            }
        }
    }

    /** As {@code XMLMapperBuilder.bindMapperForNamespace}. */
    private void bindNamespace(String namespace) {
        Class<?> type = null;
        try {
            type = Resources.classForName(namespace);
        } catch (ClassNotFoundException e) {
            // a namespace need not name a type
        }
        if (type != null && !configuration.hasMapper(type)) {
            configuration.addLoadedResource("namespace:" + namespace);
            configuration.addMapper(type);
        }
    }

    /** An attribute as {@code XNode} reads it: with the configuration variables replaced. */
    private @Nullable String attribute(Element element, String name) {
        String value = element.attributes().get(name);
        return value == null ? null : PropertyParser.parse(value, configuration.getVariables());
    }

    private <T> @Nullable Class<? extends T> resolveClass(@Nullable String alias) {
        if (alias == null) {
            return null;
        }
        try {
            return configuration.getTypeAliasRegistry().resolveAlias(alias);
        } catch (RuntimeException e) {
            throw new BuilderException("Cannot resolve the type '" + alias + "': " + e.getMessage(), e);
        }
    }

    /** Runs a step on an element, turning a MyBatis error into one that names the file and the element's line. */
    private static <T> T guarded(String resource, Element element, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (Located e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Located(resource, element.line(), describe(element) + ": " + e.getMessage(), e);
        }
    }

    private static void run(String resource, Element element, Runnable step) {
        guarded(resource, element, () -> {
            step.run();
            return null;
        });
    }

    private static String describe(Element element) {
        String id = element.attributes().get("id");
        return "<" + element.name() + (id == null ? "" : " id=\"" + id + "\"") + ">";
    }

    private static BuilderException unknown(String resource, Element element, Element parent) {
        return error(resource, element.line(), (SHAPES.containsKey(element.name()) ? "<" + element.name()
                + "> is not allowed in <" : "unknown element <" + element.name() + "> in <") + parent.name() + ">");
    }

    static BuilderException error(String resource, int line, String message) {
        return new Located(resource, line, message, null);
    }

    /** An error in a mapper file, with the file and the line. */
    private static final class Located extends BuilderException {
        private static final long serialVersionUID = 1L;

        Located(String resource, int line, String message, @Nullable Throwable cause) {
            super("Mapper XML " + resource + ", line " + line + ": " + message, cause);
        }
    }
}
