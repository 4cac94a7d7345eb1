package dev.threadstore.sqlite;

import dev.threadstore.sql.testkit.AbstractChangeSetChecksumsTest;

/** The SQLite changelog's checksum resource is generated from it: see {@link AbstractChangeSetChecksumsTest}. */
class ChangeSetChecksumsTest extends AbstractChangeSetChecksumsTest {

    ChangeSetChecksumsTest() {
        super(new SqliteDialect());
    }
}
