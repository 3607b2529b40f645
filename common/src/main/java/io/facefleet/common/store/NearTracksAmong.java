package io.facefleet.common.store;

import java.util.List;

/**
 * The nearest face tracks among some candidates and every track written since the candidates' snapshot, and the model
 * pack the statement saw: whoever chose the candidates knows whether they are codes of today's templates.
 */
public record NearTracksAmong(String modelPack, List<NearTrack> tracks) {
}
