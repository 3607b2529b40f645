package io.facefleet.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.facefleet.worker.face.DetectedFace;
import io.facefleet.worker.face.Face;

/**
 * One face as the API shows it, in the image's pixel coordinates.
 *
 * @param bbox      x1, y1, x2, y2
 * @param landmarks five [x, y] points: left eye, right eye, nose, left and right mouth corner
 * @param age       not estimated yet; always present, as null, so clients can rely on the key
 * @param gender    not estimated yet; always present, as null
 */
public record FaceJson(
        float[] bbox,
        float[] embedding,
        @JsonProperty("det_score") float detScore,
        float[][] landmarks,
        @JsonInclude(JsonInclude.Include.ALWAYS) Integer age,
        @JsonInclude(JsonInclude.Include.ALWAYS) String gender) {

    public static FaceJson of(Face face) {
        DetectedFace box = face.detection();
        return new FaceJson(new float[]{box.x1(), box.y1(), box.x2(), box.y2()}, face.embedding(), box.score(),
                points(box.landmarks()), null, null);
    }

    private static float[][] points(float[] flat) {
        float[][] points = new float[flat.length / 2][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new float[]{flat[2 * i], flat[2 * i + 1]};
        }
        return points;
    }
}
