package io.facefleet.scheduler.config;

import io.facefleet.common.store.RecognitionConfig;

/** A change to the recognition settings; a field left out keeps its current value. */
record ConfigUpdate(Float matchThreshold, Float autoTagThreshold, Integer framesPerVideo, Float minDetScore,
                    Integer minFaceSize) {

    /** @throws IllegalArgumentException from {@link RecognitionConfig}'s checks */
    RecognitionConfig applyTo(RecognitionConfig current) {
        return new RecognitionConfig(
                matchThreshold == null ? current.matchThreshold() : matchThreshold,
                autoTagThreshold == null ? current.autoTagThreshold() : autoTagThreshold,
                framesPerVideo == null ? current.framesPerVideo() : framesPerVideo,
                minDetScore == null ? current.minDetScore() : minDetScore,
                minFaceSize == null ? current.minFaceSize() : minFaceSize);
    }
}
