package io.facefleet.common.people;

/**
 * How unknown faces are grouped, density-based as in Immich's face clustering (DBSCAN-like): the neighbours of a face
 * are the unmatched faces within {@code maxDistance} (cosine distance, 1 - similarity). A face joins the cluster
 * that at least {@code minFaces - 1} of its neighbours are in (the most, if several); a face with at least
 * {@code minFaces - 1} neighbours in no cluster starts one with them; any other waits for more faces of its person.
 *
 * Faces detected with a score below {@code minDetScore} are left out: dark, blurred faces (an audience in the dark)
 * embed close to each other whoever they are.
 *
 * @param neighbours how many nearest tracks are asked for per face (before the status and distance
 *                   filters)
 */
public record ClusteringSettings(int minFaces, float maxDistance, float minDetScore, int neighbours) {

    /** Measured on LFW with the dev-512 pack: docs/unknown-people.md (facefleet eval clusters). */
    public static final int DEFAULT_MIN_FACES = 2;
    public static final float DEFAULT_MAX_DISTANCE = 0.5f;
    /** The Hamilton clip's dark audience faces score 0.51-0.63, its clear faces 0.65-0.84 (Immich's default: 0.7). */
    public static final float DEFAULT_MIN_DET_SCORE = 0.65f;
    public static final int DEFAULT_NEIGHBOURS = 64;

    public ClusteringSettings {
        if (minFaces < 1 || !(maxDistance > 0 && maxDistance < 2) || !(minDetScore >= 0 && minDetScore <= 1)
                || neighbours < minFaces) {
            throw new IllegalArgumentException("Clustering needs min faces >= 1, a max distance in (0, 2), a min"
                    + " detection score in [0, 1] and at least min faces neighbours; got " + minFaces + ", "
                    + maxDistance + ", " + minDetScore + ", " + neighbours);
        }
    }

    public static ClusteringSettings defaults() {
        return new ClusteringSettings(DEFAULT_MIN_FACES, DEFAULT_MAX_DISTANCE, DEFAULT_MIN_DET_SCORE,
                DEFAULT_NEIGHBOURS);
    }
}
