package io.facefleet.worker.face;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.facefleet.worker.face.OptimisationChoice.Source;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a model's session at the fastest graph optimisation level for this host: on CPU it creates one session per
 * level, times them on a sample input, keeps the fastest and closes the others, and caches the choice. GPU providers
 * keep ALL, their own graph transformations being what ALL enables.
 */
final class SessionTuner {

    static final List<OptLevel> CANDIDATES =
            List.of(OptLevel.BASIC_OPT, OptLevel.EXTENDED_OPT, OptLevel.LAYOUT_OPT, OptLevel.ALL_OPT);
    /** Rounds over every level, interleaved so that a burst of load from another process hits each level alike. */
    private static final int TIMED_ROUNDS = 5;

    /** One run of a session on a representative input; its first call also checks that the model fits. */
    @FunctionalInterface
    interface SampleRun {
        void run(OrtSession session) throws OrtException;
    }

    record TunedSession(OrtSession session, OptimisationChoice choice) {
    }

    private final Optimisation optimisation;
    private final TuningCache cache;

    /** @param cacheFile where choices are cached; null measures at every start */
    SessionTuner(Optimisation optimisation, Path cacheFile) {
        this.optimisation = optimisation;
        this.cache = cacheFile == null ? null : new TuningCache(cacheFile);
    }

    static SessionTuner of(EngineSettings settings) {
        return new SessionTuner(settings.optimisation(), settings.tuningCache());
    }

    /** @param inputSize height x width of the sample input, as the cache records it */
    TunedSession open(OrtSessions sessions, String inputSize, SampleRun sampleRun) throws OrtException {
        Optional<OptLevel> forced = optimisation.forcedLevel();
        if (forced.isPresent()) {
            return single(sessions, OptimisationChoice.unmeasured(forced.get(), Source.FORCED));
        }
        if (sessions.provider() != ExecutionProvider.CPU) {
            return single(sessions, OptimisationChoice.unmeasured(OptLevel.ALL_OPT, Source.PROVIDER_DEFAULT));
        }
        TuningKey key = TuningKey.of(sessions.file(), inputSize, sessions.provider(), sessions.intraOpThreads());
        if (cache != null && optimisation == Optimisation.AUTO) {
            Optional<TuningCache.Entry> cached = cache.lookup(key);
            if (cached.isPresent()) {
                TuningCache.Entry entry = cached.get();
                return single(sessions, new OptimisationChoice(entry.level(), Source.CACHED, entry.millisPerRun(),
                        cache.file(), 0));
            }
        }
        return measure(sessions, sampleRun, key);
    }

    private static TunedSession single(OrtSessions sessions, OptimisationChoice choice) throws OrtException {
        return new TunedSession(sessions.create(choice.level()), choice);
    }

    private TunedSession measure(OrtSessions sessions, SampleRun sampleRun, TuningKey key) throws OrtException {
        long start = System.nanoTime();
        Map<OptLevel, OrtSession> candidates = new LinkedHashMap<>();
        OptLevel fastest = null;
        try {
            for (OptLevel level : CANDIDATES) {
                OrtSession session = sessions.create(level);
                candidates.put(level, session);
                sampleRun.run(session); // warm-up: ONNX Runtime's first run allocates and plans
            }
            Map<OptLevel, double[]> runs = new EnumMap<>(OptLevel.class);
            for (int round = 0; round < TIMED_ROUNDS; round++) {
                for (Map.Entry<OptLevel, OrtSession> candidate : candidates.entrySet()) {
                    long runStart = System.nanoTime();
                    sampleRun.run(candidate.getValue());
                    runs.computeIfAbsent(candidate.getKey(), level -> new double[TIMED_ROUNDS])[round] =
                            (System.nanoTime() - runStart) / 1e6;
                }
            }
            Map<OptLevel, Double> millisPerRun = new EnumMap<>(OptLevel.class);
            runs.forEach((level, millis) -> millisPerRun.put(level, median(millis)));
            OptLevel best = OptimisationChoice.fastest(millisPerRun);
            long tuningMillis = (System.nanoTime() - start) / 1_000_000;
            if (cache != null) {
                cache.store(new TuningCache.Entry(key, sessions.file().getFileName().toString(), best, millisPerRun));
            }
            fastest = best;
            return new TunedSession(candidates.get(best), new OptimisationChoice(best, Source.MEASURED,
                    millisPerRun, cache == null ? null : cache.file(), tuningMillis));
        } finally {
            for (Map.Entry<OptLevel, OrtSession> candidate : candidates.entrySet()) {
                if (candidate.getKey() != fastest) {
                    candidate.getValue().close();
                }
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
