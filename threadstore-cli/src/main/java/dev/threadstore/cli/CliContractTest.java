package dev.threadstore.cli;

import dev.threadstore.ThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The TCK bound to the target of a {@code threadstore tck} run: the class the JUnit Platform Launcher runs. It
 * opens every store through {@link ThreadStore#create(String)}, as the TCK requires, on a fresh URL from the
 * run's {@link TckTarget}. Public for JUnit's discovery only; not an API.
 */
public final class CliContractTest implements ThreadStoreContract {

    private static volatile @Nullable TckTarget target;

    /** Called by JUnit. */
    public CliContractTest() {
    }

    static void target(@Nullable TckTarget run) {
        target = run;
    }

    private static TckTarget target() {
        TckTarget run = target;
        if (run == null) {
            throw new IllegalStateException("CliContractTest runs only inside 'threadstore tck URL'");
        }
        return run;
    }

    @Override
    public String uri() {
        return target().nextUrl();
    }

    @Override
    public Optional<ThreadStore> reopen(String uri) {
        return target().durable() ? Optional.of(ThreadStore.create(uri)) : Optional.empty();
    }
}
