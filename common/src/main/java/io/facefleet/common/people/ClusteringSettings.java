package io.facefleet.common.people;

/**
 * How unknown faces are grouped, as in Immich's face clustering (a density-based clustering, DBSCAN-like): a face
 * with at least {@code minFaces - 1} unknown neighbours within {@code maxDistance} (cosine distance, 1 - similarity)
 * is a core face, which starts a cluster or brings its neighbours into its own; a face with fewer joins the
 * cluster of its nearest clustered neighbour within that distance, or waits for more faces of its person.
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
