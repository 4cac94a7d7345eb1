package dev.threadstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadstore.FileStore;
import dev.threadstore.StoreConfigurationException;
import dev.threadstore.StoreUnavailableException;
import dev.threadstore.ThreadStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
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

    @Test
    void aDataSourceIsRoutedByItsDatabaseProductNameIgnoringCase() {
        try (ThreadStore store = ThreadStore.create(FakeDataSource.reporting("fakedb"), Map.of("a", "1"))) {
            assertThat(store.databaseUrl()).contains("fake:pool?a=1");
        }
    }

    @Test
    void anUnknownDatabaseProductListsTheHandledOnesAndNamesAJarToAdd() {
        assertThatThrownBy(() -> ThreadStore.create(FakeDataSource.reporting("SQLite"), Map.of()))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("No ThreadStore provider for the database 'SQLite'")
                .hasMessageContaining("available: FakeDB")
                .hasMessageContaining("dev.threadstore:threadstore-sqlite");
    }

    @Test
    void aPoolThatGivesNoConnectionIsUnavailableWithoutItsPassword() {
        assertThatThrownBy(() -> ThreadStore.create(FakeDataSource.failing("connect to postgresql://app:s3cret@db:5432/x failed"), Map.of()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("Cannot get a connection from the DataSource")
                .hasMessageContaining("failed")
                .hasMessageNotContaining("s3cret")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> ThreadStore.create((DataSource) null, Map.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("dataSource");
        assertThatThrownBy(() -> ThreadStore.create(FakeDataSource.reporting("FakeDB"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("options");
    }

    @Test
    void listsTheDatabaseProductsOnTheClassPath() {
        assertThat(StoreProviders.threadStoreDatabaseProducts()).containsExactly("FakeDB");
    }

    /** A pool whose connections only answer their database product name, or that cannot connect at all. */
    static final class FakeDataSource {

        static DataSource reporting(String product) {
            DatabaseMetaData metaData = proxy(DatabaseMetaData.class, (p, m, a) -> switch (m.getName()) {
                case "getDatabaseProductName" -> product;
                default -> throw new UnsupportedOperationException(m.getName());
            });
            Connection connection = proxy(Connection.class, (p, m, a) -> switch (m.getName()) {
                case "getMetaData" -> metaData;
                case "close" -> null;
                default -> throw new UnsupportedOperationException(m.getName());
            });
            return proxy(DataSource.class, (p, m, a) -> switch (m.getName()) {
                case "getConnection" -> connection;
                case "toString" -> "FakeDataSource(" + product + ")";
                default -> throw new UnsupportedOperationException(m.getName());
            });
        }

        static DataSource failing(String message) {
            return proxy(DataSource.class, (p, m, a) -> switch (m.getName()) {
                case "getConnection" -> throw new SQLException(message);
                case "toString" -> "FailingDataSource";
                default -> throw new UnsupportedOperationException(m.getName());
            });
        }

        private static <T> T proxy(Class<T> type, InvocationHandler handler) {
            return type.cast(Proxy.newProxyInstance(FakeDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
        }
    }
}
