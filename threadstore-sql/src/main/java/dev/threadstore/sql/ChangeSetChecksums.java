package dev.threadstore.sql;

import dev.threadstore.spi.StoreUri;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Liquibase records in {@code DATABASECHANGELOG} once every changeset of a dialect's changelog has run: one
 * line per changeset, {@code id}, {@code author}, {@code filename} and checksum, kept as a class-path resource
 * beside the changelog (the changelog's name with {@code .xml} replaced by {@value #SUFFIX}) and generated from it
 * by {@link #generate}. A test in each dialect module fails while the two disagree.
 *
 * <p>Opening a store asks {@link #recorded} first, in one read-only statement: when the schema's history holds
 * exactly these rows and no Liquibase lock is taken, nothing is pending and nothing is being migrated, so the store
 * skips Liquibase (and its start-up, most of a cold open). Anything else (no history table, a row missing, an extra
 * or a different row, a changed or cleared checksum, a taken lock, any error) answers false, and the caller takes
 * Liquibase's full path, which is the one safe against concurrent migrators and reports what is wrong. Nothing is
 * cached: every open reads the database again. Thread-safe (stateless).
 */
public final class ChangeSetChecksums {

    /** What replaces {@code .xml} at the end of the changelog's name to name the resource. */
    public static final String SUFFIX = "-checksums.txt";

    private static final Logger LOG = LoggerFactory.getLogger(ChangeSetChecksums.class);

    private ChangeSetChecksums() {
    }

    /**
     * @param dialect the dialect
     * @return the class-path name of the dialect's checksum resource, e.g.
     *     {@code dev/threadstore/sqlite/changelog-checksums.txt}
     * @throws NullPointerException if {@code dialect} is null
     */
    public static String resource(Dialect dialect) {
        String changelog = dialect.changelog();
        return (changelog.endsWith(".xml") ? changelog.substring(0, changelog.length() - 4) : changelog) + SUFFIX;
    }

    /**
     * @param dialect the dialect
     * @return the text of the dialect's checksum resource, or empty when the dialect has none
     * @throws IOException if the resource cannot be read
     * @throws NullPointerException if {@code dialect} is null
     */
    public static Optional<String> stored(Dialect dialect) throws IOException {
        try (InputStream in = dialect.getClass().getClassLoader().getResourceAsStream(resource(dialect))) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Generates the resource's text from the changelog: a comment line, then per changeset, in changelog order,
     * {@code id}, {@code author}, {@code filename} and the checksum Liquibase records, separated by tabs.
     *
     * @param dialect the dialect
     * @return the text, ending with a line break
     * @throws Exception if Liquibase cannot parse the changelog
     * @throws NullPointerException if {@code dialect} is null
     */
    public static String generate(Dialect dialect) throws Exception {
        StringBuilder text = new StringBuilder("# What DATABASECHANGELOG holds once every changeset of ")
                .append(dialect.changelog()).append(" has run (id, author, filename, checksum).\n")
                .append("# Generated from the changelog: mvn test -Dtest=ChangeSetChecksumsTest")
                .append(" -Dthreadstore.updateChecksums=true\n");
        for (String line : SchemaMigration.recordedChangeSets(dialect)) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /**
     * Whether the database's Liquibase history records exactly the dialect's changesets with the resource's
     * checksums, and no migration holds Liquibase's lock: one read-only statement, in auto-commit mode.
     *
     * @param dialect the dialect
     * @param dataSource the store's pool
     * @param uri the store URL (for the schema Liquibase works in)
     * @return true only when Liquibase would find nothing to run; false on anything else, errors included
     */
    static boolean recorded(Dialect dialect, DataSource dataSource, StoreUri uri) {
        List<String> expected;
        try {
            Optional<String> text = stored(dialect);
            if (text.isEmpty()) {
                return false;
            }
            expected = lines(text.get());
        } catch (IOException | RuntimeException e) {
            LOG.debug("No changeset checksums for {}: {}", dialect.changelog(), e.toString());
            return false;
        }
        if (expected.isEmpty()) {
            return false;
        }
        String schema = dialect.schema(uri).map(s -> "\"" + s.replace("\"", "\"\"") + "\".").orElse("");
        String sql = "SELECT c.ID, c.AUTHOR, c.FILENAME, c.MD5SUM,"
                + " (SELECT count(*) FROM " + schema + "DATABASECHANGELOGLOCK l WHERE l.LOCKED = TRUE)"
                + " FROM " + schema + "DATABASECHANGELOG c";
        List<String> found = new ArrayList<>(expected.size());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    if (rows.getLong(5) != 0) {
                        LOG.debug("A Liquibase lock is taken on {}: the full migration path decides",
                                dialect.describe(uri));
                        return false;
                    }
                    found.add(line(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // a pool the application configured without auto-commit
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("No recorded changesets read from {}: {}", dialect.describe(uri), e.toString());
            return false;
        }
        boolean same = found.size() == expected.size() && found.containsAll(expected);
        if (!same) {
            LOG.debug("The changesets recorded in {} are not this release's: the full migration path decides",
                    dialect.describe(uri));
        }
        return same;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /** @return one line of the resource: the four columns separated by tabs */
    static String line(@Nullable String id, @Nullable String author, @Nullable String filename,
                               @Nullable String checksum) {
        return String.join("\t", String.valueOf(id), String.valueOf(author), String.valueOf(filename),
                String.valueOf(checksum));
    }
}
