package io.facefleet.worker.face;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which ONNX Runtime graph optimisation level the engine runs each model at. The fastest level depends on the model
 * and the CPU (fr_feature runs three times faster at BASIC than at ALL on an AVX-512 Xeon, det_500m the other way
 * round), so by default it is measured once per host and model and cached.
 */
public enum Optimisation {
    /** Measure on CPU unless the tuning cache already holds the choice for this host and model. */
    AUTO(null),
    /** Measure on CPU again, even where the tuning cache holds a choice, and update the cache. */
    MEASURE(null),
    BASIC(OptLevel.BASIC_OPT),
    EXTENDED(OptLevel.EXTENDED_OPT),
    LAYOUT(OptLevel.LAYOUT_OPT),
    ALL(OptLevel.ALL_OPT);

    private final OptLevel forcedLevel;

    Optimisation(OptLevel forcedLevel) {
        this.forcedLevel = forcedLevel;
    }

    /** The level this setting forces, or none where it asks for a measurement. */
    Optional<OptLevel> forcedLevel() {
        return Optional.ofNullable(forcedLevel);
    }

    public static Optimisation parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(configured.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown engine optimisation '" + configured + "': use "
                    + String.join(", ", Arrays.stream(values()).map(Optimisation::id).toList()));
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** BASIC for BASIC_OPT, as the settings and the log name the levels. */
    static String nameOf(OptLevel level) {
        return level.name().replace("_OPT", "");
    }
}
