package dev.threadstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadstore.ChatThread;
import dev.threadstore.ThreadStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schema can be distributed by thread (Citus) unchanged, checked without Citus: in the catalogue of a migrated
 * schema, every primary key, unique constraint, unique index and foreign key of threadstore's tables includes the
 * distribution column (the thread id: {@code threads.id}, elsewhere {@code thread_id}), and every foreign key pairs
 * it with the referenced table's, so referencing rows live on the same shard as the rows they reference.
 */
class CitusReadyKeysTest {

    /** The distribution column of each table threadstore owns (Liquibase's bookkeeping tables are not among them). */
    private static final Map<String, String> DISTRIBUTION_COLUMN = Map.of(
            "threads", "id", "messages", "thread_id", "attachments", "thread_id");

    @RegisterExtension
    final PostgresTestDatabase database = new PostgresTestDatabase();

    private record Key(String table, String name, String type, List<String> columns, String referencedTable,
                       List<String> referencedColumns) {
    }

    @Test
    void everyKeyOfEveryTableIncludesTheThreadId() throws SQLException {
        String schema = database.newSchema();
        ThreadStore store = database.track(ThreadStore.create(PostgresTestDatabase.url(schema)));
        store.save(ChatThread.create());

        List<Key> keys = keys(schema);
        List<Key> uniqueIndexes = uniqueIndexes(schema);

        assertThat(keys).extracting(Key::table).containsAll(DISTRIBUTION_COLUMN.keySet());
        assertThat(keys).extracting(Key::type).contains("p", "u", "f");
        List<String> violations = new ArrayList<>();
        for (Key key : concat(keys, uniqueIndexes)) {
            String column = DISTRIBUTION_COLUMN.get(key.table());
            if (column == null) {
                violations.add(key + ": a table threadstore does not know (add its distribution column here)");
            } else if (!key.columns().contains(column)) {
                violations.add(key + ": does not include " + key.table() + "." + column);
            } else if (key.type().equals("f")) {
                String referenced = DISTRIBUTION_COLUMN.get(key.referencedTable());
                int at = key.columns().indexOf(column);
                if (referenced == null || !referenced.equals(key.referencedColumns().get(at))) {
                    violations.add(key + ": does not pair " + column + " with the distribution column of "
                            + key.referencedTable());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Key> keys(String schema) throws SQLException {
        String sql = """
                SELECT r.relname, c.conname, c.contype,
                       ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
                       COALESCE(fr.relname, ''),
                       ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)
                  FROM pg_constraint c
                  JOIN pg_class r ON r.oid = c.conrelid
                  JOIN pg_namespace n ON n.oid = r.relnamespace
                  LEFT JOIN pg_class fr ON fr.oid = c.confrelid
                 WHERE n.nspname = ? AND c.contype IN ('p', 'u', 'f')
                   AND r.relname NOT IN ('databasechangelog', 'databasechangeloglock')
                """;
        return query(sql, schema);
    }

    /** Unique indexes, including those that back no constraint (CREATE UNIQUE INDEX). */
    private static List<Key> uniqueIndexes(String schema) throws SQLException {
        String sql = """
                SELECT r.relname, ir.relname, 'unique index',
                       ARRAY(SELECT COALESCE(a.attname::text, '(expression)')
                               FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o)
                               LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
                              ORDER BY k.o),
                       '', ARRAY[]::text[]
                  FROM pg_index i
                  JOIN pg_class r ON r.oid = i.indrelid
                  JOIN pg_class ir ON ir.oid = i.indexrelid
                  JOIN pg_namespace n ON n.oid = r.relnamespace
                 WHERE n.nspname = ? AND i.indisunique
                   AND r.relname NOT IN ('databasechangelog', 'databasechangeloglock')
                """;
        return query(sql, schema);
    }

    private static List<Key> query(String sql, String schema) throws SQLException {
        List<Key> keys = new ArrayList<>();
        try (Connection c = PostgresTestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(new Key(r.getString(1), r.getString(2), r.getString(3),
                            List.of((String[]) r.getArray(4).getArray()), r.getString(5),
                            List.of((String[]) r.getArray(6).getArray())));
                }
            }
        }
        return keys;
    }

    private static List<Key> concat(List<Key> a, List<Key> b) {
        List<Key> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
