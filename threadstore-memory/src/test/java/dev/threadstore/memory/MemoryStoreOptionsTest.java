package dev.threadstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import dev.threadstore.ChatThread;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreEnvironment;
import dev.threadstore.spi.StoreProviders;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemoryStoreOptionsTest {

    @SuppressWarnings("unchecked")
    private static Policy<String, ?> policy(ThreadStore store) {
        Cache<String, ?> cache = store.unwrap(Cache.class).orElseThrow();
        return cache.policy();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory:", "memory://", "memory:///", "MEMORY:"})
    void memoryUrlWithoutOptionsOpensAnUnboundedStore(String url) {
        try (ThreadStore store = ThreadStore.create(url)) {
            assertThat(policy(store).eviction()).isEmpty();
            assertThat(policy(store).expireAfterAccess()).isEmpty();
            assertThat(policy(store).expireAfterWrite()).isEmpty();
            assertThat(store.databaseUrl()).isEmpty();
            assertThat(store.dataSource()).isEmpty();
        }
    }

    @Test
    void anEmptyEnvironmentOpensTheMemoryStore() {
        try (ThreadStore store = StoreProviders.openThreadStore(StoreEnvironment.threadStoreUri(Map.of()))) {
            assertThat(store.unwrap(Cache.class)).isPresent();
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void boundsComeFromTheUrlOptions() {
        try (ThreadStore store = ThreadStore.create("memory:?maximumSize=10000&expireAfterAccess=PT1H&expireAfterWrite=90")) {
            assertThat(policy(store).eviction().orElseThrow().getMaximum()).isEqualTo(10_000);
            assertThat(policy(store).expireAfterAccess().orElseThrow().getExpiresAfter()).isEqualTo(Duration.ofHours(1));
            assertThat(policy(store).expireAfterWrite().orElseThrow().getExpiresAfter()).isEqualTo(Duration.ofSeconds(90));
        }
    }

    @Test
    void theOptionsMapWinsOverTheUrl() {
        try (ThreadStore store = ThreadStore.create("memory:?maximumSize=10", Map.of("maximumSize", "20"))) {
            assertThat(policy(store).eviction().orElseThrow().getMaximum()).isEqualTo(20);
        }
    }

    @Test
    void anUnknownOptionFailsNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> ThreadStore.create("memory:?maxSize=10"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("'maxSize'")
                .hasMessageContaining("known options: expireAfterAccess, expireAfterWrite, maximumSize");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "memory:?maximumSize=-1          | maximumSize",
            "memory:?maximumSize=many        | maximumSize",
            "memory:?expireAfterAccess=1h    | expireAfterAccess",
            "memory:?expireAfterAccess=      | expireAfterAccess",
            "memory:?expireAfterWrite=-PT1S  | expireAfterWrite",
            "memory:?expireAfterWrite=-5     | expireAfterWrite",
    })
    void aBadOptionValueFailsNamingTheOption(String url, String option) {
        assertThatThrownBy(() -> ThreadStore.create(url))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("'" + option + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory:threads", "memory://somehost", "memory://user@/"})
    void aPathOrHostIsRejectedRatherThanIgnored(String url) {
        assertThatThrownBy(() -> ThreadStore.create(url))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("memory:");
    }

    @Test
    void eachStoreOpenedIsIndependent() {
        try (ThreadStore first = ThreadStore.create("memory:"); ThreadStore second = ThreadStore.create("memory:")) {
            first.save(ChatThread.create("only in the first"));
            assertThat(first.list()).hasSize(1);
            assertThat(second.list()).isEmpty();
        }
    }
}
