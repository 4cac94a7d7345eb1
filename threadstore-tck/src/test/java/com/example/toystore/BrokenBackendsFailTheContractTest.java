package com.example.toystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.example.toystore.BrokenToyThreadStore.Flaw;
import dev.threadstore.tck.ThreadStoreContract;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The contract has teeth: run against a backend with one realistic bug, it fails, and it fails in the test
 * that pins the broken rule. Each {@link Flaw} of {@link BrokenToyThreadStore} runs the whole
 * {@link ThreadStoreContract} through the JUnit Platform launcher (several flaws at once, on a small pool),
 * from {@link BrokenContractRun}, whose name keeps Surefire from running it on its own. The correct toy
 * store passing the same contract is {@link ToyThreadStoreTckTest}.
 */
class BrokenBackendsFailTheContractTest {

    /** For each flaw, contract tests that must fail on it: the ones written to catch that kind of bug. */
    private static final Map<Flaw, List<String>> MUST_FAIL = mustFail();

    /** Tests unrelated to any flaw's rule, which must still pass: the failures are for the right reason. */
    private static final List<String> MUST_PASS = List.of("savingANewThreadReturnsVersionOneAndGetReturnsTheSameRecord",
            "appendToAMissingThreadThrowsThreadNotFound", "theBackendsProviderFollowsTheSpiRules");

    @TestFactory
    Stream<DynamicTest> everyBrokenBackendFailsTheContractWhereItIsBroken() throws Exception {
        Map<Flaw, Outcome> outcomes = runAll();
        return outcomes.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().path(), () -> {
            Outcome outcome = e.getValue();
            assertThat(outcome.failed).as("contract tests failing on a backend that %s", e.getKey().path())
                    .containsAll(MUST_FAIL.get(e.getKey()));
            assertThat(outcome.passed).as("tests unrelated to the flaw %s still pass", e.getKey().path())
                    .containsAll(MUST_PASS);
        }));
    }

    private static Map<Flaw, Outcome> runAll() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<Flaw, Future<Outcome>> futures = new EnumMap<>(Flaw.class);
            for (Flaw flaw : Flaw.values()) {
                futures.put(flaw, pool.submit(() -> run(flaw)));
            }
            Map<Flaw, Outcome> outcomes = new EnumMap<>(Flaw.class);
            for (Map.Entry<Flaw, Future<Outcome>> f : futures.entrySet()) {
                outcomes.put(f.getKey(), f.getValue().get(10, TimeUnit.MINUTES));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Which contract tests passed and which failed, by method name. */
    private static final class Outcome implements TestExecutionListener {
        final Set<String> passed = new TreeSet<>();
        final Set<String> failed = new TreeSet<>();

        @Override
        public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest() && test.getSource().orElse(null) instanceof MethodSource) {
                String method = ((MethodSource) test.getSource().get()).getMethodName();
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    passed.add(method);
                } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    failed.add(method);
                }
            }
        }
    }

    private static Outcome run(Flaw flaw) {
        BrokenContractRun.FLAW.set(flaw);
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(BrokenContractRun.class))
                    .build();
            Launcher launcher = LauncherFactory.create();
            Outcome outcome = new Outcome();
            launcher.execute(request, outcome);
            assertThat(outcome.passed.size() + outcome.failed.size()).as("contract tests run against %s", flaw)
                    .isGreaterThan(150);
            return outcome;
        } finally {
            BrokenContractRun.FLAW.remove();
        }
    }

    private static Map<Flaw, List<String>> mustFail() {
        Map<Flaw, List<String>> m = new EnumMap<>(Flaw.class);
        m.put(Flaw.DROPS_SYSTEM_MESSAGES, List.of("systemMessagesAreStoredNotDropped", "messagesOfAllFourRolesRoundTrip",
                "appendReturnsTheMessagesAsStoredInTheGivenOrder"));
        m.put(Flaw.RENUMBERS_SEQUENCES, List.of("sequencesWithGapsAreKeptNotRenumbered",
                "unplacedMessagesArePlacedAfterTheHighestSequenceInListOrder", "aMessageCanBeMovedToAnotherSequence"));
        m.put(Flaw.IGNORES_VERSIONS, List.of("savingAStaleCopyThrowsAndWritesNothing", "insertingAnIdThatExistsThrowsAndWritesNothing",
                "concurrentInsertsOfOneNewIdLetExactlyOneWin"));
        m.put(Flaw.COMPARES_NUMBERS_AS_DOUBLES, List.of("longsBeyondDoublePrecisionAreComparedExactly"));
        m.put(Flaw.SOURCE_QUERY_BY_CONTAINMENT, List.of("findBySourceComparesMapAndListPropertiesStructurallyNotByContainment"));
        m.put(Flaw.MESSAGE_INDEX_KEEPS_ONE_THREAD, List.of("aMessageIdHeldByTwoThreadsIsFoundInTheOtherWhenOneLetsGoOfIt"));
        m.put(Flaw.LOOKUP_CACHE_IGNORES_APPEND, List.of("theMessageIdLookupSeesAppendsAndEdits"));
        m.put(Flaw.TIES_BY_ID_DESCENDING, List.of("threadsEqualOnBothTimesAreOrderedByIdInCodePointOrder",
                "theMessageIdLookupBreaksTiesLikeTheListings"));
        m.put(Flaw.TIES_BY_CREATED_AT_ASCENDING, List.of("threadsUpdatedAtTheSameInstantAreOrderedByCreatedAtDescending"));
        m.put(Flaw.ACCEPTS_VERSION_AHEAD, List.of("aCopyWhoseVersionIsAheadOfTheStoredOneIsRejected"));
        m.put(Flaw.DIRTY_CHECK_COMPARES_CONTENT_ONLY, List.of("anEditOfAnyMessageFieldButTheContentIsSaved",
                "generatedEditsOfEveryFieldAreSavedAndReadBackExactly"));
        m.put(Flaw.RETURNS_MUTABLE_LISTS, List.of("listingsAndQueryResultsCannotBeModified"));
        m.put(Flaw.TRUNCATES_TIMESTAMPS_TO_MILLIS, List.of("timestampsKeepTheirMicroseconds",
                "generatedEditsOfEveryFieldAreSavedAndReadBackExactly"));
        m.put(Flaw.READS_LONGS_AS_DOUBLES, List.of("integersStayLongAndDecimalsStayDouble"));
        m.put(Flaw.APPEND_CONFLICT_CHECKS_CONTENT_ONLY, List.of("aMessageDifferingOnlyInAttributesIsAConflict",
                "generatedEditsOfEveryFieldAreSavedAndReadBackExactly"));
        m.put(Flaw.APPEND_IS_NOT_ATOMIC, List.of("aConflictingReappendThrowsAndWritesNothingOfTheCall"));
        m.put(Flaw.NULL_TITLE_BECOMES_EMPTY, List.of("nullTitleStaysNull"));
        m.put(Flaw.DELETE_ALWAYS_TRUE, List.of("deleteReturnsWhetherTheThreadExisted"));
        m.put(Flaw.CLOSE_DOES_NOTHING, List.of("everyMethodOfAClosedStoreThrowsIllegalState"));
        m.put(Flaw.DROPS_NULL_ATTRIBUTES, List.of("explicitNullAttributeIsKeptAsAKeyWithNullValue"));
        m.put(Flaw.QUERY_COMPARES_TEXT, List.of("aStringQueryNeverMatchesANumber", "booleansAreNotNumbersOrStrings"));
        m.put(Flaw.IGNORES_EXPIRY, List.of("anExpiryRoundTripsIntoTheThreadAndItsSummary",
                "anExpiredThreadIsInvisibleToEveryReadAtOnce"));
        m.put(Flaw.PURGE_IGNORES_MAX_THREADS, List.of("deleteExpiredTakesAtMostMaxThreadsOldestExpiryFirstAndNoLiveThread"));
        m.put(Flaw.RESTORE_STAMPS_ITS_OWN_VERSION, List.of("generatedThreadsComeBackExactlyAsRestoredAndAreIndexed",
                "aRestoredThreadIsVersionedForTheNextSaveAndAppend", "aDifferentStoredThreadIsAConflictUnlessReplacing"));
        assertThat(m.keySet()).as("every flaw has its expected failures").containsExactlyInAnyOrder(Flaw.values());
        return m;
    }
}
