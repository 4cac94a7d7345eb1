package com.example.toystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.threadstore.ThreadStore;
import dev.threadstore.tck.ThreadStoreContract;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The contract has teeth: run against a backend with one realistic bug, the tests that pin the broken
 * rule fail and the unrelated ones still pass. Each broken backend runs the whole
 * {@link ThreadStoreContract} through the JUnit Platform launcher, from a static nested class that
 * Surefire does not run on its own (it skips nested classes, and Jupiter runs only {@code @Nested} inner ones).
 */
class BrokenBackendsFailTheContractTest {

    /** The contract against a backend that drops system messages, as Tyler did. */
    static final class DropsSystemMessages implements ThreadStoreContract {
        @Override
        public ThreadStore newStore() {
            return ThreadStore.create("toy-broken:drops-system-messages");
        }
    }

    /** The contract against a backend that renumbers sequences 1..n on every save, as Tyler did. */
    static final class RenumbersSequences implements ThreadStoreContract {
        @Override
        public ThreadStore newStore() {
            return ThreadStore.create("toy-broken:renumbers-sequences");
        }
    }

    /** The contract against a backend that saves without checking the version: last writer wins. */
    static final class IgnoresVersions implements ThreadStoreContract {
        @Override
        public ThreadStore newStore() {
            return ThreadStore.create("toy-broken:ignores-versions");
        }
    }

    @Test
    void droppingSystemMessagesFailsTheRoundTripAndAppendTests() {
        Outcome outcome = run(DropsSystemMessages.class);

        assertThat(outcome.failed).contains("systemMessagesAreStoredNotDropped", "messagesOfAllFourRolesRoundTrip",
                "messageWithEveryFieldSetRoundTripsExactly", "appendReturnsTheMessagesAsStoredInTheGivenOrder",
                "aThreadOfAThousandMessagesRoundTripsInOrder");
        assertThat(outcome.passed).as("tests unrelated to system messages still pass")
                .contains("deleteReturnsWhetherTheThreadExisted", "sequencesWithGapsAreKeptNotRenumbered",
                        "savingAStaleCopyThrowsAndWritesNothing", "concurrentAppendersLoseNothingAndSequencesAreContiguous");
    }

    @Test
    void renumberingSequencesFailsTheSequenceTests() {
        Outcome outcome = run(RenumbersSequences.class);

        assertThat(outcome.failed).contains("sequencesWithGapsAreKeptNotRenumbered",
                "unplacedMessagesArePlacedAfterTheHighestSequenceInListOrder", "appendPlacesMessagesAfterTheHighestSequence",
                "aMessageCanBeMovedToAnotherSequence", "messagesComeBackOrderedBySequenceWhateverTheListOrder");
        assertThat(outcome.passed).contains("systemMessagesAreStoredNotDropped", "savingAStaleCopyThrowsAndWritesNothing",
                "hostileKeysAreMatchedAsDataAndHarmNothing");
    }

    @Test
    void ignoringVersionsFailsTheOptimisticConcurrencyTests() {
        Outcome outcome = run(IgnoresVersions.class);

        assertThat(outcome.failed).contains("savingAStaleCopyThrowsAndWritesNothing",
                "insertingAnIdThatExistsThrowsAndWritesNothing", "updatingADeletedThreadThrowsAndDoesNotRecreateIt",
                "updatingAThreadThatNeverExistedThrows", "anAppendMakesEarlierCopiesStale",
                "concurrentInsertsOfOneNewIdLetExactlyOneWin");
        assertThat(outcome.passed).contains("systemMessagesAreStoredNotDropped", "sequencesWithGapsAreKeptNotRenumbered",
                "concurrentAppendersLoseNothingAndSequencesAreContiguous");
    }

    /** Which contract tests passed and which failed, by method name. */
    private static final class Outcome implements TestExecutionListener {
        final Set<String> passed = new TreeSet<>();
        final Set<String> failed = new TreeSet<>();

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest() && test.getSource().orElse(null) instanceof MethodSource) {
                String method = ((MethodSource) test.getSource().get()).getMethodName();
                (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed).add(method);
            }
        }
    }

    private static Outcome run(Class<? extends ThreadStoreContract> contractRun) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contractRun))
                .build();
        Launcher launcher = LauncherFactory.create();
        Outcome outcome = new Outcome();
        launcher.execute(request, outcome);
        assertThat(outcome.passed.size() + outcome.failed.size()).as("contract tests run against %s",
                contractRun.getSimpleName()).isGreaterThan(100);
        return outcome;
    }
}
