package dev.threadstore.postgres;

import dev.threadstore.sql.testkit.AbstractChangeSetChecksumsTest;

/** The PostgreSQL changelog's checksum resource is generated from it: see {@link AbstractChangeSetChecksumsTest}. */
class ChangeSetChecksumsTest extends AbstractChangeSetChecksumsTest {

    ChangeSetChecksumsTest() {
        super(new PostgresDialect());
    }
}
