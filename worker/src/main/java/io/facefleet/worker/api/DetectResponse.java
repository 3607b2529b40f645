package io.facefleet.worker.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Every face of the image, strongest detection first. */
public record DetectResponse(List<FaceJson> faces, @JsonProperty("processing_time_ms") double processingTimeMs) {
}
