package dev.threadstore.tck;

import static dev.threadstore.tck.Samples.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.AsyncThreadStore;
import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.MessageWindow;
import dev.threadstore.Page;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadQuery;
import dev.threadstore.ThreadStore;
import dev.threadstore.ThreadSummary;
import dev.threadstore.spi.StoreUri;
import dev.threadstore.spi.ThreadStoreProvider;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How an application reaches the backend and its side doors: the backend's own provider, the one provider
 * on the class path that claims the scheme of {@link StoreFixture#uri()}, is found by {@link ServiceLoader}
 * and opens what {@link ThreadStore#create(String)} returns; that provider
 * (and only it: other libraries' providers are not this backend's business) follows the SPI's rules, the
 * {@link ThreadStore#async() async view} works, and {@code unwrap} answers honestly.
 *
 * <p>Part of {@link ThreadStoreContract}; see there for how to run it.
 */
public interface DiscoveryContract extends StoreFixture {

    /** The one provider on the class path that claims the scheme of the fixture's URL; fails if there is none or several. */
    private ThreadStoreProvider ownProvider(String url) {
        String scheme = StoreUri.parse(url).scheme();
        List<ThreadStoreProvider> claiming = new ArrayList<>();
        ServiceLoader.load(ThreadStoreProvider.class).forEach(p -> {
            if (p.schemes().contains(scheme)) {
                claiming.add(p);
            }
        });
        assertThat(claiming).as("ThreadStoreProviders registered in META-INF/services that claim the scheme '%s' of "
                + "uri() %s", scheme, StoreUri.mask(url)).hasSize(1);
        return claiming.get(0);
    }

    @Test
    default void theBackendsOwnProviderIsDiscoveredForTheFixturesScheme() {
        String url = uri();
        ThreadStoreProvider provider = ownProvider(url);
        try (ThreadStore viaDiscovery = ThreadStore.create(url); ThreadStore viaProvider = provider.open(StoreUri.parse(url))) {
            assertThat(viaDiscovery.getClass()).as("ThreadStore.create(uri()) opens what the scheme's provider %s opens",
                    provider.getClass().getName()).isEqualTo(viaProvider.getClass());
            viaDiscovery.save(thread("found", Message.user("through discovery")));
            assertThat(viaDiscovery.get("found")).as("the discovered store works").isPresent();
        }
        try (ThreadStore fromFixture = newStore(); ThreadStore viaProvider = provider.open(StoreUri.parse(uri()))) {
            assertThat(fromFixture.getClass()).as("newStore() opens the same kind of store as the scheme's provider")
                    .isEqualTo(viaProvider.getClass());
        }
    }

    @Test
    default void theBackendsProviderFollowsTheSpiRules() {
        ThreadStoreProvider provider = ownProvider(uri());
        Class<?> type = provider.getClass();
        assertThat(Modifier.isPublic(type.getModifiers()) && Modifier.isFinal(type.getModifiers()))
                .as("%s must be public and final", type.getName()).isTrue();
        assertThat(provider.schemes()).as("%s.schemes()", type.getName()).isNotEmpty()
                .allSatisfy(s -> assertThat(s).as("scheme of %s", type.getName())
                        .isEqualTo(s.toLowerCase(Locale.ROOT)).doesNotContain("+", ":"));
        try {
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers()))
                    .as("%s's no-argument constructor is public", type.getName()).isTrue();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getName() + " needs a public no-argument constructor", e);
        }
    }

    @Test
    default void anUnknownSchemeFailsListingTheRegisteredSchemes() {
        assertThatThrownBy(() -> ThreadStore.create("no-such-backend-xyz:whatever"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("no-such-backend-xyz")
                .as("the message lists the available schemes, this backend's among them")
                .hasMessageContaining(StoreUri.parse(uri()).scheme());
    }

    @Test
    default void theAsyncViewSavesReadsAndAppends() throws Exception {
        try (ThreadStore store = newStore()) {
            AsyncThreadStore async = store.async();

            ChatThread saved = async.save(thread("async", Message.user("hi"))).get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<Message> appended = async.append("async", List.of(Message.assistant("hello")))
                    .get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS);

            assertThat(async.sync()).isSameAs(store);
            assertThat(appended).extracting(Message::sequence).containsExactly(2);
            assertThat(async.get("async").get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(store.get("async"));
            assertThat(async.findByAttributes(Map.of()).get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .extracting(ChatThread::id).containsExactly(saved.id());
            assertThat(async.delete("async").get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    default void theAsyncViewPagesWindowsForksAndPurges() throws Exception {
        try (ThreadStore store = newStore()) {
            AsyncThreadStore async = store.async();
            store.save(thread("async-conv", Message.user("one"), Message.assistant("two"), Message.user("three")));
            store.save(thread("async-gone", Message.user("old")).withExpiresAt(Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS)));

            ChatThread window = async.get("async-conv", MessageWindow.last(2)).get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .orElseThrow();
            ChatThread fork = async.fork("async-conv", 2, "async-fork").get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Page<ThreadSummary> page = async.summaries(ThreadQuery.all().limit(10))
                    .get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Page<ChatThread> threads = async.threads(ThreadQuery.all().limit(10))
                    .get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long count = async.count(ThreadQuery.all()).get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            int purged = async.deleteExpired(10).get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS);

            assertThat(window.messages()).extracting(Message::sequence).containsExactly(2, 3);
            assertThat(window).isEqualTo(store.get("async-conv", MessageWindow.last(2)).orElseThrow());
            assertThat(fork.messages()).extracting(Message::sequence).containsExactly(1, 2);
            assertThat(page.items()).extracting(ThreadSummary::id).containsExactlyInAnyOrder("async-conv", "async-fork");
            assertThat(threads.items()).extracting(ChatThread::id).containsExactlyInAnyOrder("async-conv", "async-fork");
            assertThat(count).isEqualTo(2);
            assertThat(purged).as("the expired thread, purged through the async view").isEqualTo(1);
            assertThat(async.deleteExpired(10, new InMemoryFileStore()).get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    default void theAsyncViewRunsOnTheGivenExecutorAndReportsFailuresThroughTheFuture() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        AtomicInteger tasks = new AtomicInteger();
        try (ThreadStore store = newStore()) {
            AsyncThreadStore async = store.async(task -> {
                tasks.incrementAndGet();
                executor.execute(task);
            });

            assertThatThrownBy(() -> async.append("missing", List.of(Message.user("x")))
                    .get(Workers.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ThreadNotFoundException.class);
            assertThat(tasks).as("calls run on the given executor").hasValue(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    default void unwrapReturnsEmptyForATypeTheBackendDoesNotHave() {
        try (ThreadStore store = newStore()) {
            assertThat(store.unwrap(StringBuilder.class)).isEmpty();
            store.databaseUrl().ifPresent(url -> assertThat(url).as("a database URL with a password masks it")
                    .doesNotContainPattern("://[^/@]*:(?!\\*\\*\\*\\*@)[^/@]+@"));
        }
    }
}
