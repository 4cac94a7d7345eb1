package dev.threadstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dialect's preload builds a first {@code SQLiteConfig}, with its date format and the JDK's locale data, on a
 * daemon thread of its own, so that the opening thread does not. Checked in a class loader of its own, which
 * shows what was loaded there whatever this JVM loaded before.
 */
class ConfigurationPreloadTest {

    private static final String DATE_FORMAT = "org.sqlite.date.FastDateFormat";

    /** Defines the test class path's classes itself (the platform's come from its parent). */
    private static final class IsolatedLoader extends URLClassLoader {
        IsolatedLoader() throws MalformedURLException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        Object callStatic(String className, String method) throws ReflectiveOperationException {
            Method m = Class.forName(className, true, this).getDeclaredMethod(method);
            m.setAccessible(true);
            return m.invoke(null);
        }

        private static URL[] classPath() throws MalformedURLException {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(new File(entry).toURI().toURL());
            }
            return urls.toArray(URL[]::new);
        }
    }

    @Test
    void theDialectsPreloadStartsTheConfigurationThread() throws Exception {
        try (IsolatedLoader loader = new IsolatedLoader()) {
            Constructor<?> dialect = Class.forName("dev.threadstore.sqlite.SqliteDialect", true, loader)
                    .getDeclaredConstructor();
            dialect.setAccessible(true);
            Object instance = dialect.newInstance();
            Method preload = instance.getClass().getMethod("preload");
            preload.setAccessible(true); // public, in a package-private class
            preload.invoke(instance);

            assertThat(loader.callStatic("dev.threadstore.sqlite.ConfigurationPreload", "start"))
                    .as("started already, by the preload").isNull();
        }
    }

    @Test
    void theOpeningThreadWaitsForTheBuildInsteadOfRacingIt() throws Exception {
        try (IsolatedLoader loader = new IsolatedLoader()) {
            loader.callStatic("dev.threadstore.sqlite.ConfigurationPreload", "awaitBuilt"); // none started: no wait
            Thread thread = (Thread) loader.callStatic("dev.threadstore.sqlite.ConfigurationPreload", "start");

            loader.callStatic("dev.threadstore.sqlite.ConfigurationPreload", "awaitBuilt");

            assertThat(thread.isAlive()).isFalse();
            assertThat(loader.loaded(DATE_FORMAT)).isTrue();
        }
    }

    @Test
    void theConfigurationThreadBuildsTheDateFormatAndEnds() throws Exception {
        try (IsolatedLoader loader = new IsolatedLoader()) {
            Thread thread = (Thread) loader.callStatic("dev.threadstore.sqlite.ConfigurationPreload", "start");
            thread.join();

            assertThat(thread.getName()).isEqualTo(ConfigurationPreload.THREAD_NAME);
            assertThat(thread.isDaemon()).isTrue();
            assertThat(loader.loaded(DATE_FORMAT)).isTrue();
            assertThat(loader.callStatic("dev.threadstore.sqlite.ConfigurationPreload", "start"))
                    .as("once per class loader").isNull();
        }
    }
}
