package io.facefleet.common.matching;

/**
 * Every face track template in a process's memory twice over: as its binary code (64 bytes for 512 dimensions),
 * which a scan of all of them scores against a face ({@link BinaryCodes}), and as its {@link ByteVectors bytes}
 * (512), which compare the best of those almost as the exact cosine does. What is left to compare exactly is a score
 * of rows (docs/scaling.md, "Nearest faces scan binary codes").
 */
public final class TrackTemplates {

    private final BinaryCodes codes;
    private final ByteVectors vectors;

    private TrackTemplates(BinaryCodes codes, ByteVectors vectors) {
        this.codes = codes;
        this.vectors = vectors;
    }

    public static TrackTemplates empty() {
        return new TrackTemplates(BinaryCodes.empty(), ByteVectors.empty());
    }

    public int size() {
        return codes.size();
    }

    /** The templates' dimension (0 when there are none). */
    public int dimension() {
        return codes.dimension();
    }

    /**
     * The ids of the {@code keep} templates nearest to the embedding by their bytes, among the {@code candidates}
     * nearest by their codes, nearest first.
     */
    public long[] nearest(float[] embedding, int candidates, int keep) {
        int[] positions = codes.nearestPositions(embedding, candidates);
        byte[] probe = ByteVectors.probe(embedding);
        // the best so far, best first: an insertion into a few dozen beats sorting a few thousand
        int kept = Math.min(keep, positions.length);
        float[] best = new float[kept];
        int[] bestPositions = new int[kept];
        int size = 0;
        for (int position : positions) {
            float similarity = vectors.similarity(position, probe);
            if (size == kept && similarity <= best[kept - 1]) {
                continue;
            }
            int j = size == kept ? kept - 1 : size++;
            while (j > 0 && best[j - 1] < similarity) {
                best[j] = best[j - 1];
                bestPositions[j] = bestPositions[j - 1];
                j--;
            }
            best[j] = similarity;
            bestPositions[j] = position;
        }
        long[] nearest = new long[kept];
        for (int j = 0; j < kept; j++) {
            nearest[j] = codes.id(bestPositions[j]);
        }
        return nearest;
    }

    /** Every id, nearest to the embedding's code first. */
    public long[] ranked(float[] embedding) {
        return codes.ranked(embedding);
    }

    /** These templates and those others, of the same dimension. */
    public TrackTemplates plus(TrackTemplates more) {
        return new TrackTemplates(codes.plus(more.codes), vectors.plus(more.vectors));
    }

    /** Collects templates as PostgreSQL sends a {@code halfvec} ({@code halfvec_send}). */
    public static final class Builder {

        private final BinaryCodes.Builder codes = new BinaryCodes.Builder();
        private final ByteVectors.Builder vectors = new ByteVectors.Builder();

        /** @param sent as {@code halfvec_send} gives it ({@link HalfVectors#fromSent}) */
        public Builder add(long id, byte[] sent) {
            float[] embedding = HalfVectors.floats(HalfVectors.fromSent(sent));
            codes.add(id, embedding);
            vectors.add(embedding);
            return this;
        }

        public TrackTemplates build() {
            return new TrackTemplates(codes.build(), vectors.build());
        }
    }
}
