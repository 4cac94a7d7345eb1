package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.FileStore;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.ThreadStore;
import org.junit.jupiter.api.Test;

/**
 * Discovery with the test class path's providers: {@code fake} is registered once, {@code twice} by two
 * providers, and one registered class does not exist (see src/test/resources/META-INF/services).
 */
class StoreProvidersTest {

    @Test
    void opensTheProviderForTheScheme() {
        try (ThreadStore store = ThreadStore.create("fake://somewhere/db?x=1")) {
            assertThat(store.databaseUrl()).contains("fake://somewhere/db?x=1");
        }
    }

    @Test
    void anUnknownSchemeListsTheAvailableOnesAndNamesAJarToAdd() {
        assertThatThrownBy(() -> ThreadStore.create("mysql://u:secret@h/db"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("No ThreadStore provider for scheme 'mysql'")
                .hasMessageContaining("available: fake, twice")
                .hasMessageContaining("Add the backend jar, e.g. dev.threadstore:threadstore-postgres")
                .hasMessageNotContaining("secret");
    }

    @Test
    void theMissingJarForABuiltInSchemeIsNamed() {
        assertThatThrownBy(() -> ThreadStore.create("sqlite:x.db"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("dev.threadstore:threadstore-sqlite");
    }

    @Test
    void aProviderThatFailsToLoadIsReportedNotSwallowed() {
        assertThatThrownBy(() -> ThreadStore.create("mysql://h/db"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("A provider failed to load")
                .hasMessageContaining("dev.threadstore.spi.DoesNotExistProvider");
    }

    @Test
    void twoProvidersClaimingOneSchemeAreBothNamed() {
        assertThatThrownBy(() -> ThreadStore.create("twice:"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("claimed by more than one")
                .hasMessageContaining(FakeProviders.Twice1.class.getName())
                .hasMessageContaining(FakeProviders.Twice2.class.getName());
    }

    @Test
    void listsTheSchemesOnTheClassPath() {
        assertThat(StoreProviders.threadStoreSchemes()).containsExactly("fake", "twice");
    }

    @Test
    void fileStoresAreDiscoveredTheSameWay() {
        assertThatThrownBy(() -> FileStore.create("s3://bucket/x"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("No FileStore provider for scheme 's3'")
                .hasMessageContaining("available: none");
    }

    @Test
    void optionsInTheMapReachTheProvider() {
        try (ThreadStore store = ThreadStore.create("fake://h/db?a=1", java.util.Map.of("a", "2"))) {
            assertThat(store.databaseUrl()).contains("fake://h/db?a=2");
        }
    }
}
