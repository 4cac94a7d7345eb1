package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.junit.jupiter.api.Test;

/** The shortcut of {@link StoreConfiguration} applies to ThreadMapper as it is, and never to an annotated mapper. */
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
}
