package dev.threadstore.postgres;

import dev.threadstore.StoreConfigurationException;
import java.util.regex.Pattern;

/**
 * The schema a store's tables live in, checked once and quoted once, so that every statement can name it
 * explicitly and nothing depends on the session's {@code search_path} (which a transaction-mode pooler such
 * as PgBouncer neither keeps nor isolates between clients).
 *
 * <p>The name comes from the store's configuration (the {@code schema} option, or the server's
 * {@code current_schema()} read once when the store opens), never from data a caller stores. The
 * {@code schema} option must be a plain lower-case identifier; a name read from the server may be any
 * identifier PostgreSQL allows except one holding braces, so that it cannot form MyBatis placeholder
 * syntax once spliced into the mapper XML (see {@link #quoted()}).
 *
 * @param name the schema's name as PostgreSQL stores it
 */
record SchemaName(String name) {

    private static final Pattern OPTION = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    SchemaName {
        if (name.isEmpty() || name.length() > 63 || name.indexOf('{') >= 0 || name.indexOf('}') >= 0
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new StoreConfigurationException("The PostgreSQL schema '" + name + "' cannot be used: name one with"
                    + " the 'schema' option (a lower-case identifier: letters a-z, digits and '_')");
        }
    }

    /**
     * @param value the {@code schema} option as given
     * @param where the store, for the message (never with a password)
     * @return the schema
     * @throws StoreConfigurationException if the value is not a lower-case identifier
     */
    static SchemaName fromOption(String value, String where) {
        if (!OPTION.matcher(value).matches()) {
            throw new StoreConfigurationException("Option 'schema' must be a lower-case PostgreSQL identifier "
                    + "(letters a-z, digits and '_', not starting with a digit, at most 63 characters), got '"
                    + value + "' in " + where);
        }
        return new SchemaName(value);
    }

    /**
     * @return the name as a quoted SQL identifier ({@code "name"}, inner quotes doubled): safe to splice into a
     *     statement, which is the only way a schema can be named there, since identifiers cannot be bound
     */
    String quoted() {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** @return the name as a quoted SQL string literal, for catalog queries */
    String literal() {
        return "'" + name.replace("'", "''") + "'";
    }
}
