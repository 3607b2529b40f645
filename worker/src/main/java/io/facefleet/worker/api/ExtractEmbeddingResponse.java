package io.facefleet.worker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The most prominent face of the image, its fields at the top level beside the processing time. */
public record ExtractEmbeddingResponse(@JsonUnwrapped FaceJson face,
                                       @JsonProperty("processing_time_ms") double processingTimeMs) {
}
