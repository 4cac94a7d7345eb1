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
    void withoutTheCacheOptionNothingIsEverCached() {
        ReadCache none = ReadCache.NONE;
        long stamp = none.stamp();
        none.loaded("t", v1, stamp);
        none.written("t", v2, stamp);
        none.invalidated("u");
        none.clear();

        assertThat(none.get("t")).isEmpty();
        assertThat(none.stamp()).as("no writes are counted either").isZero();
    }

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

    @Test
    void writesToOtherThreadsWhileAReadLoadsDoNotStopItBeingCached() {
        long readerStamp = cache.stamp();          // reader starts loading t
        for (int i = 0; i < 100; i++) {            // meanwhile other threads are saved, appended to, deleted
            cache.written("other" + i, v2.toBuilder().id("other" + i).build(), cache.stamp());
            cache.invalidated("gone" + i);
        }
        cache.loaded("t", v1, readerStamp);

        assertThat(cache.get("t")).contains(v1);
    }

    @Test
    void aSaveRacingWritesToOtherThreadsStillCachesItsResult() {
        long writerStamp = cache.stamp();
        cache.invalidated("other");
        cache.written("t", v2, writerStamp);

        assertThat(cache.get("t")).contains(v2);
    }

    @Test
    void aReadThatRacedAWriteOfItsThreadIsNotCachedEvenAfterManyOtherWrites() {
        ReadCache small = ReadCache.from("maximumSize=100");
        long readerStamp = small.stamp();
        small.invalidated("t");
        for (int i = 0; i < 50_000; i++) {         // enough to make the cache forget what it tracks per thread
            small.invalidated("other" + i);
        }
        small.loaded("t", v1, readerStamp);

        assertThat(small.get("t")).isEmpty();
    }

    @Test
    void clearingForgetsEveryCachedThread() {
        cache.loaded("t", v1, cache.stamp());
        cache.loaded("u", v1.toBuilder().id("u").build(), cache.stamp());

        cache.clear();

        assertThat(cache.get("t")).isEmpty();
        assertThat(cache.get("u")).isEmpty();
    }

    @Test
    void aReadThatBeganAfterAnInvalidationIsCachedAgain() {
        cache.loaded("t", v1, cache.stamp());
        cache.invalidated("t");
        assertThat(cache.get("t")).isEmpty();

        cache.loaded("t", v2, cache.stamp());

        assertThat(cache.get("t")).contains(v2);
    }
}
