package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.sql.testkit.AbstractMapperXmlTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.ibatis.builder.BuilderException;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MapperXml} on mapper XML beyond the store's own files: the XML constructs it accepts (comments inside SQL,
 * CDATA, entities and character references, CR LF line ends, attribute whitespace, nested includes with properties,
 * configuration variables, {@code ${}} left for run time) give what MyBatis' {@code XMLMapperBuilder} gives, and
 * everything it does not implement fails with the file and the line. The store's own files are compared in each
 * backend ({@link AbstractMapperXmlTest}).
 */
class MapperXmlTest {

    private static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "https://mybatis.org/dtd/mybatis-3-mapper.dtd">
            <mapper namespace="sample.Mapper">
            """;

    /** Every construct the reader implements, in the places MyBatis allows them. */
    private static final String SAMPLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "https://mybatis.org/dtd/mybatis-3-mapper.dtd">
            <!-- before the root -->
            <mapper namespace="sample.Tricky">
              <resultMap id="head" type="ThreadHead">
                <constructor>
                  <arg column="version" javaType="_long"/>
                  <arg column="created_at" javaType="java.time.Instant"/>
                  <idArg column="updated_at" javaType="java.time.Instant"/>
                  <arg column="max_sequence" javaType="java.lang.Integer"/>
                  <arg column="expires_at" javaType="java.time.Instant"/>
                </constructor>
              </resultMap>
              <sql id="columns">a, b, ${alias}.c</sql>
              <sql id="nested">x, <include refid="columns"><property name="alias" value="${outer}"/></include>, y</sql>
              <select id="comments" resultType="string">
                SELECT a <!-- inside the SQL --> FROM ${table} WHERE b = #{b} AND c &lt;&gt; 'x&amp;y&quot;&apos;'
                AND d = '&#65;&#x42;' <![CDATA[ AND e < 3 && f > 2 ]]> AND f = #{f}<![CDATA[]]>
              </select>
              <select id="probe" resultMap="head">SELECT * FROM t WHERE id = #{id}</select>
              <select id="runtimeText" resultType="_long">SELECT ${column} FROM t</select>
              <select id="included" resultType="string">
                SELECT <include refid="nested"><property name="outer" value="q"/></include> FROM t
                <where>
                  <if test="b != null">b = #{b}</if>
                  <if test='f != null and
                            f != "&lt;"'>AND f = #{f}</if>
                  <choose>
                    <when test="list.isEmpty()"></when>
                    <when test="list.size() == 1">AND g = #{list[0]}</when>
                    <otherwise>AND g IN <foreach collection="list" item="i" index="n" open="(" separator=","
                      close=")">#{i}</foreach></otherwise>
                  </choose>
                </where>
                <bind name="pattern" value="'%' + a + '%'"/> ORDER BY #{pattern}
              </select>
              <insert id="write" parameterType="ThreadWrite" lang="dev.threadstore.sql.RowBinding">
                INSERT INTO ${table} VALUES (#{id},
                  #{title})</insert>
              <update id="change" parameterType="map">UPDATE t SET a = #{a}</update>
              <delete id="remove">DELETE FROM t WHERE a = #{a, jdbcType=VARCHAR}</delete>
            </mapper>
            """;

    @ParameterizedTest(name = "line ends {0}")
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void aMapperUsingEveryConstructLoadsAsMyBatisLoadsIt(String lineEnd) {
        byte[] xml = SAMPLE.replace("\n", lineEnd).getBytes(StandardCharsets.UTF_8);
        Configuration reference = configuration();
        new XMLMapperBuilder(new ByteArrayInputStream(xml), reference, "sample.xml", reference.getSqlFragments())
                .parse();
        Configuration loaded = configuration();
        new MapperXml(loaded).load("sample.xml", xml);

        assertThat(AbstractMapperXmlTest.describe(loaded)).isEqualTo(AbstractMapperXmlTest.describe(reference));
        long seed = Long.getLong("threadstore.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        for (String id : List.of("comments", "probe", "runtimeText", "included", "write", "change", "remove")) {
            MappedStatement expected = reference.getMappedStatement("sample.Tricky." + id);
            MappedStatement actual = loaded.getMappedStatement("sample.Tricky." + id);
            for (int i = 0; i < 50; i++) {
                Map<String, Object> parameter = parameter(random);
                assertThat(AbstractMapperXmlTest.describe(actual.getBoundSql(parameter)))
                        .as("%s with %s (rerun with -Dthreadstore.seed=%d)", id, parameter, seed)
                        .isEqualTo(AbstractMapperXmlTest.describe(expected.getBoundSql(parameter)));
            }
        }
        assertThat(loaded.getMappedStatement("sample.Tricky.comments").getBoundSql(Map.of()).getSql())
                .contains("c <> 'x&y\"''", "d = 'AB'", "AND e < 3 && f > 2", "FROM \"tenant\" WHERE")
                .doesNotContain("inside the SQL");
    }

    private static Map<String, Object> parameter(SplittableRandom random) {
        Map<String, Object> parameter = new HashMap<>();
        parameter.put("b", random.nextBoolean() ? null : "b" + random.nextInt(10));
        parameter.put("f", switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> "<";
            default -> "f" + random.nextInt(10);
        });
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            list.add(random.nextBoolean() ? random.nextLong() : "v" + i);
        }
        parameter.put("list", list);
        parameter.put("column", "k" + random.nextInt(3));
        parameter.put("a", "a");
        parameter.put("id", "t1");
        return parameter;
    }

    private static Configuration configuration() {
        Configuration configuration = MapperXml.bareConfiguration();
        configuration.getVariables().setProperty("table", "\"tenant\"");
        return configuration;
    }

    @Test
    void anUnknownElementFailsWithTheFileAndLine() {
        assertFails("""
                  <select id="a" resultType="string">
                    SELECT a FROM t <trim prefix="WHERE">b = 1</trim>
                  </select>
                """, 5, "unknown element <trim>");
        assertFails("""
                  <cache/>
                """, 4, "unknown element <cache>");
    }

    @Test
    void anElementOutOfItsPlaceFailsWithTheFileAndLine() {
        assertFails("""
                  <select id="a" resultType="string">
                    SELECT a FROM t <when test="b">x</when>
                  </select>
                """, 5, "<when> is not allowed in <select>");
        assertFails("""
                  <select id="a" resultType="string">
                    <choose><otherwise>x</otherwise>
                      <when test="b">y</when></choose>
                  </select>
                """, 6, "<when> after <otherwise>");
        assertFails("""
                  <resultMap id="r" type="ThreadHead">
                    text
                  </resultMap>
                """, 4, "text in <resultMap>");
    }

    @Test
    void anUnknownAttributeFailsWithTheFileAndLine() {
        assertFails("""
                  <select id="a" resultType="string"
                          timeout="5">SELECT 1</select>
                """, 4, "<select> has the attribute timeout");
        assertFails("""
                  <insert id="a" resultType="string">INSERT</insert>
                """, 4, "<insert> has the attribute resultType");
        assertFails("""
                  <select id="a"><if>x</if></select>
                """, 4, "<if> needs the attribute test");
    }

    @Test
    void anIncludeOfAMissingFragmentFailsWithTheFileAndLine() {
        assertFails("""
                  <sql id="columns">a, b</sql>
                  <select id="a" resultType="string">
                    SELECT <include refid="colums"/> FROM t
                  </select>
                """, 6, "<include refid=\"colums\"> names no <sql> fragment");
        assertFails("""
                  <sql id="loop">a <include refid="loop"/></sql>
                  <select id="a" resultType="string">SELECT <include refid="loop"/></select>
                """, 4, "includes itself");
    }

    @Test
    void anUnknownEntityFailsWithTheFileAndLine() {
        assertFails("""
                  <select id="a" resultType="string">
                    SELECT a&nbsp;FROM t
                  </select>
                """, 5, "unknown entity &nbsp;");
        assertFails("""
                  <select id="a" resultType="string">SELECT 'a & b'</select>
                """, 4, "'&' that starts no entity reference");
    }

    @Test
    void malformedXmlFailsWithTheFileAndLine() {
        assertFails("""
                  <select id="a" resultType="string">
                    SELECT 1
                  </update>
                """, 6, "</update> closes <select> of line 4");
        assertFails("""
                  <select id="a" id="b">SELECT 1</select>
                """, 4, "repeats the attribute id");
        assertFails("""
                  <?pi data?>
                """, 4, "processing instructions are not supported");
        assertThatThrownBy(() -> load("<?xml version=\"1.0\"?>\n<mapper namespace=\"x\"/>\n"))
                .isInstanceOf(BuilderException.class).hasMessageContaining("sample.xml, line 2")
                .hasMessageContaining("expected the mapper DOCTYPE");
        assertThatThrownBy(() -> load(HEAD.replace("UTF-8", "ISO-8859-1") + "</mapper>\n"))
                .isInstanceOf(BuilderException.class).hasMessageContaining("sample.xml, line 1")
                .hasMessageContaining("encoding=\"ISO-8859-1\" is not supported");
    }

    @Test
    void anErrorMyBatisRaisesNamesTheFileAndTheElementsLine() {
        assertFails("""
                  <select id="a" resultMap="noSuchMap">SELECT 1</select>
                """, 4, "<select id=\"a\">");
        assertFails("""
                  <select id="a" resultType="NoSuchType">SELECT 1</select>
                """, 4, "Cannot resolve the type 'NoSuchType'");
    }

    private static void assertFails(String body, int line, String message) {
        assertThatThrownBy(() -> load(HEAD + body + "</mapper>\n"))
                .isInstanceOf(BuilderException.class)
                .hasMessageContaining("Mapper XML sample.xml, line " + line + ": ")
                .hasMessageContaining(message);
    }

    private static void load(String xml) {
        new MapperXml(configuration()).load("sample.xml", xml.getBytes(StandardCharsets.UTF_8));
    }
}
