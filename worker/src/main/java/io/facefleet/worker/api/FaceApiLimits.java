package io.facefleet.worker.api;

import io.facefleet.worker.face.ExecutionProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many face API requests run at once and how many may wait, under {@code facefleet.face-api}; a request beyond
 * both is answered 503 with Retry-After instead of queueing without bound (each holds an upload and, while it runs,
 * a decoded image of up to max-image-pixels).
 *
 * @param maxConcurrent     requests decoded and analysed at once; 0 sizes it from the engine: 4 on a GPU (the
 *                          device queues the runs), a quarter of the cores on a CPU (every run already uses several)
 * @param maxWaiting        requests admitted to wait for a turn; -1 for twice max-concurrent
 * @param retryAfterSeconds what a refused caller is told to wait
 */
@ConfigurationProperties("facefleet.face-api")
public record FaceApiLimits(@DefaultValue("0") int maxConcurrent, @DefaultValue("-1") int maxWaiting,
                            @DefaultValue("1") int retryAfterSeconds) {

    public FaceApiLimits {
        if (maxConcurrent < 0 || maxWaiting < -1 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("facefleet.face-api: max-concurrent must be 0 (sized from the engine)"
                    + " or more, max-waiting -1 (twice max-concurrent) or more, retry-after-seconds 0 or more");
        }
    }

    int concurrent(ExecutionProvider provider) {
        if (maxConcurrent > 0) {
            return maxConcurrent;
        }
        return provider == ExecutionProvider.CPU ? Math.max(1, Runtime.getRuntime().availableProcessors() / 4) : 4;
    }

    int waiting(ExecutionProvider provider) {
        return maxWaiting >= 0 ? maxWaiting : 2 * concurrent(provider);
    }
}
