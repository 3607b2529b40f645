package io.facefleet.common.store;

import java.util.List;

/**
 * Face tracks to compare exactly with a face, how many of them were written since the candidates' snapshot, and the
 * model pack the statement saw: whoever chose the candidates knows whether they are codes of today's templates.
 */
public record CandidateTracks(String modelPack, List<CandidateTrack> tracks, int unseen) {
}
