/**
 * The core every SQL backend shares. A backend implements {@link dev.threadstore.sql.Dialect}, ships a
 * Liquibase changelog and a MyBatis mapper XML for {@link dev.threadstore.sql.ThreadMapper}, and its provider
 * calls {@link dev.threadstore.sql.SqlThreadStore#open(Dialect, dev.threadstore.spi.StoreUri)}.
 */
@NullMarked
package dev.threadstore.sql;

import org.jspecify.annotations.NullMarked;
