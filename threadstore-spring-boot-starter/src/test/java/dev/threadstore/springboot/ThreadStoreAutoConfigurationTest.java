package dev.threadstore.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadstore.AsyncThreadStore;
import dev.threadstore.ChatThread;
import dev.threadstore.FileStore;
import dev.threadstore.Message;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which store the starter opens under each condition, and how start-up fails on bad configuration. */
class ThreadStoreAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ThreadStoreAutoConfiguration.class));

    @TempDir
    Path dir;

    @Test
    void threadstoreUrlOpensThatStoreWithItsOptions() {
        Path file = dir.resolve("url.db");
        runner.withPropertyValues("threadstore.url=sqlite:" + file, "threadstore.options.cache=maximumSize=100")
                .run(context -> {
                    ThreadStore store = context.getBean(ThreadStore.class);
                    ChatThread saved = store.save(ChatThread.create("t").withMessage(Message.user("hi")));
                    assertThat(store.get(saved.id())).map(t -> t.messages().size()).contains(1);
                    assertThat(store.databaseUrl()).hasValueSatisfying(u -> assertThat(u).contains(file.toString()));
                    assertThat(Files.exists(file)).isTrue();
                });
    }

    @Test
    void theAsyncViewRunsOnTheSameStore() {
        runner.withPropertyValues("threadstore.url=memory:").run(context -> {
            AsyncThreadStore async = context.getBean(AsyncThreadStore.class);
            ChatThread saved = async.save(ChatThread.create("async")).get();
            assertThat(context.getBean(ThreadStore.class).get(saved.id())).map(ChatThread::title).contains("async");
        });
    }

    @Test
    void withoutUrlTheStoreRunsOnTheApplicationsDataSourceAndLeavesItOpen() {
        Path file = dir.resolve("app.db");
        runner.withBean(DataSource.class, () -> sqlitePool(file))
                .run(context -> {
                    HikariDataSource pool = (HikariDataSource) context.getBean(DataSource.class);
                    ThreadStore store = context.getBean(ThreadStore.class);
                    assertThat(store.dataSource()).containsSame(pool);
                    ChatThread saved = store.save(ChatThread.create("on the app's pool"));
                    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                         ResultSet rows = s.executeQuery("SELECT title FROM threads WHERE id = '" + saved.id() + "'")) {
                        assertThat(rows.next()).isTrue();
                        assertThat(rows.getString(1)).isEqualTo("on the app's pool");
                    }
                    store.close();
                    assertThat(pool.isClosed()).isFalse();
                    try (Connection c = pool.getConnection()) {
                        assertThat(c.isValid(1)).isTrue();
                    }
                });
    }

    @Test
    void urlWinsOverTheApplicationsDataSource() {
        runner.withBean(DataSource.class, () -> sqlitePool(dir.resolve("app.db")))
                .withPropertyValues("threadstore.url=memory:")
                .run(context -> assertThat(context.getBean(ThreadStore.class).dataSource()).isEmpty());
    }

    @Test
    void severalDataSourcesAndNoUrlFailNamingTheWayOut() {
        runner.withBean("one", DataSource.class, () -> sqlitePool(dir.resolve("one.db")))
                .withBean("two", DataSource.class, () -> sqlitePool(dir.resolve("two.db")))
                .run(context -> assertThat(context).getFailure()
                        .rootCause().isInstanceOf(StoreConfigurationException.class)
                        .hasMessageContaining("2 DataSource beans")
                        .hasMessageContaining("set threadstore.url"));
    }

    @Test
    void withNothingConfiguredTheStoreIsTheSqliteFileInTheWorkingDirectory() throws Exception {
        Path file = Path.of(ThreadStoreAutoConfiguration.EMBEDDED_SQLITE_FILE).toAbsolutePath();
        // Surefire runs this module's tests in target/test-workdir (see the pom), so this is never a user's file.
        assertThat(file.getParent().getFileName()).hasToString("test-workdir");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        runner.run(context -> {
            ThreadStore store = context.getBean(ThreadStore.class);
            assertThat(store.databaseUrl()).hasValueSatisfying(u -> assertThat(u).startsWith("sqlite").endsWith(file.toString()));
            store.save(ChatThread.create("zero configuration"));
        });
        assertThat(file).exists();
        try (ThreadStore reopened = ThreadStore.create("sqlite:" + file)) {
            assertThat(reopened.listRecent()).extracting(ChatThread::title).contains("zero configuration");
        }
    }

    @Test
    void theApplicationsOwnBeansWin() {
        ThreadStore mine = ThreadStore.create("memory:");
        runner.withBean(ThreadStore.class, () -> mine)
                .withBean(AsyncThreadStore.class, mine::async)
                .run(context -> {
                    assertThat(context).hasSingleBean(ThreadStore.class).hasSingleBean(AsyncThreadStore.class);
                    assertThat(context.getBean(ThreadStore.class)).isSameAs(mine);
                });
    }

    @Test
    void aFileStoreExistsOnlyWhenItsUrlIsSet() {
        runner.withPropertyValues("threadstore.url=memory:").run(context ->
                assertThat(context).doesNotHaveBean(FileStore.class));
        Path files = dir.resolve("files");
        runner.withPropertyValues("threadstore.url=memory:", "threadstore.files.url=" + files.toUri())
                .run(context -> {
                    FileStore fileStore = context.getBean(FileStore.class);
                    assertThat(fileStore.checkHealth().healthy()).isTrue();
                });
    }

    @Test
    void theApplicationsOwnFileStoreWins() {
        Path files = dir.resolve("mine");
        runner.withPropertyValues("threadstore.url=memory:", "threadstore.files.url=" + dir.resolve("ours").toUri())
                .withBean("myFiles", FileStore.class, () -> FileStore.create(files.toUri().toString()))
                .run(context -> {
                    assertThat(context).hasSingleBean(FileStore.class).hasBean("myFiles");
                    assertThat(dir.resolve("ours")).doesNotExist();
                });
    }

    @Test
    void anUnknownOptionFailsStartUpListingTheValidOnes() {
        runner.withPropertyValues("threadstore.url=sqlite:" + dir.resolve("o.db"), "threadstore.options.poolSise=3")
                .run(context -> assertThat(failure(context.getStartupFailure(), StoreConfigurationException.class))
                        .hasMessageContaining("threadstore cannot start on threadstore.url=sqlite:")
                        .hasMessageContaining("'poolSise'")
                        .hasMessageContaining("known options: busyTimeout, cache, echo, maxOverflow, migrate,"
                                + " migrationLockTimeout, poolSize, poolTimeout"));
    }

    @Test
    void anUnknownOptionOnTheApplicationsDataSourceListsTheOnesThatApplyThere() {
        runner.withBean(DataSource.class, () -> sqlitePool(dir.resolve("app.db")))
                .withPropertyValues("threadstore.options.poolSize=3")
                .run(context -> assertThat(failure(context.getStartupFailure(), StoreConfigurationException.class))
                        .hasMessageContaining("threadstore cannot start on the application's DataSource")
                        .hasMessageContaining("'poolSize'")
                        .hasMessageContaining("known options: cache, echo, migrate, migrationLockTimeout"));
    }

    @Test
    void anUnreachableDatabaseFailsStartUpWithTheMaskedUrlAndTheCause() {
        runner.withPropertyValues("threadstore.url=postgresql://app:s3cret@127.0.0.1:1/appdb",
                        "threadstore.options.poolTimeout=2")
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertThat(failure(failure, StoreUnavailableException.class))
                            .hasMessageContaining("threadstore cannot start on threadstore.url=postgresql://")
                            .hasMessageContaining("127.0.0.1:1/appdb")
                            .hasMessageContaining("Connection")
                            .hasMessageNotContaining("s3cret");
                    assertThat(failure).hasStackTraceContaining("127.0.0.1:1").satisfies(f ->
                            assertThat(stackTrace(f)).doesNotContain("s3cret"));
                });
    }

    /** @return the outermost exception of the type in the failure's cause chain */
    static Throwable failure(Throwable failure, Class<? extends Throwable> type) {
        assertThat(failure).as("start-up failure").isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        throw new AssertionError("No " + type.getName() + " in the cause chain of " + failure, failure);
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    static HikariDataSource sqlitePool(Path file) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:sqlite:" + file + "?foreign_keys=true&busy_timeout=30000");
        pool.setMaximumPoolSize(4);
        return pool;
    }
}
