package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import dev.threadstore.spi.StoreUri;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The MyBatis configuration thread an open starts first (it waits for the schema that {@code prepare} resolves
 * when no {@code schema} option names it) changes no outcome: a refused connection is still the usual typed error,
 * without the password, and the failed open leaves neither that thread nor a pool behind.
 */
class PostgresOpenThreadsTest {

    @Test
    void anUnreachableServerIsUnavailableAndLeavesNoThread() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "postgresql://someone:s3cret-pw@127.0.0.1:" + port + "/db?poolTimeout=2";
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        assertThatThrownBy(() -> ThreadStore.create(url))
                .isInstanceOf(StoreUnavailableException.class)
                .satisfies(e -> assertThat(fullText(e)).doesNotContain("s3cret-pw"));
        assertNoNewStoreThreads(before);
    }

    @Test
    void aWrongPasswordIsAConfigurationErrorAndLeavesNoThread() throws Exception {
        StoreUri server = PostgresTestDatabase.server();
        String wrong = "wrong-" + server.password().orElse("pw") + "-secret";
        StoreUri wrongUri = StoreUri.of("postgresql", server.user().orElse("postgres"), wrong,
                server.host().orElse("localhost"), server.port().orElse(5432), "/" + server.database(), Map.of());
        PostgresTestDatabase.requirePasswordAuthentication(wrongUri);
        String url = PostgresTestDatabase.withOptions(wrongUri, Map.of("poolTimeout", "5"));
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        assertThatThrownBy(() -> ThreadStore.create(url))
                .isInstanceOf(StoreConfigurationException.class)
                .satisfies(e -> assertThat(fullText(e)).doesNotContain(wrong));
        assertNoNewStoreThreads(before);
    }

    private static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    /** Waits for every store thread started since {@code before} (not the JDK-only preload), then checks it ended. */
    private static void assertNoNewStoreThreads(Set<Thread> before) throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("threadstore-")
                    && !t.getName().equals("threadstore-postgresql-preload")) {
                started.add(t);
            }
        }
        for (Thread t : started) {
            t.join(10_000);
        }
        assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toList()))
                .as("threads of a failed open still alive").isEmpty();
    }
}
