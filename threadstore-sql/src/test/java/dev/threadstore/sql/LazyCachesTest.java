package dev.threadstore.sql;

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
 * The write memo and the digest memo make their Caffeine caches on the first write, so that a store that opens and
 * reads (an application's first {@code get} in a fresh JVM) never loads Caffeine. Checked in a class loader of
 * its own, which shows what the calls loaded whatever this JVM loaded before.
 */
class LazyCachesTest {

    private static final String CAFFEINE = "com.github.benmanes.caffeine.cache.Caffeine";

    /** Defines the test class path's classes itself (the platform's come from its parent). */
    private static final class IsolatedLoader extends URLClassLoader {
        IsolatedLoader() throws MalformedURLException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        Object make(String className) throws ReflectiveOperationException {
            Constructor<?> constructor = Class.forName(className, true, this).getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        }

        private static URL[] classPath() throws MalformedURLException {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(new File(entry).toURI().toURL());
            }
            return urls.toArray(URL[]::new);
        }
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... args)
            throws ReflectiveOperationException {
        Method method = target.getClass().getDeclaredMethod(name, types);
        method.setAccessible(true);
        return method.invoke(target, args);
    }

    @Test
    void readingAndForgettingThroughAFreshWriteMemoLoadsNoCaffeine() throws Exception {
        try (IsolatedLoader loader = new IsolatedLoader()) {
            Object memo = loader.make("dev.threadstore.sql.WriteMemo");

            assertThat(call(memo, "remembered", new Class<?>[] {String.class}, "t")).isNull();
            call(memo, "forget", new Class<?>[] {String.class}, "t");
            call(memo, "clear", new Class<?>[0]);

            assertThat(loader.loaded(CAFFEINE)).isFalse();
        }
    }

    @Test
    void digestsOfInsertedMessagesLoadNoCaffeineUntilAKeptDigestIsAskedFor() throws Exception {
        try (IsolatedLoader loader = new IsolatedLoader()) {
            Object digests = loader.make("dev.threadstore.sql.MessageDigests");
            Class<?> messageType = Class.forName("dev.threadstore.Message", true, loader);
            Object message = messageType.getMethod("user", String.class).invoke(null, "hello");

            Object inserted = call(digests, "ofInserted", new Class<?>[] {messageType}, message);
            assertThat(loader.loaded(CAFFEINE)).isFalse();

            assertThat(call(digests, "of", new Class<?>[] {messageType}, message)).isEqualTo(inserted);
            assertThat(loader.loaded(CAFFEINE)).isTrue();
        }
    }
}
