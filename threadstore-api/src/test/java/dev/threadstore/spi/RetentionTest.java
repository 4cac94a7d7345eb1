package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ValueLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @CsvSource({"30d, P30D", "12h, PT12H", "90m, PT90M", "45s, PT45S", "P30D, P30D", "PT12H, PT12H", "' 7D ', P7D"})
    void readsShortAndIsoDurations(String text, String expected) {
        Retention retention = Retention.from(StoreUri.parse("memory:").withOptions(Map.of("timeToLive", text)));
        assertThat(retention.timeToLive()).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0d", "-1h", "P-1D", "PT0S", "30 days", "1w", "abc", "9999999999999d"})
    void refusesAnythingButAPositiveDurationNamingTheOption(String text) {
        StoreUri uri = StoreUri.parse("memory:").withOptions(Map.of("timeToLive", text));
        assertThatThrownBy(() -> Retention.from(uri))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("timeToLive");
    }

    @Test
    void withoutTheOptionThereIsNoTimeToLive() {
        Retention retention = Retention.from(StoreUri.parse("memory:"));
        assertThat(retention.timeToLive()).isEmpty();
        assertThat(retention.onSave(null, NOW)).isNull();
        assertThat(retention.onAppend(NOW.plusSeconds(5), NOW)).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void aSaveKeepsTheCarriedExpiryAndOtherwiseGetsTheTimeToLive() {
        Retention retention = Retention.of(Duration.ofHours(1));
        assertThat(retention.onSave(null, NOW)).isEqualTo(NOW.plusSeconds(3600));
        assertThat(retention.onSave(NOW.plusSeconds(10), NOW)).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void anAppendMovesTheExpiryToAtLeastTheTimeToLive() {
        Retention retention = Retention.of(Duration.ofHours(1));
        assertThat(retention.onAppend(null, NOW)).isEqualTo(NOW.plusSeconds(3600));
        assertThat(retention.onAppend(NOW.plusSeconds(10), NOW)).isEqualTo(NOW.plusSeconds(3600));
        assertThat(retention.onAppend(NOW.plusSeconds(7200), NOW)).isEqualTo(NOW.plusSeconds(7200));
    }

    @Test
    void aTimeToLivePastTheLastStorableInstantStopsThere() {
        Retention retention = Retention.of(Duration.ofDays(9_000_000));
        assertThat(retention.onSave(null, NOW)).isEqualTo(ValueLimits.MAX_INSTANT);
    }

    @Test
    void expiredMeansAtOrBeforeNow() {
        assertThat(Retention.isExpired(null, NOW)).isFalse();
        assertThat(Retention.isExpired(NOW, NOW)).isTrue();
        assertThat(Retention.isExpired(NOW.minusNanos(1000), NOW)).isTrue();
        assertThat(Retention.isExpired(NOW.plusNanos(1000), NOW)).isFalse();
    }

    @Test
    void maxThreadsMustBePositive() {
        assertThat(Retention.checkMaxThreads(1)).isEqualTo(1);
        assertThatThrownBy(() -> Retention.checkMaxThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxThreads");
    }

    @Test
    void aThreadsTimeToLiveIsFromNowAndMustBePositive() {
        Instant before = Instant.now();
        ChatThread thread = ChatThread.create().withTimeToLive(Duration.ofMinutes(5));
        assertThat(thread.expiresAt()).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(300));
        assertThatThrownBy(() -> ChatThread.create().withTimeToLive(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeToLive");
        assertThat(thread.withExpiresAt(null).expiresAt()).isNull();
        assertThat(thread.isExpiredAt(thread.expiresAt())).isTrue();
    }
}
