package io.facefleet.worker.face;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Adds up wall-clock time per {@link Stage}; safe to share between threads. */
public final class StageTimings {

    /** Timings that are thrown away, for callers that don't measure. */
    public static final StageTimings NONE = new StageTimings(false);

    private final boolean enabled;
    private final Map<Stage, LongAdder> nanos = new EnumMap<>(Stage.class);

    public StageTimings() {
        this(true);
    }

    private StageTimings(boolean enabled) {
        this.enabled = enabled;
        for (Stage stage : Stage.values()) {
            nanos.put(stage, new LongAdder());
        }
    }

    public void add(Stage stage, long startNanos) {
        if (enabled) {
            nanos.get(stage).add(System.nanoTime() - startNanos);
        }
    }

    public double totalMillis(Stage stage) {
        return nanos.get(stage).sum() / 1e6;
    }
}
