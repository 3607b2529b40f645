package io.facefleet.worker.face;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The graph optimisation level a model runs at, and why.
 *
 * @param level         the level its session was created with
 * @param source        measured now, read from the tuning cache, forced by the settings, or the provider's default
 * @param millisPerRun  median milliseconds of one run at each level measured (now or when cached); empty otherwise
 * @param cacheFile     where the choice is cached; null where caching is off
 * @param tuningMillis  what measuring cost at this start (0 unless measured now)
 */
record OptimisationChoice(OptLevel level, Source source, Map<OptLevel, Double> millisPerRun, Path cacheFile,
                          long tuningMillis) {

    enum Source { MEASURED, CACHED, FORCED, PROVIDER_DEFAULT }

    OptimisationChoice {
        millisPerRun = Map.copyOf(millisPerRun);
    }

    static OptimisationChoice unmeasured(OptLevel level, Source source) {
        return new OptimisationChoice(level, source, Map.of(), null, 0);
    }

    /** The level that ran fastest. */
    static OptLevel fastest(Map<OptLevel, Double> millisPerRun) {
        return millisPerRun.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** For the log: "BASIC (39 ms) over ALL (120 ms), EXTENDED (41 ms); measured in 2.1 s, cached in …". */
    String describe() {
        StringBuilder text = new StringBuilder(Optimisation.nameOf(level));
        if (!millisPerRun.isEmpty()) {
            text.append(" (").append(millis(level)).append(") over ").append(millisPerRun.entrySet().stream()
                    .filter(entry -> entry.getKey() != level)
                    .sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                    .map(entry -> Optimisation.nameOf(entry.getKey()) + " (" + millis(entry.getKey()) + ")")
                    .collect(Collectors.joining(", ")));
        }
        text.append(switch (source) {
            case MEASURED -> "; measured in %.1f s".formatted(tuningMillis / 1000.0)
                    + (cacheFile == null ? ", not cached" : ", cached in " + cacheFile);
            case CACHED -> "; from the tuning cache " + cacheFile;
            case FORCED -> "; set by facefleet.engine.optimisation";
            case PROVIDER_DEFAULT -> "; not measured on this execution provider";
        });
        return text.toString();
    }

    private String millis(OptLevel measured) {
        return "%.1f ms".formatted(millisPerRun.get(measured));
    }
}
