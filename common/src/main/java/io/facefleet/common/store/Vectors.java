package io.facefleet.common.store;

import com.pgvector.PGhalfvec;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Converting between Java arrays and PostgreSQL values: embeddings are stored as pgvector's {@code halfvec} (half
 * precision, migration V6_2), boxes and landmarks as {@code real[]}.
 */
public final class Vectors {

    private Vectors() {
    }

    public static PGhalfvec vector(float[] values) {
        return new PGhalfvec(values);
    }

    public static float[] vector(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : new PGhalfvec(text).toArray();
    }

    /** A real[] literal ({1.5,2,3}) that PostgreSQL casts with ::real[]. */
    public static String realArray(float[] values) {
        if (values == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        return sb.append('}').toString();
    }

    public static float[] realArray(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return null;
        }
        Float[] boxed = (Float[]) array.getArray();
        float[] values = new float[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = boxed[i];
        }
        return values;
    }
}
