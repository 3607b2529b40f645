package io.facefleet.common.pack;

/**
 * Cosine-similarity thresholds recommended for a pack.
 *
 * @param verification same person / different person for a pair of photos (best LFW threshold)
 * @param match        a video face at or above this is a candidate kept for review
 * @param autoTag      a video face at or above this tags the video without review
 */
public record Thresholds(float verification, float match, float autoTag) {

    public Thresholds {
        ModelPackManifest.require(verification > -1 && verification < 1, "thresholds.verification must lie in (-1, 1)");
        ModelPackManifest.require(match > -1 && match <= autoTag && autoTag < 1,
                "thresholds must satisfy -1 < match <= autoTag < 1, got match=" + match + " autoTag=" + autoTag);
    }
}
