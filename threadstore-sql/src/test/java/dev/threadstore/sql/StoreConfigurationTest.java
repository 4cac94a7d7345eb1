package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.executor.resultset.DefaultResultSetHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.session.RowBounds;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of {@link StoreConfiguration}: the mapper binding applies to ThreadMapper as it is, and never to an
 * annotated mapper; the row reader applies to statements of thread rows only.
 */
class StoreConfigurationTest {

    interface Annotated {
        @Select("SELECT 1")
        int one();
    }

    interface ParamsOnly {
        int byId(@Param("id") String id);
    }

    @Test
    void threadMapperCarriesNoMyBatisAnnotationSoItsScanWouldAddNothing() {
        assertThat(StoreConfiguration.hasNoMyBatisAnnotation(ThreadMapper.class)).isTrue();
        assertThat(new StoreConfiguration().hasMapper(ThreadMapper.class)).isTrue();
    }

    @Test
    void aStatementAnnotationTurnsTheShortcutOff() {
        assertThat(StoreConfiguration.hasNoMyBatisAnnotation(Annotated.class)).isFalse();
        assertThat(StoreConfiguration.hasNoMyBatisAnnotation(ParamsOnly.class)).isTrue();
        assertThat(new StoreConfiguration().hasMapper(Annotated.class)).isFalse();
    }

    @Test
    void onlyStatementsOfThreadRowsGetTheDirectRowReader() {
        StoreConfiguration configuration = new StoreConfiguration();
        ThreadMessageRowHandler.register(configuration.getTypeHandlerRegistry());

        assertThat(configuration.newResultSetHandler(null, select(configuration, Rows.ThreadMessageRow.class),
                RowBounds.DEFAULT, null, null, null)).isInstanceOf(ThreadRowsResultSetHandler.class);
        assertThat(configuration.newResultSetHandler(null, select(configuration, String.class),
                RowBounds.DEFAULT, null, null, null)).isInstanceOf(DefaultResultSetHandler.class);
        assertThat(configuration.newResultSetHandler(null, select(configuration, Rows.ThreadMessageRow.class),
                new RowBounds(1, 2), null, null, null)).isInstanceOf(DefaultResultSetHandler.class);
    }

    private static MappedStatement select(StoreConfiguration configuration, Class<?> type) {
        String id = "select" + type.getSimpleName();
        return new MappedStatement.Builder(configuration, id, new StaticSqlSource(configuration, "SELECT 1"),
                SqlCommandType.SELECT)
                .resultMaps(List.of(new ResultMap.Builder(configuration, id + "-Inline", type, List.of()).build()))
                .build();
    }
}
