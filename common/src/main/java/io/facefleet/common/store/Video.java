package io.facefleet.common.store;

import java.time.Instant;
import java.util.UUID;

public record Video(long id, String path, long sizeBytes, Instant mtime, Double durationSeconds, Double fps,
                    Integer width, Integer height, VideoStatus status, String error, int attempts, UUID runId,
                    Instant processedAt) {
}
