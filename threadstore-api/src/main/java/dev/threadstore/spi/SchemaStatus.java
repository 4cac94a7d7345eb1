package dev.threadstore.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a store's database schema stands: the changesets that have run and the ones still pending, as
 * {@link SchemaInspector#schemaStatus} reports them. Immutable and thread-safe.
 *
 * <p>Neither a component nor its accessor is ever null, unless its description below says "or null".
 *
 * @param changelog the changelog the status is measured against, e.g. {@code dev/threadstore/sqlite/changelog.xml}
 * @param applied the ids of the changesets that have run, in changelog order; empty for a new database
 * @param pending the ids of the changesets that opening the store with {@code migrate=true} (the default) would
 *     run, in the order it would run them; empty when the schema is up to date
 */
public record SchemaStatus(String changelog, List<String> applied, List<String> pending) {

    /**
     * Validates and copies the lists.
     *
     * @throws NullPointerException if an argument or an id is null
     */
    public SchemaStatus {
        Objects.requireNonNull(changelog, "changelog");
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
    }

    /** @return the id of the last changeset that has run, which names the schema's version; empty for a new database */
    public Optional<String> version() {
        return applied.isEmpty() ? Optional.empty() : Optional.of(applied.get(applied.size() - 1));
    }

    /** @return whether no changeset is pending */
    public boolean upToDate() {
        return pending.isEmpty();
    }
}
