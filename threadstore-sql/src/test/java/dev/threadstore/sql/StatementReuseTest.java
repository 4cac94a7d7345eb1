package dev.threadstore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link StatementReuse} keeps, hands out again, and leaves alone, against a counting fake driver. */
class StatementReuseTest {

    private static final String HOT = "INSERT INTO messages VALUES (?)";

    /** A fake physical connection: counts prepares, and its statements note what was done to them. */
    private static final class Driver {
        final List<Stub> prepared = new ArrayList<>();
        int pooledPrepares;
        boolean closed;

        Connection physical() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "prepareStatement" -> {
                            Stub stub = new Stub();
                            prepared.add(stub);
                            yield stub.statement();
                        }
                        case "isClosed" -> closed;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        Connection pooled(Connection physical) {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "isWrapperFor" -> true;
                        case "unwrap" -> physical;
                        case "prepareStatement" -> {
                            pooledPrepares++;
                            yield new Stub().statement();
                        }
                        default -> null;
                    });
        }
    }

    private static final class Stub {
        boolean closed;
        int cleared;
        int executed;

        PreparedStatement statement() {
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> {
                            closed = true;
                            yield null;
                        }
                        case "isClosed" -> closed;
                        case "clearBatch", "clearParameters" -> {
                            cleared++;
                            yield null;
                        }
                        case "executeBatch" -> {
                            executed++;
                            yield new int[] {1};
                        }
                        default -> null;
                    });
        }
    }

    @Test
    void aHotStatementIsPreparedOncePerPhysicalConnectionAndClearedBetweenUses() throws SQLException {
        StatementReuse reuse = StatementReuse.of(Set.of(HOT));
        Driver driver = new Driver();
        Connection physical = driver.physical();
        for (int transaction = 0; transaction < 5; transaction++) {
            Connection session = reuse.wrap(driver.pooled(physical));
            PreparedStatement statement = session.prepareStatement(HOT);
            statement.executeBatch();
            statement.close();
            assertThat(statement.isClosed()).isTrue();
            assertThatThrownBy(statement::executeBatch).isInstanceOf(SQLException.class);
        }
        assertThat(driver.prepared).hasSize(1);
        assertThat(driver.prepared.get(0).executed).isEqualTo(5);
        assertThat(driver.prepared.get(0).cleared).isEqualTo(10);
        assertThat(driver.prepared.get(0).closed).isFalse();
    }

    @Test
    void twoOpenAtOnceGetTwoStatementsAndOnlyOneIsKept() throws SQLException {
        StatementReuse reuse = StatementReuse.of(Set.of(HOT));
        Driver driver = new Driver();
        Connection session = reuse.wrap(driver.pooled(driver.physical()));
        PreparedStatement first = session.prepareStatement(HOT);
        PreparedStatement second = session.prepareStatement(HOT);
        first.close();
        second.close();
        assertThat(driver.prepared).hasSize(2);
        assertThat(driver.prepared.get(0).closed).isFalse();
        assertThat(driver.prepared.get(1).closed).isTrue();
    }

    @Test
    void otherSqlGoesToThePooledConnectionAndAClosedStatementIsPreparedAgain() throws SQLException {
        StatementReuse reuse = StatementReuse.of(Set.of(HOT));
        Driver driver = new Driver();
        Connection physical = driver.physical();
        reuse.wrap(driver.pooled(physical)).prepareStatement("SELECT 1").close();
        assertThat(driver.pooledPrepares).isEqualTo(1);
        assertThat(driver.prepared).isEmpty();

        reuse.wrap(driver.pooled(physical)).prepareStatement(HOT).close();
        driver.prepared.get(0).closed = true; // the driver closed it with its connection
        reuse.wrap(driver.pooled(physical)).prepareStatement(HOT).close();
        assertThat(driver.prepared).hasSize(2);
    }

    @Test
    void theStatementsOfAClosedConnectionAreDroppedWhenAnotherConnectionWrites() throws SQLException {
        StatementReuse reuse = StatementReuse.of(Set.of(HOT));
        Driver old = new Driver();
        reuse.wrap(old.pooled(old.physical())).prepareStatement(HOT).close();
        old.closed = true;
        Driver fresh = new Driver();
        reuse.wrap(fresh.pooled(fresh.physical())).prepareStatement(HOT).close();
        assertThat(reuse.connections()).isEqualTo(1);
    }
}
