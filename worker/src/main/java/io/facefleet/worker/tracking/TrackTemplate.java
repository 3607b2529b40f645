package io.facefleet.worker.tracking;

import io.facefleet.worker.face.Embeddings;

import java.util.List;

/**
 * A face track's template: the mean of the embeddings of its best few faces.
 *
 * @param embeddedFaces the faces it is the mean of
 */
public record TrackTemplate(float[] embedding, int embeddedFaces) {

    /**
     * The mean of the embeddings that agree with the first, the best face's. One that does not agree is another
     * person the boxes could not tell apart; it is left out rather than blurring the template.
     *
     * @param bestFirst the track's faces' embeddings, its best face's first
     */
    public static TrackTemplate ofAgreeing(List<float[]> bestFirst, float sameFaceSimilarity) {
        float[] best = bestFirst.getFirst();
        float[] sum = new float[best.length];
        int used = 0;
        for (float[] embedding : bestFirst) {
            if (embedding == best || Embeddings.cosine(best, embedding) >= sameFaceSimilarity) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += embedding[i];
                }
                used++;
            }
        }
        return new TrackTemplate(Embeddings.l2Normalised(sum), used);
    }
}
