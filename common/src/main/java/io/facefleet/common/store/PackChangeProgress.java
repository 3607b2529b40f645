package io.facefleet.common.store;

import java.util.List;

/**
 * How far a pack change has got.
 *
 * @param tracksLost       tracks whose face the new pack found at none of their sightings (the switch deletes them)
 * @param videosMissing    videos with tracks not re-embedded yet
 * @param creatorsMissing  creators with faces not re-embedded yet
 */
public record PackChangeProgress(long tracks, long tracksDone, long tracksLost, long creatorFaces,
                                 long creatorFacesDone, List<Long> videosMissing, List<Long> creatorsMissing) {

    public boolean complete() {
        return tracksDone == tracks && creatorFacesDone == creatorFaces;
    }
}
