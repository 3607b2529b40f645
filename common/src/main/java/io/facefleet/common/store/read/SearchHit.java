package io.facefleet.common.store.read;

import java.util.List;

/** A video a search by photo found the face in: its moments (face tracks), nearest first. */
public record SearchHit(long videoId, String path, float bestSimilarity, List<SearchMoment> moments) {
}
