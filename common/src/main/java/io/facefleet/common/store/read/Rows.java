package io.facefleet.common.store.read;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/** Reading the columns JDBC has no null-safe getter for. */
final class Rows {

    private Rows() {
    }

    static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
