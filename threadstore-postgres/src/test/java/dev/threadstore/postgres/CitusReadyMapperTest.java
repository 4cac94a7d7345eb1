package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every statement of the PostgreSQL mapper that touches one thread names the thread id, so that on Citus (tables
 * distributed by thread id) it is routed to one shard; joins pair the thread ids, so they stay on one shard. The
 * statements that read across threads are listed here with the operation they serve; docs/scaling.md lists them
 * too. A new statement either names the thread id or is added to this list on purpose.
 */
class CitusReadyMapperTest {

    private static final String MAPPER = "/dev/threadstore/postgres/ThreadMapper.xml";

    /** Statements that read across threads (fan out to every shard on Citus), and why. */
    private static final Map<String, String> CROSS_THREAD = Map.of(
            "selectThreadIdsByMessageId", "getThreadByMessageId: a message id alone does not say its thread",
            "selectThreadIds", "listings: list / listThreads over every thread",
            "selectCandidateIds", "queries: findByAttributes / findBySource over every thread",
            "selectSummaries", "listings: summaries over every thread",
            "countThreads", "counts: count over every thread",
            "selectReferencedStoragePaths", "delete with files: which paths other threads still reference",
            "selectExpiredThreadIds", "deleteExpired: which threads have expired, over every thread");

    /** The cross-thread statements the mapper has; every one of them must exist and really read across threads. */
    private static final List<String> KNOWN_CROSS_THREAD = List.copyOf(CROSS_THREAD.keySet());

    /** {@code thread_id = #{…}} or {@code thread_id = ANY(#{…})}, with an optional table alias. */
    private static final Pattern THREAD_ID_BOUND = Pattern.compile("\\bthread_id\\s*=\\s*(ANY\\s*\\(\\s*)?#\\{");
    /** {@code id = #{…}} on the threads table, the thread's own id. */
    private static final Pattern ID_BOUND = Pattern.compile("(?<![\\w.])(t\\.)?id\\s*=\\s*(ANY\\s*\\(\\s*)?#\\{");
    /** An INSERT whose first column is the distribution column and whose first value is bound. */
    private static final Pattern INSERT_BOUND = Pattern.compile(
            "INSERT\\s+INTO\\s+\\$\\{schema}\\.(\\w+)\\s*\\(\\s*(thread_id|id)\\s*,.*?\\)\\s*(VALUES\\s*\\(|SELECT)\\s*#\\{",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE = Pattern.compile("\\$\\{schema}\\.(\\w+)");
    private static final Pattern JOIN = Pattern.compile(
            "JOIN\\s+\\$\\{schema}\\.\\w+\\s+\\w+\\s+ON\\s+(.*?)(?=\\bWHERE\\b|\\bORDER\\b|\\bJOIN\\b|\\)|$)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    @Test
    void everyStatementOnOneThreadNamesTheThreadId() throws Exception {
        Map<String, String> statements = statements();
        assertThat(statements).containsKeys("selectThread", "insertMessage", "lockThread")
                .containsKeys(KNOWN_CROSS_THREAD.toArray(String[]::new));

        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            String id = statement.getKey();
            String sql = statement.getValue();
            boolean crossThread = CROSS_THREAD.containsKey(id);
            if (!crossThread && !namesTheThreadId(sql)) {
                violations.add(id + " touches " + tables(sql) + " without naming the thread id: " + oneLine(sql));
            }
            Matcher join = JOIN.matcher(sql);
            while (join.find()) {
                if (!join.group(1).contains("thread_id")) {
                    violations.add(id + " joins without pairing the thread ids (ON " + oneLine(join.group(1)) + ")");
                }
            }
        }
        assertThat(violations).as("statements that would not stay on one shard on Citus; name the thread id, or add"
                + " the statement to CROSS_THREAD and docs/scaling.md if it must read across threads").isEmpty();
    }

    @Test
    void theCrossThreadStatementsReallyReadAcrossThreads() throws Exception {
        Map<String, String> statements = statements();
        for (String id : KNOWN_CROSS_THREAD) {
            assertThat(statements.get(id)).as(id).doesNotContainPattern("^\\s*(INSERT|UPDATE|DELETE)");
            assertThat(namesTheThreadId(statements.get(id))).as("%s is listed as cross-thread but names a thread id", id)
                    .isFalse();
        }
    }

    private static boolean namesTheThreadId(String sql) {
        if (THREAD_ID_BOUND.matcher(sql).find() || INSERT_BOUND.matcher(sql).find()) {
            return true;
        }
        return tables(sql).equals(List.of("threads")) && ID_BOUND.matcher(sql).find();
    }

    private static List<String> tables(String sql) {
        List<String> tables = new ArrayList<>();
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            if (!tables.contains(m.group(1))) {
                tables.add(m.group(1));
            }
        }
        return tables;
    }

    /** Every select, insert, update and delete of the mapper, its {@code <include>}s expanded, by id. */
    private static Map<String, String> statements() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        Document document;
        try (InputStream in = CitusReadyMapperTest.class.getResourceAsStream(MAPPER)) {
            assertThat(in).as(MAPPER).isNotNull();
            document = factory.newDocumentBuilder().parse(in);
        }
        Map<String, Element> fragments = new HashMap<>();
        NodeList sqls = document.getElementsByTagName("sql");
        for (int i = 0; i < sqls.getLength(); i++) {
            Element e = (Element) sqls.item(i);
            fragments.put(e.getAttribute("id"), e);
        }
        Map<String, String> statements = new LinkedHashMap<>();
        for (String tag : List.of("select", "insert", "update", "delete")) {
            NodeList nodes = document.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                statements.put(e.getAttribute("id"), text(e, fragments));
            }
        }
        return statements;
    }

    private static String text(Node node, Map<String, Element> fragments) {
        StringBuilder b = new StringBuilder();
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                b.append(child.getNodeValue());
            } else if (child instanceof Element e && e.getTagName().equals("include")) {
                b.append(text(fragments.get(e.getAttribute("refid")), fragments));
            } else if (child instanceof Element e) {
                b.append(' ').append(text(e, fragments)).append(' ');
            }
        }
        return b.toString();
    }

    private static String oneLine(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }
}
