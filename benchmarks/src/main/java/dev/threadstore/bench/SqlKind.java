package dev.threadstore.bench;

/** The SQL database behind a backend, for the baselines that write their own SQL. */
enum SqlKind {
    SQLITE,
    POSTGRESQL
}
