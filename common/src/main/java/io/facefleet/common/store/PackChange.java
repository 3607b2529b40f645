package io.facefleet.common.store;

import java.time.Instant;

/**
 * A change of the model pack (docs/model-pack-change.md): the pack the library is being re-embedded with, and the
 * thresholds of that pack's manifest, which the switch makes the library's.
 *
 * @param pack   the pack's name, as facefleet_meta will record it
 * @param loadAs what workers load: the built-in pack's name, or the folder of a pack of one's own
 * @param status embedding (under way), switched or abandoned
 */
public record PackChange(long id, String pack, String loadAs, int embeddingDim, String fromPack, float matchThreshold,
                         float autoTagThreshold, String status, Instant startedAt) {

    public static final String EMBEDDING = "embedding";
}
