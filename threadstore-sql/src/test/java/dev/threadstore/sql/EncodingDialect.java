package dev.threadstore.sql;

import com.zaxxer.hikari.HikariConfig;
import dev.threadstore.spi.StoreUri;
import java.sql.SQLException;

/**
 * A dialect for codec tests whose column encodings are not the identity, as PostgreSQL's are not (it cannot
 * store U+0000), so a round trip shows that every column goes through its dialect hook both ways.
 */
final class EncodingDialect implements Dialect {

    @Override
    public String name() {
        return "Test";
    }

    @Override
    public String describe(StoreUri uri) {
        return "test";
    }

    @Override
    public String backend() {
        return "test";
    }

    @Override
    public void configure(HikariConfig config, StoreUri uri) {
        throw new UnsupportedOperationException("codec tests open no pool");
    }

    @Override
    public String changelog() {
        return "none";
    }

    @Override
    public String mapperXml() {
        return "none";
    }

    @Override
    public Failure classify(SQLException e) {
        return Failure.OTHER;
    }

    @Override
    public String encodeText(String text) {
        return "T|" + text;
    }

    @Override
    public String decodeText(String column) {
        if (!column.startsWith("T|")) {
            throw new IllegalArgumentException("not encoded by this dialect: " + column);
        }
        return column.substring(2);
    }

    @Override
    public String encodeJson(String json) {
        return "J|" + json;
    }

    @Override
    public String decodeJson(String column) {
        if (!column.startsWith("J|")) {
            throw new IllegalArgumentException("not encoded by this dialect: " + column);
        }
        return column.substring(2);
    }
}
