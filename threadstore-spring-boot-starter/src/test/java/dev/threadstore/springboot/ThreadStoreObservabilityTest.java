package dev.threadstore.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.ChatThread;
import dev.threadstore.Message;
import dev.threadstore.ThreadNotFoundException;
import dev.threadstore.ThreadStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator, the observations and the pool metrics, and that none of them loads without its library. */
class ThreadStoreObservabilityTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ThreadStoreAutoConfiguration.class,
                    ThreadStoreHealthAutoConfiguration.class, ThreadStoreObservationAutoConfiguration.class));

    @TempDir
    Path dir;

    @Test
    void everyOperationIsObservedWithLowCardinalityKeysAndTheThreadIdOnlyAsHighCardinality() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        runner.withBean(TestObservationRegistry.class, () -> observations)
                .withPropertyValues("threadstore.url=sqlite:" + dir.resolve("o.db"))
                .run(context -> {
                    ThreadStore store = context.getBean(ThreadStore.class);
                    assertThat(store).isInstanceOf(ObservedThreadStore.class);
                    ChatThread saved = store.save(ChatThread.create("observed"));
                    assertThatThrownBy(() -> store.append("no-such-thread", List.of(Message.user("x"))))
                            .isInstanceOf(ThreadNotFoundException.class);

                    TestObservationRegistryAssert.assertThat(observations)
                            .hasNumberOfObservationsWithNameEqualTo(ThreadStoreObservationConvention.NAME, 2)
                            .hasAnObservation(o -> o.hasContextualNameEqualTo("threadstore save")
                                    .hasLowCardinalityKeyValue("db.system.name", "sqlite")
                                    .hasLowCardinalityKeyValue("db.operation.name", "save")
                                    .hasLowCardinalityKeyValue("error.type", "none")
                                    .hasHighCardinalityKeyValue("threadstore.thread.id", saved.id())
                                    .doesNotHaveLowCardinalityKeyValueWithKey("threadstore.thread.id"))
                            .hasAnObservation(o -> o.hasContextualNameEqualTo("threadstore append")
                                    .hasLowCardinalityKeyValue("db.operation.name", "append")
                                    .hasLowCardinalityKeyValue("error.type", ThreadNotFoundException.class.getName())
                                    .hasHighCardinalityKeyValue("threadstore.thread.id", "no-such-thread")
                                    .hasError());
                });
    }

    @Test
    void theAsyncViewIsObservedToo() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        runner.withBean(TestObservationRegistry.class, () -> observations)
                .withPropertyValues("threadstore.url=memory:")
                .run(context -> {
                    context.getBean(dev.threadstore.AsyncThreadStore.class).listRecent(5).get();
                    TestObservationRegistryAssert.assertThat(observations).hasAnObservation(o -> o
                            .hasLowCardinalityKeyValue("db.system.name", "memory")
                            .hasLowCardinalityKeyValue("db.operation.name", "listRecent"));
                });
    }

    @Test
    void withoutAnObservationRegistryTheStoreIsNotWrapped() {
        runner.withPropertyValues("threadstore.url=memory:").run(context ->
                assertThat(context.getBean(ThreadStore.class)).isNotInstanceOf(ObservedThreadStore.class));
    }

    @Test
    void withoutMicrometerNothingOfItLoads() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
                .withPropertyValues("threadstore.url=sqlite:" + dir.resolve("m.db"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ThreadStore.class);
                    assertThat(context.getBean(ThreadStore.class)).isNotInstanceOf(ObservedThreadStore.class);
                    assertThat(context.containsBean("threadStoreObservationPostProcessor")).isFalse();
                    assertThat(context.getBeanNamesForType(ThreadStorePoolMetrics.class)).isEmpty();
                    assertThat(context.getBeanNamesForType(ThreadStoreObservationAutoConfiguration.class)).isEmpty();
                });
    }

    @Test
    void thePoolThreadstoreMadeReportsHikariMetrics() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("threadstore.url=sqlite:" + dir.resolve("p.db"))
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean(ThreadStorePoolMetrics.class).bindTo(registry);
                    context.getBean(ThreadStore.class).listRecent(1);
                    assertThat(registry.find("hikaricp.connections.max").tag("pool", "threadstore-sqlite").gauge())
                            .isNotNull()
                            .satisfies(g -> assertThat(g.value()).isEqualTo(15.0));
                });
    }

    @Test
    void theApplicationsPoolIsLeftToSpringBootsOwnMetrics() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(DataSource.class, () -> ThreadStoreAutoConfigurationTest.sqlitePool(dir.resolve("app.db")))
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean(ThreadStorePoolMetrics.class).bindTo(registry);
                    assertThat(registry.find("hikaricp.connections.max").gauges()).isEmpty();
                });
    }

    @Test
    void healthReportsBackendMaskedUrlSchemaVersionAndFiles() {
        runner.withPropertyValues("threadstore.url=sqlite:" + dir.resolve("h.db"),
                        "threadstore.files.url=" + dir.resolve("files").toUri())
                .run(context -> {
                    Health health = context.getBean("threadstoreHealthIndicator", ThreadStoreHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("backend", "sqlite")
                            .hasEntrySatisfying("url", u -> assertThat((String) u).contains("h.db"))
                            .hasEntrySatisfying("schemaVersion", v -> assertThat((String) v).isNotBlank().isNotEqualTo("none"));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> files = (Map<String, Object>) health.getDetails().get("files");
                    assertThat(files).containsEntry("healthy", true).containsEntry("fileCount", 0L);
                });
    }

    @Test
    void healthIsDownWhenTheDatabaseFails() {
        runner.withPropertyValues("threadstore.url=sqlite:" + dir.resolve("d.db")).run(context -> {
            ThreadStore store = context.getBean(ThreadStore.class);
            store.dataSource().orElseThrow().unwrap(com.zaxxer.hikari.HikariDataSource.class).close();
            Health health = context.getBean(ThreadStoreHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
        });
    }

    @Test
    void healthCanBeTurnedOffAndNeedsTheActuator() {
        runner.withPropertyValues("threadstore.url=memory:", "management.health.threadstore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ThreadStoreHealthIndicator.class));
        runner.withPropertyValues("threadstore.url=memory:")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ThreadStoreHealthIndicator.class));
        runner.withPropertyValues("threadstore.url=memory:").run(context -> {
            Health health = context.getBean(ThreadStoreHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("backend", "memory").containsEntry("url", "memory:")
                    .doesNotContainKey("schemaVersion");
        });
    }
}
