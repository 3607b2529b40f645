package io.facefleet.common.people;

/**
 * How unknown faces are grouped, density-based as in Immich's face clustering (DBSCAN-like): the neighbours of a face
 * are the unmatched faces within {@code maxDistance} (cosine distance, 1 - similarity). A face joins the cluster
 * that at least {@code minFaces - 1} of its neighbours are in (the most, if several); a face with at least
 * {@code minFaces - 1} neighbours in no cluster starts one with them; any other waits for more faces of its person.
 *
 * @param neighbours how many nearest tracks the HNSW index is asked for per face (before the status and distance
 *                   filters)
 */
public record ClusteringSettings(int minFaces, float maxDistance, int neighbours) {

    /** Measured on LFW with the dev-512 pack: docs/unknown-people.md (facefleet eval clusters). */
    public static final int DEFAULT_MIN_FACES = 3;
    public static final float DEFAULT_MAX_DISTANCE = 0.5f;
    public static final int DEFAULT_NEIGHBOURS = 64;

    public ClusteringSettings {
        if (minFaces < 1 || !(maxDistance > 0 && maxDistance < 2) || neighbours < minFaces) {
            throw new IllegalArgumentException("Clustering needs min faces >= 1, a max distance in (0, 2) and at"
                    + " least min faces neighbours; got " + minFaces + ", " + maxDistance + ", " + neighbours);
        }
    }

    public static ClusteringSettings defaults() {
        return new ClusteringSettings(DEFAULT_MIN_FACES, DEFAULT_MAX_DISTANCE, DEFAULT_NEIGHBOURS);
    }
}
