/**
 * Contract tests for {@link dev.threadstore.ThreadStore} backends, as JUnit 5 interfaces of
 * {@code default @Test} methods. A backend's test class implements {@link dev.threadstore.tck.ThreadStoreContract}
 * and names the URL of a fresh store; it inherits every test:
 *
 * <pre>{@code
 * class SqliteThreadStoreTckTest implements ThreadStoreContract {
 *     @TempDir static Path dir;
 *     private final AtomicInteger n = new AtomicInteger();
 *
 *     @Override
 *     public String uri() {
 *         return "sqlite:" + dir.resolve("t" + n.incrementAndGet() + ".db");
 *     }
 * }
 * }</pre>
 *
 * <p>Every type in this package is null-marked.
 */
@NullMarked
package dev.threadstore.tck;

import org.jspecify.annotations.NullMarked;
