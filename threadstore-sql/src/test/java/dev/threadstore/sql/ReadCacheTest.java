package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.StoreConfigurationException;
import org.junit.jupiter.api.Test;

/** The interleavings a store's readers and writers can produce, played one step at a time. */
class ReadCacheTest {

    private final ReadCache cache = ReadCache.from("maximumSize=100");
    private final ChatThread v1 = ChatThread.builder().id("t").version(1).build();
    private final ChatThread v2 = v1.toBuilder().version(2).build();

    @Test
    void aReadWithNoWriteInBetweenIsCached() {
        long stamp = cache.stamp();
        cache.loaded("t", v1, stamp);

        assertThat(cache.get("t")).contains(v1);
    }

    @Test
    void aReadThatRacedASaveDoesNotPutTheOlderThreadBack() {
        long readerStamp = cache.stamp();          // reader starts loading v1
        long writerStamp = cache.stamp();
        cache.written("t", v2, writerStamp);       // writer commits v2 and caches it
        cache.loaded("t", v1, readerStamp);        // reader finishes with the v1 it read before the commit

        assertThat(cache.get("t")).contains(v2);
    }

    @Test
    void aReadThatRacedAnAppendOrDeleteIsNotCached() {
        long readerStamp = cache.stamp();
        cache.invalidated("t");
        cache.loaded("t", v1, readerStamp);

        assertThat(cache.get("t")).isEmpty();
    }

    @Test
    void twoOverlappingSavesLeaveNothingRatherThanTheOlderOne() {
        long first = cache.stamp();
        long second = cache.stamp();
        cache.written("t", v2, second);            // the later commit reports first
        cache.written("t", v1, first);             // then the earlier one

        assertThat(cache.get("t")).isEmpty();
    }

    @Test
    void aBadSpecIsAConfigurationError() {
        assertThatThrownBy(() -> ReadCache.from("maximumSize=lots"))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("Caffeine spec");
    }
}
