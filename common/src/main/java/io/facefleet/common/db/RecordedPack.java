package io.facefleet.common.db;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Optional;

/** The model pack a database was created for, from its facefleet_meta row. */
public record RecordedPack(String name, int embeddingDim) {

    public static Optional<RecordedPack> read(JdbcClient jdbc) {
        boolean exists = jdbc.sql("SELECT to_regclass('facefleet_meta') IS NOT NULL").query(Boolean.class).single();
        if (!exists) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT model_pack, embedding_dim FROM facefleet_meta WHERE id = 1")
                .query((rs, n) -> new RecordedPack(rs.getString(1), rs.getInt(2))).optional();
    }
}
