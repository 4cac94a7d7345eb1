package dev.threadstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** k=v selection values are typed like JSON scalars, strings otherwise. */
class QueryOptionsTest {

    @Test
    void valuesAreTypedAsJsonScalarsOrStrings() {
        assertThat(QueryOptions.jsonScalar("3")).isEqualTo(3L);
        assertThat(QueryOptions.jsonScalar("-2.5")).isEqualTo(-2.5);
        assertThat(QueryOptions.jsonScalar("true")).isEqualTo(true);
        assertThat(QueryOptions.jsonScalar("null")).isNull();
        assertThat(QueryOptions.jsonScalar("\"3\"")).isEqualTo("3");
        assertThat(QueryOptions.jsonScalar("high")).isEqualTo("high");
        assertThat(QueryOptions.jsonScalar("007")).isEqualTo("007");
        assertThat(QueryOptions.jsonScalar("99999999999999999999")).isEqualTo(1e20);
    }
}
