package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** An inspector written against the first form of the interface (URL only) still compiles and says what it lacks. */
class SchemaInspectorTest {

    @Test
    void anInspectorThatReadsOnlyFromAUrlRefusesTheDataSourceFormClearly() {
        SchemaInspector urlOnly = uri -> new SchemaStatus("changelog.xml", List.of("1"), List.of());
        DataSource pool = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new AssertionError("the default must not use the pool");
                });

        assertThat(urlOnly.schemaStatus(StoreUri.parse("sqlite::memory:")).applied()).containsExactly("1");
        assertThatThrownBy(() -> urlOnly.schemaStatus(pool, StoreUri.parse("sqlite::memory:")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("from a URL only");
    }
}
